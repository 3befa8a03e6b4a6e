"""Paragraph text from a .docx, with runs in legacy fonts converted to Unicode.

A run in ".VnTime" (TCVN3) or "VNI-Times" (VNI) holds Latin-1 codes, not Vietnamese
letters; its font is the run's own, else its character style's, else the paragraph
style's (following ``base_style``), else the document's default paragraph style's.
"""

from __future__ import annotations

from typing import Any

from ingest.legacy import TCVN3, font_conversion, tcvn3_to_unicode, to_unicode


def _style_font(style: Any) -> str | None:
    while style is not None:
        name: str | None = style.font.name
        if name:
            return name
        style = style.base_style
    return None


def _run_font(run: Any, paragraph_font: str | None) -> str | None:
    name: str | None = run.font.name
    if name:
        return name
    style = getattr(run, "style", None)
    if style is not None and not style.builtin:
        return _style_font(style) or paragraph_font
    return paragraph_font


def _runs(paragraph: Any) -> list[Any]:
    runs: list[Any] = []
    for item in paragraph.iter_inner_content():
        runs.extend(item.runs if hasattr(item, "runs") else [item])
    return runs


class LegacyRuns:
    """Converts legacy-font runs, remembering which conversions it applied."""

    def __init__(self, document: Any) -> None:
        try:
            self._default: str | None = _style_font(document.styles["Normal"])
        except KeyError:
            self._default = None
        self.applied: set[str] = set()

    def paragraph_text(self, paragraph: Any) -> str:
        """The paragraph's text, legacy-font runs converted."""
        paragraph_font = _style_font(paragraph.style) or self._default
        font_of = [font_conversion(_run_font(run, paragraph_font)) for run in _runs(paragraph)]
        if not any(font_of):
            return str(paragraph.text)
        parts: list[str] = []
        for run, legacy in zip(_runs(paragraph), font_of, strict=True):
            text: str = run.text
            if legacy is None:
                parts.append(text)
                continue
            conversion, upper = legacy
            self.applied.add(conversion)
            if conversion == TCVN3:
                parts.append(tcvn3_to_unicode(text, upper=upper, guess_case=False))
            else:
                parts.append(to_unicode(text, conversion))
        return "".join(parts)
