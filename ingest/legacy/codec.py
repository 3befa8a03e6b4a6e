"""TCVN3 (ABC) and VNI Windows text, as read from 8-bit fonts, to Unicode and back.

Legacy Vietnamese fonts drew Vietnamese letters at Latin-1 code points, so a document in
".VnTime" reads "Thñ t­íng ChÝnh phñ" and one in "VNI-Times" reads "Thuû töôùng Chính phuû".
The tables are data files (``data/tcvn3.tsv``, ``data/vni.tsv``): Unicode letter, legacy form.

TCVN3 has no codes for capitals with a tone mark ("Á", "Ủ"): documents wrote them with the
lowercase code in an uppercase font (".VnTimeH"). ``tcvn3_to_unicode(..., upper=True)``
reads such a run; in plain text, a word whose other letters are all capitals is taken to
be written in that font ("TH¤NG B¸O" -> "THÔNG BÁO").
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

TCVN3 = "tcvn3"
VNI = "vni"
_WORD = re.compile(r"[^\s\d.,;:!?()\[\]\"'/\\\-–—]+")


def _rows(name: str) -> list[tuple[str, str]]:
    text = resources.files("ingest.legacy").joinpath(f"data/{name}.tsv").read_text("utf-8")
    rows = []
    for line in text.splitlines():
        if line and not line.startswith("#"):
            unicode, legacy, *_ = line.split("\t")
            rows.append((unicode, legacy))
    return rows


@lru_cache(maxsize=1)
def tcvn3_table() -> dict[str, str]:
    """TCVN3 character -> Unicode letter (lowercase codes, and the seven plain capitals)."""
    return {chr(int(code, 16)): letter for letter, code in _rows(TCVN3)}


@lru_cache(maxsize=1)
def vni_table() -> dict[str, str]:
    """VNI sequence (one or two characters) -> Unicode letter, both cases of the mark."""
    table: dict[str, str] = {}
    for letter, legacy in _rows(VNI):
        table[legacy] = letter
        if len(legacy) == 2:  # a mark typed in the other case still belongs to the base
            table[legacy[0] + legacy[1].swapcase()] = letter
    return table


@lru_cache(maxsize=1)
def _vni_pattern() -> re.Pattern[str]:
    keys = sorted(vni_table(), key=len, reverse=True)
    return re.compile("|".join(re.escape(k) for k in keys))


def vni_to_unicode(text: str) -> str:
    """VNI text to Unicode.

    >>> vni_to_unicode("Thuû töôùng Chính phuû")
    'Thủ tướng Chính phủ'
    """
    table = vni_table()
    return _vni_pattern().sub(lambda m: table[m.group(0)], text)


def _all_caps(raw: str, table: dict[str, str]) -> bool:
    """Whether the letters written with their own code (ASCII letters and the TCVN3 capitals
    Ă Â Đ Ê Ô Ơ Ư) are all capitals, two at least."""
    letters = [table.get(ch, ch) for ch in raw if ch.isascii() and ch.isalpha()]
    letters += [table[ch] for ch in raw if ch in table and table[ch].isupper()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def _caps_line(line: str, table: dict[str, str]) -> bool:
    """No lowercase letter of its own, and a word of capitals around a tone code."""
    if any(ch.isascii() and ch.islower() for ch in line):
        return False
    return any(
        _all_caps(word, table) and any(ch in table for ch in word) for word in _WORD.findall(line)
    )


def tcvn3_to_unicode(text: str, *, upper: bool = False, guess_case: bool = True) -> str:
    """TCVN3 text to Unicode; ``upper``: the run is in an uppercase font (".VnTimeH").
    With ``guess_case`` (plain text, where the font is unknown) a line of capitals, or else
    a word whose other letters are all capitals, is read as uppercase.

    >>> tcvn3_to_unicode("Thñ t\u00adíng ChÝnh phñ")
    'Thủ tướng Chính phủ'
    >>> tcvn3_to_unicode("CéNG HOµ X· HéI")
    'CỘNG HOÀ XÃ HỘI'
    """
    table = tcvn3_table()

    def word(match: re.Match[str]) -> str:
        raw = match.group(0)
        converted = "".join(table.get(ch, ch) for ch in raw)
        return converted.upper() if _all_caps(raw, table) else converted

    if not guess_case:
        converted = "".join(table.get(ch, ch) for ch in text)
        return converted.upper() if upper else converted
    lines = []
    for line in text.split("\n"):
        if upper or _caps_line(line, table):
            lines.append("".join(table.get(ch, ch) for ch in line).upper())
        else:
            lines.append(_WORD.sub(word, line))
    return "\n".join(lines)


def to_unicode(text: str, conversion: str) -> str:
    """Legacy text (``"tcvn3"`` or ``"vni"``) to Unicode."""
    if conversion == TCVN3:
        return tcvn3_to_unicode(text)
    if conversion == VNI:
        return vni_to_unicode(text)
    raise ValueError(f"unknown legacy encoding: {conversion}")


@lru_cache(maxsize=1)
def _encoders() -> dict[str, dict[str, str]]:
    tcvn3 = {letter: chr(int(code, 16)) for letter, code in _rows(TCVN3)}
    for letter, code in list(tcvn3.items()):  # capitals with a tone: the lowercase code
        if letter.upper() not in tcvn3:
            tcvn3[letter.upper()] = code
    return {TCVN3: tcvn3, VNI: dict(_rows(VNI))}


def from_unicode(text: str, conversion: str) -> str:
    """Unicode text written in a legacy encoding (for tests and fixtures). TCVN3 writes a
    capital with a tone mark with its lowercase code, as a ".VnTime" document would.

    >>> from_unicode("Chủ tịch", "vni")
    'Chuû tòch'
    """
    table = _encoders()[conversion]
    return "".join(table.get(ch, ch) for ch in text)


def tcvn3_runs(text: str) -> list[tuple[str, bool]]:
    """Unicode text as TCVN3 runs ``(text, uppercase_font)``: a capital with a tone mark goes
    in an uppercase-font run, as Word documents in ".VnTime" / ".VnTimeH" did.

    >>> tcvn3_runs("Ủy ban")
    [('ñ', True), ('y ban', False)]
    """
    table = _encoders()[TCVN3]
    lowercase_codes = {chr(int(code, 16)) for letter, code in _rows(TCVN3) if letter.islower()}
    runs: list[tuple[str, bool]] = []
    for ch in text:
        code = table.get(ch, ch)
        upper = ch.isupper() and code in lowercase_codes
        if runs and runs[-1][1] == upper:
            runs[-1] = (runs[-1][0] + code, upper)
        else:
            runs.append((code, upper))
    return runs
