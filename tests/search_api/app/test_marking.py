"""Marking a record's text: escaped, well-formed, every character inside exactly its spans."""

from __future__ import annotations

import html
from html.parser import HTMLParser

from hypothesis import given
from hypothesis import strategies as st

from search_api.app.marking import Span, mark_text, record_spans
from search_api.store import record_from_dict


class _Coverage(HTMLParser):
    """For each character of the text: the titles of the marks it sits in."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.chars: list[frozenset[str]] = []
        self.text: list[str] = []
        self.anchors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        assert tag == "mark"
        found = dict(attrs)
        self.open.append(found["title"] or "")
        if found.get("id"):
            self.anchors.append(found["id"] or "")

    def handle_endtag(self, tag: str) -> None:
        assert tag == "mark"
        assert self.open
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        self.chars.extend(frozenset(self.open) for _ in data)


def _parse(markup: str) -> _Coverage:
    parser = _Coverage()
    parser.feed(markup)
    parser.close()
    assert parser.open == []
    return parser


_TEXT = st.text(alphabet="ab<>&\"' \nđ", min_size=0, max_size=30)


@given(_TEXT, st.lists(st.tuples(st.integers(-2, 32), st.integers(-2, 32)), max_size=8))
def test_marks_cover_exactly_their_spans(text: str, bounds: list[tuple[int, int]]) -> None:
    spans = [Span(a, b, "task", f"s{i}", f"a{i}") for i, (a, b) in enumerate(bounds)]
    parsed = _parse(str(mark_text(text, spans)))
    assert "".join(parsed.text) == text
    valid = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    for i in range(len(text)):
        assert parsed.chars[i] == {s.title for s in valid if s.start <= i < s.end}
    assert sorted(parsed.anchors) == sorted(s.anchor or "" for s in valid)


def test_text_is_escaped() -> None:
    markup = str(mark_text("<script>x</script> & b", [Span(19, 22, "meta", 'a "b"')]))
    assert "<script>" not in markup
    assert html.escape("<script>x</script> ", quote=False) in markup
    assert 'title="a &#34;b&#34;"' in markup or 'title="a &quot;b&quot;"' in markup


def test_record_spans_name_every_extracted_field() -> None:
    text = "Số: 1/CT-TTg. Bộ Nội vụ hoàn thành trước ngày 30/6/2021. Căn cứ Luật X."
    record = record_from_dict({
        "id": "r", "text": text, "source": {"filename": "r.txt"},
        "metadata": {"number": "1/CT-TTg", "evidence": {"number": [4, 12]}},
        "tasks": [{"assignees": ["Bộ Nội vụ"], "coordinators": [], "action": "hoàn thành",
                   "deadline": {"text": "trước ngày 30/6/2021", "date": "2021-06-30",
                                "kind": "by", "start": 35, "end": 55},
                   "report_to": None, "start": 14, "end": 55}],
        "citations": [{"text": "Luật X", "number": None, "doc_type": "luat", "issued_date": None,
                       "issuer": None, "role": "basis", "start": 64, "end": 70}],
        "entities": [{"label": "ORG", "text": "Bộ Nội vụ", "start": 14, "end": 23}],
    })
    kinds = {(s.kind, text[s.start:s.end]) for s in record_spans(record)}
    assert kinds == {("meta", "1/CT-TTg"), ("task", text[14:55]),
                     ("deadline", "trước ngày 30/6/2021"), ("citation", "Luật X"),
                     ("entity", "Bộ Nội vụ")}
