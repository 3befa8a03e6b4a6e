"""Build the entity pipeline once: tokenizer, SpanRuler from the gazetteer, components."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from nlp.entities.view import norm

if TYPE_CHECKING:
    from spacy.language import Language


@lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """The spaCy pipeline (built on first use; spaCy and underthesea load here)."""
    import spacy
    from spacy.attrs import NORM  # type: ignore[import-not-found]

    from nlp.entities import components  # noqa: F401  (registers the factories)
    from nlp.entities.tokenizer import SyllableTokenizer

    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.vocab.lex_attr_getters[NORM] = norm  # type: ignore[attr-defined]
    nlp.tokenizer = SyllableTokenizer(nlp.vocab)
    nlp.max_length = 100_000_000  # no parser here: memory is linear in the text
    for name in (
        "vanban_ruler",
        "vanban_compose",
        "vanban_header",
        "vanban_persons",
        "vanban_refs",
        "vanban_resolve",
    ):
        nlp.add_pipe(name)
    return nlp
