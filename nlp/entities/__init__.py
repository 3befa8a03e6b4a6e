"""Entity mentions: ``extract_entities(text) -> list[Entity]`` (spaCy loads on first call)."""

from __future__ import annotations

from nlp.entities.extract import extract_entities

__all__ = ["extract_entities"]
