"""Plain-text renderings of records and reports for the terminal."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from nlp.record import Record
from search_api.task_export import TaskRow

TABLE_COLUMNS = ("file", "number", "type", "date", "issuer", "signer", "tasks", "cites")


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def summary(record: Record) -> str:
    """A readable block for one record."""
    meta = record.metadata
    signers = "; ".join(
        " ".join(filter(None, (s.authority, s.position, s.name))) for s in meta.signers
    )
    source = record.source
    lines = [
        f"{source.filename}",
        f"  number      {meta.number or '—'}",
        f"  type        {meta.doc_type_label or '—'} ({meta.doc_type or '?'})",
        f"  issuer      {meta.issuer or '—'}"
        + (f"  (under {meta.parent_issuer})" if meta.parent_issuer else ""),
        f"  place, date {meta.place or '—'}, {meta.issued_date or '—'}",
        f"  subject     {_clip(meta.subject or '—', 110)}",
        f"  signed by   {signers or '—'}",
        f"  recipients  {len(meta.recipients)}",
    ]
    if meta.urgency or meta.confidentiality:
        lines.append(f"  marks       {', '.join(filter(None, (meta.urgency, meta.confidentiality)))}")
    with_deadline = sum(1 for t in record.tasks if t.deadline and t.deadline.date)
    lines.append(f"  tasks       {len(record.tasks)} ({with_deadline} with a dated deadline)")
    lines.append(f"  citations   {len(record.citations)}")
    if record.awards:
        lines.append(f"  awards      {len(record.awards)}")
    pages = f", {source.pages} pages" if source.pages else ""
    lines.append(f"  source      {source.media_type}{pages}, {len(record.text):,} characters"
                 + (", OCR" if source.ocr else ""))
    lines.extend(f"  warning     {w}" for w in [*source.warnings, *record.warnings])
    return "\n".join(lines)


def table_row(record: Record) -> list[str]:
    meta = record.metadata
    name = record.source.filename.rsplit("/", 1)[-1]
    signer = meta.signers[0].name if meta.signers and meta.signers[0].name else "—"
    return [
        _clip(name, 34), meta.number or "—", meta.doc_type or "—", meta.issued_date or "—",
        _clip(meta.issuer or "—", 30), _clip(signer, 22), str(len(record.tasks)),
        str(len(record.citations)),
    ]


def table(rows: Sequence[Sequence[str]], columns: Sequence[str] = TABLE_COLUMNS) -> str:
    """Rows aligned under a header line."""
    widths = [max([len(c), *(len(r[i]) for r in rows)]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines.extend("  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)) for r in rows)
    return "\n".join(lines)


def eval_report(documents: int, failures: int, report: Mapping[str, Mapping[str, float]]) -> str:
    """The figures of ``vanban eval`` as a table."""
    rows = []
    for name, figures in report.items():
        if "accuracy" in figures:
            rows.append([name, "accuracy", f"{figures['accuracy']:.3f}",
                         f"{figures['right']:.0f}/{figures['total']:.0f}"])
        else:
            rows.append([name, "F1", f"{figures['f1']:.3f}",
                         f"P {figures['precision']:.3f} R {figures['recall']:.3f} "
                         f"(tp {figures['tp']:.0f} fp {figures['fp']:.0f} fn {figures['fn']:.0f})"])
    head = f"{documents} documents, {failures} failed"
    return head + "\n" + table(rows, ("field", "measure", "score", "detail"))


STATUS_MARK = {"overdue": "OVERDUE", "due_soon": "due soon", "open": "open", "no_deadline": "—"}


def task_table(rows: Sequence[TaskRow]) -> str:
    """Tasks as an aligned table, overdue work marked in capitals."""
    lines = []
    for row in rows:
        task, deadline = row.task, row.task.deadline
        due = (deadline.date or deadline.kind) if deadline else "—"
        lines.append([
            STATUS_MARK.get(row.status, row.status), due,
            _clip(", ".join(task.assignees) or "—", 36), _clip(task.action, 70),
            row.document_number or "—",
        ])
    return table(lines, ("status", "deadline", "assignee", "action", "document"))
