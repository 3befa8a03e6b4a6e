"""Document metadata: number, type, issuer, place and date, subject, signers, recipients."""

from __future__ import annotations

from dataclasses import dataclass, field

from nlp.record import Metadata


@dataclass(slots=True)
class MetadataResult:
    metadata: Metadata
    warnings: list[str] = field(default_factory=list)


def extract_metadata(text: str) -> MetadataResult:
    """TEMPORARY: replaced by the metadata work (helper)."""
    return MetadataResult(Metadata())
