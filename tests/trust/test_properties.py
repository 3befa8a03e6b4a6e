"""Property-based tests: the readers and extractors never raise on arbitrary Unicode text
(other than the one clear ``IngestError`` for a file without text), and every offset they
report slices the record text to the value reported."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.errors import IngestError
from ingest.read import read_bytes
from nlp.pipeline import analyze
from nlp.record import Record

FRAGMENTS = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n", "Độc lập - Tự do - Hạnh phúc\n", "Số: 12/TB-UBND\n",
    "Hà Nội, ngày 15 tháng 3 năm 2024\n", "THÔNG BÁO\n", "Kết luận của Chủ tịch UBND tỉnh\n",
    "Giao Sở Tài chính chủ trì, phối hợp với Sở Nội vụ ", "hoàn thành trước ngày 30/6/2024.\n",
    "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ;\n", "MẬT\n",
    "Tặng Bằng khen của Thủ tướng Chính phủ cho Ông Nguyễn Văn A, ", "Nơi nhận:\n",
    "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n", "Trần Văn B\n", "- Như trên;\n", "| 1 | Sở Y tế | |\n",
    "chậm nhất 15 ngày", "\u0301", "\u0300", "\r\n", "\t", " ", "\n\n",
]
TEXT = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=40)), max_size=40).map(
    "".join)


def _spans(record: Record) -> list[tuple[int, int, str | None]]:
    """Every (start, end, value the span should slice to; None when not a slice)."""
    spans: list[tuple[int, int, str | None]] = [
        (start, end, None) for start, end in record.metadata.evidence.values()]
    spans += [(e.start, e.end, e.text) for e in record.entities]
    spans += [(c.start, c.end, c.text) for c in record.citations if c.end > c.start]
    for task in record.tasks:
        spans.append((task.start, task.end, None))
        if task.deadline is not None and task.deadline.end > task.deadline.start:
            spans.append((task.deadline.start, task.deadline.end, task.deadline.text))
    spans += [(a.start, a.end, None) for a in record.awards]
    return spans


def _read(data: bytes, filename: str) -> Record | None:
    """The analysed record, or None for a file refused with one clear line."""
    try:
        parsed = read_bytes(data, filename=filename)
    except IngestError as exc:
        message, named = str(exc), exc.filename
    else:
        return analyze(parsed)
    assert named == filename
    assert message.startswith(f"{filename}: ")
    assert "\n" not in message
    return None


def _check(record: Record | None) -> None:
    if record is None:
        return
    for start, end, value in _spans(record):
        assert 0 <= start <= end <= len(record.text), (start, end, len(record.text))
        if value is not None:
            assert record.text[start:end] == value


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_text_files_never_crash_the_extractors(text: str) -> None:
    _check(_read(text.encode("utf-8", "surrogatepass"), "x.txt"))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_html_pages_never_crash_the_extractors(text: str) -> None:
    page = "<html><body>" + "".join(f"<p>{line}</p>" for line in text.split("\n")) + "</body></html>"
    _check(_read(page.encode("utf-8", "surrogatepass"), "x.html"))


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_are_a_record_or_a_clear_error(data: bytes) -> None:
    for name in ("x.txt", "x.pdf", "x.docx", "x.html", "x"):
        _check(_read(data, name))
