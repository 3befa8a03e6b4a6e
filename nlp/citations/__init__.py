"""Citations of other documents: ``extract_citations(text) -> list[Citation]``."""

from __future__ import annotations

from nlp.citations.extract import extract_citations

__all__ = ["extract_citations"]
