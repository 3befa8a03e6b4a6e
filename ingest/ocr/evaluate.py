"""Scoring OCR by what matters downstream: does the metadata come out right?

``header_matches(text, number, issued_date)`` runs ``nlp.metadata.extract_metadata`` on
OCR text and compares the number (spaces ignored) and the issued date with the expected.
"""

from __future__ import annotations

from dataclasses import dataclass

from nlp.metadata import extract_metadata
from nlp.normalize import normalize_text


@dataclass(slots=True, frozen=True)
class HeaderCheck:
    number: str | None
    issued_date: str | None
    number_ok: bool
    date_ok: bool

    @property
    def ok(self) -> bool:
        return self.number_ok and self.date_ok


def _squash(number: str | None) -> str | None:
    return "".join(number.split()) if number else number


def header_matches(text: str, number: str | None, issued_date: str | None) -> HeaderCheck:
    """Metadata number and date read from ``text`` against the expected ones."""
    metadata = extract_metadata(normalize_text(text)).metadata
    return HeaderCheck(
        number=metadata.number,
        issued_date=metadata.issued_date,
        number_ok=_squash(metadata.number) == _squash(number),
        date_ok=metadata.issued_date == issued_date,
    )
