"""``extract_entities``: PERSON, ORG, POSITION, LOCATION, AWARD, LEGAL_REF, DATE mentions."""

from __future__ import annotations

from collections.abc import Sequence

from nlp.entities.canonical import canonical
from nlp.entities.loader import load_pipeline
from nlp.record import Citation, Entity, Metadata


def extract_entities(
    text: str,
    *,
    citations: Sequence[Citation] | None = None,
    metadata: Metadata | None = None,
) -> list[Entity]:
    """Entity mentions of ``text`` (NFC), in text order, with offsets and canonical names.

    ``citations`` and ``metadata``: the results of ``extract_citations(text)`` and
    ``extract_metadata(text).metadata`` when the caller has them (saves reading them again).

    >>> [(e.label, e.text) for e in extract_entities("Bộ Nội vụ chủ trì.")]
    [('ORG', 'Bộ Nội vụ')]
    """
    nlp = load_pipeline()
    doc = nlp.tokenizer(text)  # no max_length: the components are linear in the text
    if citations is not None:
        doc.user_data["vanban_citations"] = citations
    if metadata is not None:
        doc.user_data["vanban_metadata"] = metadata
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    known: dict[tuple[int, int], str] = doc.user_data.get("vanban_canonical", {})
    spans = sorted([*doc.ents, *doc.spans["vanban_awards"]], key=lambda s: (s.start, -s.end))
    return [
        Entity(
            ent.label_,
            ent.text,
            ent.start_char,
            ent.end_char,
            known.get((ent.start_char, ent.end_char)) or canonical(ent.label_, ent.text),
        )
        for ent in spans
    ]
