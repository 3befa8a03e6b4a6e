"""Award decisions: ``extract_awards(text, tables) -> AwardResult`` (awards and warnings)."""

from __future__ import annotations

from nlp.awards.extract import AwardResult, extract_awards

__all__ = ["AwardResult", "extract_awards"]
