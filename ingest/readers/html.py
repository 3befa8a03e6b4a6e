"""HTML pages through selectolax (lexbor): the main content only, block elements as lines.

Navigation, page header and footer, scripts, styles and asides are dropped; the content is
the ``<article>``, else ``<main>``, else the block holding the most paragraph text. Tables
are written one row per line, cells joined by " | ", and returned in ``tables``.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from ingest.limits import check_html_depth
from ingest.readers.base import Extracted, Reader, row_line
from ingest.textcodec import decode_text
from nlp.record import Table

_DROP = (
    "nav, header, footer, script, style, aside, noscript, template, iframe, svg, form, "
    "button, [role=navigation], [role=banner], [role=contentinfo], [hidden]"
)
_BLOCKS = frozenset({
    "address", "blockquote", "center", "dd", "div", "dl", "dt", "fieldset", "figcaption",
    "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "ol", "p", "pre", "section",
    "article", "main", "ul", "caption", "body",
})  # fmt: skip
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.IGNORECASE)
_SPACE = re.compile(r"[ \t\r\n\f]+")


def _decode(data: bytes, filename: str) -> tuple[str, str, list[str]]:
    match = _CHARSET.search(data[:4096])
    declared = match.group(1).decode("ascii").lower() if match else None
    if declared and declared not in {"utf-8", "utf8"}:
        try:
            return data.decode(declared), declared, []
        except (LookupError, UnicodeDecodeError):
            pass
    decoded = decode_text(data, filename=filename)
    return decoded.text, decoded.encoding, decoded.warnings


def _own_text_length(node: Any) -> int:
    """Text in the node's direct content children (paragraphs, headings, tables)."""
    total = 0
    for child in node.iter():
        if child.tag in {"p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "pre", "ul", "ol"}:
            total += len(child.text(strip=True))
    return total


def _main(tree: Any) -> Any:
    for selector in ("article", "main", "[role=main]"):
        found = tree.css(selector)
        if found:
            return max(found, key=lambda n: len(n.text(strip=True)))
    body = tree.body
    if body is None:
        return tree.root
    best, best_len = body, _own_text_length(body)
    for node in body.css("div, section, td"):
        length = _own_text_length(node)
        if length > best_len:
            best, best_len = node, length
    return best


class _Writer:
    """Walks a node, collecting lines (blocks break lines; tables become " | " rows)."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.current: list[str] = []
        self.tables: list[Table] = []

    def flush(self) -> None:
        line = _SPACE.sub(" ", "".join(self.current)).strip()
        if line:
            self.lines.append(line)
        self.current = []

    def walk(self, node: Any) -> None:
        for child in node.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                self.current.append(child.text(deep=False))
            elif tag == "br":
                self.flush()
            elif tag == "table":
                self.flush()
                self.table(child)
            elif tag in _BLOCKS:
                self.flush()
                self.walk(child)
                self.flush()
            else:
                self.walk(child)

    def table(self, node: Any) -> None:
        rows = []
        for tr in node.css("tr"):
            cells = [_SPACE.sub(" ", c.text(separator=" ")).strip() for c in tr.css("th, td")]
            if any(cells):
                rows.append(cells)
        if rows:
            self.tables.append(Table(rows=rows))
            self.lines.extend(row_line(row) for row in rows)


class HtmlReader(Reader):
    MEDIA_TYPES: ClassVar[frozenset[str]] = frozenset({"text/html", "application/xhtml+xml"})
    EXTENSIONS: ClassVar[frozenset[str]] = frozenset({"html", "htm", "xhtml"})
    SCORE: ClassVar[int] = 5

    def read(self, data: bytes, *, filename: str) -> Extracted:
        from selectolax.lexbor import LexborHTMLParser

        check_html_depth(data, filename)
        text, encoding, warnings = _decode(data, filename)
        tree = LexborHTMLParser(text)
        while (node := tree.css_first(_DROP)) is not None:
            node.decompose()
        writer = _Writer()
        writer.walk(_main(tree))
        writer.flush()
        return Extracted(
            pages=["\n".join(writer.lines) + "\n"],
            tables=writer.tables,
            warnings=warnings,
            encoding=encoding,
        )
