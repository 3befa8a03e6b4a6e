"""The action of a task: its verb phrase without the deadline words and loose punctuation."""

from __future__ import annotations

import re

from nlp.record import Deadline

STRIP = " \t\n,;:.-–/|"
_SPACES = re.compile(r"\s+")
_TAIL = re.compile(r"(?:[\s,;(]*(?:hoàn\s+thành|xong|thời\s+hạn|và))+[\s,;(]*$", re.IGNORECASE)
_EMPTY_PARENS = re.compile(r"\(\s*[,;.]?\s*\)")


def action_text(text: str, start: int, end: int, deadline: Deadline | None) -> str:
    """``text[start:end]`` as an action: the deadline cut out, spaces and brackets tidied."""
    if deadline is not None and start <= deadline.start < end:
        parts = [text[start : deadline.start], text[deadline.end : end]]
        if not parts[0].strip(STRIP):
            parts[1] = parts[1].lstrip(STRIP)
        else:
            parts[0] = _TAIL.sub("", parts[0])
        raw = " ".join(parts)
    else:
        raw = text[start:end]
    raw = _balance(_EMPTY_PARENS.sub("", _SPACES.sub(" ", raw)))
    raw = raw.replace(" .", ".").replace(" ,", ",")
    return _TAIL.sub("", raw.strip(STRIP)).strip(STRIP)


def _balance(text: str) -> str:
    """Drop a ")" left without its "(" (and a "(" left open) once a deadline is cut out."""
    out: list[str] = []
    open_at: list[int] = []
    for char in text:
        if char == "(":
            open_at.append(len(out))
        elif char == ")":
            if not open_at:
                continue
            open_at.pop()
        out.append(char)
    for index in reversed(open_at):
        del out[index]
    return "".join(out)
