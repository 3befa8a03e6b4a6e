"""Roles and clearance levels, and who a request acts for (a ``Principal``)."""

from __future__ import annotations

from dataclasses import dataclass

from search_api.store.base import SECRECY_RANKS, TOP_CLEARANCE

ROLES = ("reader", "ingester", "admin")
"""Each role may do what the ones before it may: read; read and upload; everything."""
CLEARANCES = ("public", "mat", "toi_mat", "tuyet_mat")
"""Clearance names by rank: public < Mật < Tối mật < Tuyệt mật."""
MARKS = {rank: name for name, rank in SECRECY_RANKS.items()}
"""Clearance rank -> the mark a document carries in ``metadata.confidentiality``."""
assert len(CLEARANCES) == TOP_CLEARANCE + 1


class UnknownLevelError(ValueError):
    """A role or clearance name that is not one of ``ROLES`` / ``CLEARANCES``."""


def role_rank(role: str) -> int:
    if role not in ROLES:
        raise UnknownLevelError(f"unknown role {role!r}: use one of {', '.join(ROLES)}")
    return ROLES.index(role)


def clearance_of(name: str) -> int:
    """``"toi_mat"`` (or ``"Tối mật"``) -> 2."""
    if name in CLEARANCES:
        return CLEARANCES.index(name)
    if name in SECRECY_RANKS:
        return SECRECY_RANKS[name]
    raise UnknownLevelError(f"unknown clearance {name!r}: use one of {', '.join(CLEARANCES)}")


@dataclass(frozen=True, slots=True)
class Principal:
    """Who a request acts for: a key (by its shown prefix) or the local developer."""

    name: str
    role: str
    clearance: int
    """Highest document mark this principal may see (``CLEARANCES`` index)."""
    key_prefix: str | None = None

    def may(self, role: str) -> bool:
        """True when this principal's role includes ``role``."""
        return role_rank(self.role) >= role_rank(role)

    def sees(self, rank: int) -> bool:
        """True when a document of clearance rank ``rank`` is visible to this principal."""
        return rank <= self.clearance


LOCAL_DEVELOPER = Principal("local-dev", "admin", TOP_CLEARANCE)
"""Everyone in local development mode (bound to the loopback interface only)."""
