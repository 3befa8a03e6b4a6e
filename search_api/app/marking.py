"""A record's text as HTML with every extracted field marked at its offsets.

Spans may nest (a deadline inside a task) or cross (a citation running past the end of a
task); the output is always well-formed: a span cut by the end of another is closed and
opened again after it. Only the first piece of a span carries its ``id`` (the anchor the
structured panel links to).
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from nlp.record import Record
from search_api.app.labels import label


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    kind: str
    """CSS class suffix: ``meta``, ``task``, ``deadline``, ``citation``, ``award``, ``entity``."""
    title: str
    anchor: str | None = None


def record_spans(record: Record) -> list[Span]:
    """A span for every field of ``record`` that says where in the text it was read."""
    spans = [
        Span(start, end, "meta", label("fields", name), f"meta-{name}")
        for name, (start, end) in record.metadata.evidence.items()
    ]
    for i, task in enumerate(record.tasks):
        who = ", ".join(task.assignees) or "?"
        spans.append(Span(task.start, task.end, "task", f"{label('marks', 'task')}: {who}",
                          f"task-{i}"))
        if task.deadline is not None and task.deadline.end > task.deadline.start:
            when = task.deadline.date or task.deadline.text
            spans.append(Span(task.deadline.start, task.deadline.end, "deadline",
                              f"{label('marks', 'deadline')}: {when}"))
    spans += [
        Span(c.start, c.end, "citation", f"{label('citation_roles', c.role)}: {c.number or c.text}",
             f"citation-{i}")
        for i, c in enumerate(record.citations)
    ]
    spans += [
        Span(a.start, a.end, "award", f"{a.award}: {a.recipient.name}", f"award-{i}")
        for i, a in enumerate(record.awards)
    ]
    spans += [
        Span(e.start, e.end, "entity", f"{label('entity_labels', e.label)}: {e.canonical or e.text}")
        for e in record.entities
    ]
    return spans


def _open(span: Span, first: bool) -> str:
    anchor = f' id="{escape(span.anchor)}"' if first and span.anchor else ""
    return f'<mark class="f f-{escape(span.kind)}" title="{escape(span.title)}"{anchor}>'


def mark_text(text: str, spans: list[Span]) -> Markup:
    """``text`` escaped, each valid span wrapped in ``<mark class="f f-KIND">``."""
    valid = sorted(
        (s for s in spans if 0 <= s.start < s.end <= len(text)),
        key=lambda s: (s.start, -s.end),
    )
    points = sorted({0, len(text), *(s.start for s in valid), *(s.end for s in valid)})
    starting: dict[int, list[Span]] = {}
    for span in valid:
        starting.setdefault(span.start, []).append(span)
    out: list[str] = []
    stack: list[Span] = []
    for here, after in zip(points, [*points[1:], None], strict=True):
        if any(s.end == here for s in stack):
            reopen = []
            while any(s.end == here for s in stack):
                top = stack.pop()
                out.append("</mark>")
                if top.end != here:
                    reopen.append(top)
            for span in reversed(reopen):
                out.append(_open(span, first=False))
                stack.append(span)
        for span in starting.get(here, []):
            out.append(_open(span, first=True))
            stack.append(span)
        if after is not None:
            out.append(str(escape(text[here:after])))
    out.extend("</mark>" for _ in stack)
    return Markup("".join(out))
