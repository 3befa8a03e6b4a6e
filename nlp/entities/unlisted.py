"""The name of a body the gazetteer does not list, read after its head: "Vụ" + "Tổ chức cán
bộ", "Trung tâm" + "TTDL&CNS", "Phòng" + "Phổ biến, giáo dục pháp luật".

The name runs over capitalised words and the lower-case words that follow them, up to a stop
word or phrase (a verb or a function word after the name: "Vụ Pháp chế chủ trì") or a
boundary (punctuation, a line end, the next mention). A comma followed by lower-case words
continues the name when that part ends the item (a closing mark, a line end, a comma before
the next body: "Phòng Phổ biến, giáo dục pháp luật, Sở Tư pháp;"), or always after a fixed
pair ("Cục Phòng, chống tệ nạn xã hội", name_keep_phrases); it does not when it runs into a
stop word or into more lower-case items ("Sở Tư pháp, phòng tư pháp các huyện", "Liên đoàn
Thương mại và Công nghiệp Việt Nam, tập đoàn, tổng công ty").
"""

from __future__ import annotations

from collections.abc import Container

from nlp.entities.gazetteer import NameWords
from nlp.entities.view import View, norm

MAX_NAME = 10
_BOUNDARY = frozenset([",", ";", ".", ":", ")", "(", "|"])
_ITEM_ENDS = frozenset([";", ".", ":", ")", "|"])


def capitalised(word: str) -> bool:
    """A word written with a capital: "Nội", "TTĐT", "PT-TH", "TTDL&CNS", "COVID-19" (not
    "Khánh4", a footnote mark)."""
    letters = word.replace("-", "").replace("&", "")
    return word[:1].isupper() and (letters.isalpha() or ("-" in word and letters.isalnum()))


def _stops(low: str, pair: str, rules: NameWords) -> bool:
    return low in rules.stop_words or pair in rules.stop_phrases or low in rules.stop_phrases


def _run(view: View, first: int, rules: NameWords, starts: Container[int]) -> tuple[int, bool]:
    """End of the words of a name whose word ``first`` is taken, and whether it ended at a
    boundary rather than at a stop word or at the length limit."""
    n = len(view)
    words = view.words
    end = first + 1
    while end < n and end - first < MAX_NAME:
        if not view.joined(end - 1):
            gap = view.text[view.ends[end - 1] : view.starts[end]]
            return end, view.words[end] in _BOUNDARY or "\n" in gap
        word = words[end]
        low = norm(word)
        pair = f"{low} {norm(words[end + 1])}" if end + 1 < n else low
        if pair in rules.keep_phrases:
            end += 2
            continue
        if f"{norm(words[end - 1])} {low}" in rules.keep_phrases:  # "Trung" + "cấp"
            end += 1
            continue
        if end in starts:
            return end, True
        if low == "và" or word == "-":
            if end + 1 < n and capitalised(words[end + 1]) and end + 1 not in starts:
                end += 2
                continue
            return end, False
        if capitalised(word):
            end += 1
            continue
        if not (word.isalpha() and word.islower()):
            return end, word in _BOUNDARY
        if _stops(low, pair, rules):
            return end, False
        end += 1
    return end, end >= n


def _comma_part(view: View, end: int, rules: NameWords, starts: Container[int]) -> str:
    """Whether ", " + lower-case words may continue the name ending at ``end``: "keep" for a
    fixed pair ("Phòng, chống"), "maybe" when the part must end the item, else ""."""
    n = len(view)
    if end + 1 >= n or view.words[end] != "," or view.starts[end] != view.ends[end - 1]:
        return ""
    if not view.spaced(end) or end + 1 in starts:
        return ""
    word = view.words[end + 1]
    if not (word.isalpha() and word.islower()):
        return ""
    if _fixed_pair(view, end, rules):
        return "keep"
    low = norm(word)
    pair = f"{low} {norm(view.words[end + 2])}" if end + 2 < n else low
    return "" if _stops(low, pair, rules) else "maybe"


def _fixed_pair(view: View, comma: int, rules: NameWords) -> bool:
    """Whether the words around the comma at ``comma`` are a fixed pair ("phòng, chống")."""
    if comma + 1 >= len(view) or view.words[comma] != ",":
        return False
    pair = f"{norm(view.words[comma - 1])}, {norm(view.words[comma + 1])}"
    return pair in rules.keep_phrases


def _ends_item(view: View, end: int, starts: Container[int]) -> bool:
    """Whether the name ending at ``end`` ends its item: a closing mark, a line end, or a
    comma before the next body ("Phòng Phổ biến, giáo dục pháp luật, Sở Tư pháp")."""
    if end >= len(view) or end in starts:
        return True
    word = view.words[end]
    if word in _ITEM_ENDS or "\n" in view.text[view.ends[end - 1] : view.starts[end]]:
        return True
    return (
        word == ","
        and end + 1 < len(view)
        and (end + 1 in starts or capitalised(view.words[end + 1]))
    )


def name_end(view: View, head_end: int, rules: NameWords, starts: Container[int]) -> int:
    """End of a body's name after its head ending at ``head_end`` (``head_end`` if none)."""
    words = view.words
    if head_end >= len(view) or head_end in starts or not view.joined(head_end - 1):
        return head_end
    if not (capitalised(words[head_end]) or _fixed_pair(view, head_end + 1, rules)):
        return head_end  # "Ban Chỉ đạo" + "phòng, chống dịch …" begins a name in lower case
    end, _ = _run(view, head_end, rules, starts)
    while part := _comma_part(view, end, rules, starts):
        more, clean = _run(view, end + 1, rules, starts)
        if part == "maybe" and not (clean and _ends_item(view, more, starts)):
            break
        end = more
    return end
