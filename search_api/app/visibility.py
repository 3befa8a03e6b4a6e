"""What of a store's answers a principal may see, where the store cannot filter by itself."""

from __future__ import annotations

from search_api.auth.roles import Principal
from search_api.store import Citations, Store
from search_api.store.base import CitationLink, clearance_rank


def visible_ids(store: Store, doc_ids: set[str], principal: Principal) -> set[str]:
    """Those of ``doc_ids`` that are stored and that ``principal`` is cleared for."""
    seen = set()
    for doc_id in doc_ids:
        record = store.get(doc_id)
        if record is not None and principal.sees(clearance_rank(record.metadata.confidentiality)):
            seen.add(doc_id)
    return seen


def visible_citations(store: Store, found: Citations, principal: Principal) -> Citations:
    """``found`` without the citing documents ``principal`` may not see, and with cited
    documents it may not see left unresolved (as if not stored)."""
    ids = {c.target_id for c in found.cites if c.target_id} | {c.doc_id for c in found.cited_by}
    seen = visible_ids(store, ids, principal)
    cites = [c if c.target_id in seen or c.target_id is None
             else CitationLink(c.doc_id, c.number, c.text, c.role, None) for c in found.cites]
    return Citations(cites, [c for c in found.cited_by if c.doc_id in seen])
