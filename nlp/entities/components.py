"""The spaCy components of the entity pipeline; every factory is registered here.

Importing this module registers the factories (it imports spaCy); only the loader imports it.
The components read the ``View`` the tokenizer leaves in ``doc.user_data["vanban_view"]`` and
pass candidates on in ``doc.user_data["vanban"]`` as ``(start_word, end_word, label, id)``;
canonical names found on the way go to ``doc.user_data["vanban_canonical"]`` by
``(start_char, end_char)``.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from typing import Any

from spacy.language import Language
from spacy.pipeline import SpanRuler
from spacy.tokens import Doc, Span

from nlp.entities import refs
from nlp.entities.canonical import canonical
from nlp.entities.compose import Candidate, compose
from nlp.entities.folded import FoldedMatcher
from nlp.entities.gazetteer import gazetteer
from nlp.entities.header import header_mentions
from nlp.entities.patterns import patterns
from nlp.entities.persons import NameRules, find_persons
from nlp.entities.titles import CUT
from nlp.entities.view import View
from nlp.metadata import extract_metadata
from nlp.record import Metadata

SPANS_KEY = "vanban"
AWARDS_KEY = "vanban_awards"
_FLAT = frozenset(["PERSON", "ORG", "POSITION", "LOCATION", "LEGAL_REF", "DATE", "_BLOCK"])
_NESTED = frozenset(["AWARD"])
_CASED = frozenset(["ORG", "POSITION", "LOCATION", "_HEAD", "_SURNAME"])
_RANK = {
    "_BLOCK": 10,
    "LEGAL_REF": 7,
    "AWARD": 7,
    "POSITION": 6,
    "ORG": 6,
    "LOCATION": 5,
    "DATE": 5,
    "PERSON": 3,
}


def _rank(label: str, ident: str) -> int:
    if label == "ORG" and ident == "generic":
        return 2
    if label == "PERSON" and ident == "cue":
        return 5
    return _RANK.get(label, 0)


def _keep(view: View, start: int, end: int, label: str) -> bool:
    """Case and context checks on a ruler match."""
    if label in _CASED:
        if not view.words[start][:1].isupper():
            return False
        # an abbreviation inside a document symbol ("63/TB-VPCP") is not a mention
        if end - start == 1 and start > 0 and view.words[start - 1] in {"-", "/"}:
            return view.starts[start] != view.ends[start - 1]
    if label == "ORG" and end - start > 1 and not _cased_like_name(view, start, end):
        return False
    return all(view.continues(i) for i in range(start, end - 1))


def _cased_like_name(view: View, start: int, end: int) -> bool:
    """A body's name keeps the capitals of its canonical name ("Bộ Xây dựng", not the verb
    in "Thanh tra Bộ xây dựng bộ tiêu chí"); a line in capitals passes."""
    words = view.words[start:end]
    if all(w.isupper() or not w.isalpha() for w in words):
        return True
    name = (canonical("ORG", view.span_text(start, end)) or "").split()
    if len(name) != len(words):
        return True
    return all(w[:1].isupper() or not n[:1].isupper() for w, n in zip(words, name, strict=True))


@Language.factory("vanban_ruler")
def make_ruler(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """A SpanRuler with the gazetteer's phrase patterns, run over the words of the View
    (so that a name wrapped over two lines is matched)."""
    ruler = SpanRuler(
        nlp, name, spans_key=SPANS_KEY, phrase_matcher_attr="NORM", validate=False, overwrite=True
    )
    ruler.add_patterns(list(patterns()))  # type: ignore[arg-type]
    vocab = nlp.vocab
    tokenizer = nlp.tokenizer
    folded = FoldedMatcher(
        vocab, patterns(), lambda text: tokenizer(text).user_data["vanban_view"].words
    )

    def component(doc: Doc) -> Doc:
        view: View = doc.user_data["vanban_view"]
        words = Doc(vocab, words=view.words)
        found: list[Candidate] = []
        for span in ruler(words).spans[SPANS_KEY]:
            if _keep(view, span.start, span.end, span.label_):
                found.append((span.start, span.end, span.label_, span.id_))
        names: dict[tuple[int, int], str] = doc.user_data.setdefault("vanban_canonical", {})
        for start, end, label, ident, text in folded(view):  # "PHO CHỦ TỊCH"
            if _keep(view, start, end, label):
                found.append((start, end, label, ident))
                if label in {"ORG", "POSITION", "LOCATION"}:
                    names[(view.starts[start], view.ends[end - 1])] = canonical(label, text) or text
        found.sort()
        doc.user_data[SPANS_KEY] = found
        return doc

    return component


@Language.factory("vanban_compose")
def make_compose(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """Bodies with their place, unlisted bodies, places after a qualifier."""
    rules = gazetteer().name_rules

    def component(doc: Doc) -> Doc:
        view: View = doc.user_data["vanban_view"]
        spans = compose(view, doc.user_data[SPANS_KEY], rules)
        names: dict[tuple[int, int], str] = doc.user_data.setdefault("vanban_canonical", {})
        for start, end, _, ident in spans:
            if ident.startswith(CUT):  # "Trưởng" of "Trưởng Ban Chỉ đạo …" is "Trưởng ban"
                names[(view.starts[start], view.ends[end - 1])] = ident[len(CUT) :]
        doc.user_data[SPANS_KEY] = spans
        return doc

    return component


def _words(view: View, start_char: int, end_char: int) -> tuple[int, int]:
    """The words of ``view`` inside the characters ``start_char:end_char``."""
    return bisect.bisect_left(view.ends, start_char + 1), bisect.bisect_left(view.starts, end_char)


@Language.factory("vanban_header")
def make_header(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """Issuers, mottos, the date line's place and the signers, read with the metadata reader
    (``doc.user_data["vanban_metadata"]`` when the caller has it)."""

    def component(doc: Doc) -> Doc:
        view: View = doc.user_data["vanban_view"]
        spans: list[Candidate] = doc.user_data[SPANS_KEY]
        names: dict[tuple[int, int], str] = doc.user_data.setdefault("vanban_canonical", {})
        meta: Metadata | None = doc.user_data.get("vanban_metadata")
        if meta is None:
            meta = extract_metadata(view.text).metadata
        found = {(s, e) for s, e, label, _ in spans if label in {"ORG", "LOCATION", "POSITION"}}
        for start_char, end_char, label, name_ in header_mentions(view.text, meta):
            start, end = _words(view, start_char, end_char)
            if start >= end:
                continue
            if label in {"ORG", "LOCATION"} and any(s < end and start < e for s, e in found):
                # the ruler read it: keep its span, give the issuer its full name
                if label == "ORG" and (start, end) in found:
                    names[(view.starts[start], view.ends[end - 1])] = name_
                continue
            spans.append((start, end, label, "header"))
            if name_:
                names[(view.starts[start], view.ends[end - 1])] = name_
        return doc

    return component


@Language.factory("vanban_persons")
def make_persons(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """Person names: surname, capitalised syllables, a cue or the shape of a name."""
    gaz = gazetteer()
    rules = NameRules(
        gaz.surnames,
        frozenset(n.lower() for n in gaz.not_names),
        gaz.max_syllables,
        gaz.highland_names,
        gaz.street_words,
    )

    def component(doc: Doc) -> Doc:
        spans: list[Candidate] = doc.user_data[SPANS_KEY]
        spans.extend(find_persons(doc.user_data["vanban_view"], spans, rules))
        return doc

    return component


@Language.factory("vanban_refs")
def make_refs(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """LEGAL_REF, AWARD and DATE mentions from the citation, award and date readers."""

    def component(doc: Doc) -> Doc:
        view: View = doc.user_data["vanban_view"]
        spans: list[Candidate] = doc.user_data[SPANS_KEY]
        names: dict[tuple[int, int], str] = doc.user_data.setdefault("vanban_canonical", {})
        text = view.text  # doc.text would build every token again
        citations: Any = doc.user_data.get("vanban_citations")
        found = [*refs.legal_refs(text, citations), *refs.awards(text), *refs.dates(text)]
        for start_char, end_char, label, name_ in found:
            start, end = _words(view, start_char, end_char)
            if start < end:
                spans.append((start, end, label, ""))
                names[(view.starts[start], view.ends[end - 1])] = name_
        return doc

    return component


def _resolve(view: View, spans: list[Candidate], labels: frozenset[str]) -> list[Candidate]:
    """Among the candidates with ``labels``, the longer (then more specific) span wins."""
    scored = []
    for start, end, label, ident in spans:
        if label in labels:
            chars = view.ends[end - 1] - view.starts[start]
            scored.append((-chars, -_rank(label, ident), start, end, label, ident))
    scored.sort()
    taken = bytearray(len(view))
    kept: list[Candidate] = []
    for _, _, start, end, label, ident in scored:
        if not any(taken[start:end]):
            taken[start:end] = b"\x01" * (end - start)
            kept.append((start, end, label, ident))
    return kept


@Language.factory("vanban_resolve")
def make_resolve(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """The longer, more specific span wins. Names, bodies, titles, places, laws and dates
    become ``doc.ents``; award forms, which contain bodies and titles ("Bằng khen của Thủ
    tướng Chính phủ"), go to ``doc.spans["vanban_awards"]``."""

    def component(doc: Doc) -> Doc:
        view: View = doc.user_data["vanban_view"]
        spans: list[Candidate] = doc.user_data[SPANS_KEY]
        tokens = view.tokens
        ents = []
        for start, end, label, _ in sorted(_resolve(view, spans, _FLAT)):
            if label != "_BLOCK":
                ents.append(Span(doc, tokens[start], tokens[end - 1] + 1, label=label))
        doc.ents = ents
        doc.spans[AWARDS_KEY] = [
            Span(doc, tokens[start], tokens[end - 1] + 1, label=label)
            for start, end, label, _ in sorted(_resolve(view, spans, _NESTED))
        ]
        return doc

    return component
