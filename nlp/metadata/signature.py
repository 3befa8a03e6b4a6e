"""The signature zone: signer blocks and the "Nơi nhận" list, even side by side on one line.

"Nơi nhận: KT. GIÁM ĐỐC" / "- Như trên; PHÓ GIÁM ĐỐC" / "- Lưu: VT." / "Đinh Thị Ngọc Lan"
gives one signer (authority "KT. GIÁM ĐỐC", position "Phó Giám đốc") and one recipient.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from nlp.agencies import fold
from nlp.metadata.lexicon import positions
from nlp.metadata.lines import Span, caps_ratio, is_caps, is_furniture, split_lines, sub_span
from nlp.metadata.people import is_name, position_case, split_names, strip_stamps
from nlp.record import Signer

_NOI_NHAN = re.compile(r"^N[oơ]i\s*nh[aâậ]n\s*[:;.]?\s*", re.IGNORECASE)
_BULLET = re.compile(r"^[-–—~+•*]\s*")
_LUU = re.compile(r"^L[ưu]u\b", re.IGNORECASE)
_STOP = re.compile(
    r"^(?:PHU LUC|DANH SACH|DANH MUC|\(KEM THEO|KEM THEO|MAU SO|BIEU MAU|CONG HOA XA HOI)",
    re.IGNORECASE,
)
_JUNK_TAIL = re.compile(r"[a-z\]\[|(){}]{1,3}$")
_TAIL_NAME = re.compile(r"[;.,]\s+((?:[A-ZĐÀ-Ỹ][a-zà-ỹđ]+\s){1,4}[A-ZĐÀ-Ỹ][a-zà-ỹđ]+)\s*$")


@dataclass(slots=True)
class Signature:
    signers: list[Signer] = field(default_factory=list)
    recipients: list[Span] = field(default_factory=list)


def _sig_kind(text: str, block_open: bool) -> str | None:
    """The kind of a signature line: authority (KT./TM./TL. …), position, caps, or None."""
    if not is_caps(text):
        return None
    if positions().authority_re.match(text):
        return "authority"
    low = text.casefold()
    if any(low.startswith(t) and (len(low) == len(t) or not low[len(t)].isalpha())
           for t, _ in positions().titles):  # fmt: skip
        return "position"
    return "caps" if block_open and caps_ratio(text) == 1.0 else None


def _split_tail(line: Span, block_open: bool) -> tuple[Span | None, Span | None]:
    """Split "- Như trên; PHÓ GIÁM ĐỐC" into its recipient part and its signature part."""
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", line.text)]
    first = len(words)
    while first > 0 and is_caps(line.text[words[first - 1][0] : words[first - 1][1]] + "XX"):
        first -= 1
    for i in range(first, len(words)):
        tail = line.text[words[i][0] :]
        kind = _sig_kind(tail, block_open)
        if kind in ("authority", "position") or (i == 0 and kind is not None):
            head = sub_span(line, 0, words[i][0])
            return (head if head.text else None), sub_span(line, words[i][0], len(line.text))
    return line, None


class _Reader:
    def __init__(self) -> None:
        self.sig = Signature()
        self.block: list[Span] = []
        self.in_list = False

    def _emit(self, name: Span) -> None:
        if not self.block:
            self.sig.signers.append(
                Signer(strip_stamps(name.text), None, None, name.start, name.end)
            )
            return
        columns = _columns(self.block)
        names = split_names(strip_stamps(name.text), len(columns)) if len(columns) > 1 else None
        if names is None:
            columns, names = [[b.text for b in self.block]], [strip_stamps(name.text)]
        for col, who in zip(columns, names, strict=True):
            authority = ", ".join(col[:-1]) or None
            self.sig.signers.append(
                Signer(who, position_case(col[-1]), authority, self.block[0].start, name.end)
            )
        self.block = []

    def _is_names(self, text: str) -> bool:
        """One name, or one per column of a side-by-side block."""
        if _BULLET.match(text):
            return False
        if is_name(strip_stamps(text)):
            return True
        width = len(_columns(self.block)) if self.block else 1
        names = split_names(strip_stamps(text), width) if width > 1 else None
        return names is not None and all(is_name(n) for n in names)

    def _signature_part(self, part: Span) -> bool:
        kind = _sig_kind(part.text, bool(self.block))
        if (
            kind == "authority"
            and self.block
            and not positions().authority_re.match(self.block[-1].text)
        ):
            self.block = []
        if kind is not None:
            self.block.append(part)
            return True
        return False

    def _recipient(self, part: Span) -> None:
        items = self.sig.recipients
        m = _BULLET.match(part.text)
        if m or not items:
            items.append(sub_span(part, m.end() if m else 0, len(part.text)))
            return
        last = items[-1]
        joined = (
            last.text.rstrip(";") + " " + part.text
            if part.text[:1] == "("
            else (last.text + " " + part.text)
        )
        items[-1] = Span(last.start, part.end, joined)

    def line(self, line: Span) -> bool:
        junk = _JUNK_TAIL.search(line.text)
        if junk and is_caps(line.text[: junk.start()]) and line.text[junk.start() - 1].isupper():
            line = Span(line.start, line.start + junk.start(), line.text[: junk.start()])
        text = line.text
        if not text or is_furniture(text):
            return True
        if self.sig.signers and not self.block and (_STOP.match(fold(text)) or len(text) > 90):
            return False
        m = _NOI_NHAN.match(fold(text))
        if m:
            self.in_list = True
            line = sub_span(line, m.end(), len(text))
            if not line.text:
                return True
        left, right = _split_tail(line, bool(self.block))
        if left is not None and right is None and self._is_names(left.text):
            self._emit(left)
            return True
        if left is not None:
            if not self.in_list and not _BULLET.match(left.text):
                return not self.sig.signers
            tail = _TAIL_NAME.search(left.text) if self.block and right is None else None
            if tail and is_name(tail.group(1)):
                self._recipient(sub_span(left, 0, tail.start(1)))
                self._emit(sub_span(left, tail.start(1), len(left.text)))
                return True
            self._recipient(left)
        if right is not None:
            self._signature_part(right)
        return True


def _columns(block: list[Span]) -> list[list[str]]:
    """Signature blocks printed side by side: "KT. BỘ TRƯỞNG BỘ A KT. BỘ TRƯỞNG BỘ B"."""
    parts = [re.split(r"\s{2,}|\s+(?=(?:KT|TM|TL|TUQ|Q)\.\s)", b.text) for b in block]
    width = max(len(p) for p in parts)
    if width < 2 or any(len(p) not in (1, width) for p in parts):
        return [[b.text for b in block]]
    return [[p[i] if len(p) == width else p[0] for p in parts] for i in range(width)]


def read_signature(text: str, start: int, end: int) -> Signature:
    """Signers and recipients in ``text[start:end]`` (the zone after the body's "./.")."""
    reader = _Reader()
    for line in split_lines(text, start, end):
        if not reader.line(line):
            break
    sig = reader.sig
    sig.recipients = [r for r in sig.recipients if r.text and not _LUU.match(r.text)]
    return sig
