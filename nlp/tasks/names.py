"""Agency names inside a clause: "Bộ Tài chính", "Ủy ban nhân dân các tỉnh, thành phố …".

A clause is split into tokens once (``words``); a name starts at a head word ("Bộ", "Ủy
ban", …) or at a collective ("các bộ, ngành") and runs until a verb of the task, a
preposition or punctuation ends it. Tokens keep their character offsets.
"""

from __future__ import annotations

from nlp.tasks.lexicon import rules
from nlp.tasks.shared import shared_head
from nlp.tasks.words import (
    PUNCT,
    STOPS,
    Token,
    abbreviations,
    group_len,
    head_len,
    is_collective,
    known_end,
    not_predicate,
    noun_len,
    phrase_folded,
    predicate_len,
    starts_name,
)

_COLLECTIVE_TAIL = frozenset(
    [
        "liên",
        "quan",
        "có",
        "ngang",
        "bộ",
        "thuộc",
        "trực",
        "trung",
        "ương",
        "cấp",
        "tỉnh",
        "huyện",
        "xã",
        "thành",
        "phố",
    ]
)
# One-word verbs still recognised without their diacritics (OCR: "can" for "cần").


_NAME_WORDS = frozenset(["nhân", "dân", "nhà", "nước", "các", "và", "-", "–", "&"])


def name_end(toks: list[Token], i: int) -> int:
    """The token index just after the name starting at ``i``; ``i`` when none starts there."""
    if i >= len(toks):
        return i
    shared = shared_head(toks, i)
    if shared:
        return shared[-1][1]
    if is_collective(toks, i):
        return _collective_end(toks, i + 1 + group_len(toks, i + 1))
    if toks[i].text in abbreviations():
        return i + 1
    n = head_len(toks, i)
    if n == 0:
        return i
    known = known_end(toks, i)
    j = max(i + n, known)
    limit = min(len(toks), i + 18)
    run_start, run = j, 0
    # A capital after the head (or after a known name) lets lower-case syllables follow it:
    # "Cục Điều tiết điện lực", but "Sở Tư pháp | biên soạn tài liệu".
    capital = False
    in_group = listed = verb_next = False
    while j < limit:
        t = toks[j].text
        if t in PUNCT:
            break
        nxt = toks[j + 1].text if j + 1 < len(toks) else ""
        if t in {",", "và", "&", "-", "–"}:
            if _tight_abbreviation(toks, j) or (
                t == "," and (toks[j - 1].text.lower(), nxt.lower()) in rules().name_pairs
            ):
                j += 1
                continue
            if in_group and group_len(toks, j + 1) and not starts_name(toks, j + 1):
                j += 1
                continue
            if not nxt or nxt in PUNCT:
                break
            if starts_name(toks, j + 1):
                listed = True  # "Tạp chí thuế, Văn phòng": the words before a list go with it
                break
            if nxt[0].isupper() or group_len(toks, j + 1):
                j += 1
                continue
            break
        low = t.lower()
        if t[0].isupper():
            run, capital = 0, True
        elif predicate_len(toks, j):
            verb_next = True
            break
        elif not_predicate(toks, j) or low in STOPS or phrase_folded(toks, j) in rules().handovers:
            break
        elif part := noun_len(toks, j) or group_len(toks, j):
            # A group word, or "Ban kiểm soát", "Cơ quan đăng ký": a unit, as a capital is.
            run, capital = 0, capital or noun_len(toks, j) > 0
            j += part - 1
        elif low in _COLLECTIVE_TAIL or low in _NAME_WORDS:
            run, in_group = 0, in_group or low == "các"
        else:
            run, run_start = run + 1, (j if run == 0 else run_start)
            if run >= 4 and not _capital_ahead(toks, j):
                break
        j += 1
    # Keep a short lower-case tail after a capital ("Cục Điều tiết điện lực"), before a list
    # ("Tạp chí thuế, Văn phòng") or after a collective before the verb ("UBND các huyện
    # ven biển tuyên truyền").
    if run and (run >= 4 or not (capital or (run < 3 and (listed or (in_group and verb_next))))):
        j = run_start
    while j > i + 1 and toks[j - 1].text in {",", "và", "&", "-", "–"}:
        j -= 1
    return j


def _capital_ahead(toks: list[Token], j: int) -> bool:
    """``True`` when a capitalised word ends a long run within two words ("vùng đồng bằng
    sông Cửu Long")."""
    for k in range(j + 1, min(j + 3, len(toks))):
        t = toks[k].text
        if t[0].isupper():
            return True
        if not t[0].isalpha() or t in STOPS or predicate_len(toks, k):
            return False
    return False


def _tight_abbreviation(toks: list[Token], j: int) -> bool:
    """``True`` at the comma of "VH,TT&DL": no space either side, capitals around it."""
    return (
        0 < j < len(toks) - 1
        and toks[j - 1].end == toks[j].start
        and toks[j].end == toks[j + 1].start
        and toks[j - 1].text.isupper()
        and toks[j + 1].text.isupper()
    )


def _collective_end(toks: list[Token], j: int) -> int:
    """End of "các bộ, ngành, địa phương có liên quan", "các Vụ, Cục thuộc Tổng cục Thuế"."""
    after_of = False
    while j < len(toks):
        t = toks[j].text
        low = t.lower()
        if t in {",", "và", "&"}:
            if group_len(toks, j + 1) and not starts_name(toks, j + 1):
                j += 1
                continue
            break
        g = group_len(toks, j)
        if t == "các" and group_len(toks, j + 1):
            j += 1 + group_len(toks, j + 1)  # "các Đại sứ quán các nước"
            continue
        if low == "của" and j + 1 < len(toks) and toks[j + 1].text[0].isupper():
            after_of = True  # "các cơ quan, đơn vị của Trung ương", "… của Bộ Tài chính"
            j += 1
            if head_len(toks, j):
                j = max(j, name_end(toks, j))
                break
            continue
        if g or low in _COLLECTIVE_TAIL or (after_of and t[0].isupper()):
            after_of = after_of or low in {"thuộc", "của"}
            j += max(g, 1)
            continue
        break
    return _qualified_end(toks, j)


def _qualified_end(toks: list[Token], j: int) -> int:
    """Past the words that qualify a collective when a verb follows them closely: "các tổ
    chức, cá nhân được cấp phép hoạt động khoáng sản | lắp đặt …", "các thương nhân đầu mối
    kinh doanh xăng dầu | báo cáo …"; ``j`` itself when no verb comes within 8 words."""
    for k in range(j, min(len(toks), j + 9)):
        t = toks[k].text
        if predicate_len(toks, k) and (k == j or toks[k - 1].text.lower() != "được"):
            return k  # "được hỗ trợ": a passive, not the verb of the task
        low = t.lower()
        if (
            not t[0].isalnum()
            or (low in STOPS and low != "được")
            or (low != "được" and not_predicate(toks, k))
            or phrase_folded(toks, k) in rules().handovers
        ):
            return j
    return j


def topic_end(toks: list[Token], i: int) -> int:
    """End of a committee named with its remit at ``i``, up to the verb of the clause: "Ban
    Chỉ đạo quốc gia về tìm kiếm, quy tập … liệt sĩ | ban hành quy trình"; ``i`` when none."""
    words = [t.text.lower() for t in toks[i : i + 4]]
    head = next((h for h in rules().topic_heads if tuple(words[: len(h)]) == h), None)
    if head is None:
        return i
    about = next(
        (
            k
            for k in range(i + len(head), min(len(toks), i + len(head) + 4))
            if toks[k].text.lower() == "về"
        ),
        None,
    )
    if about is None or any(not t.text.isalpha() for t in toks[i + len(head) : about]):
        return i
    if predicate_len(toks, about + 1):
        return i  # "Ban Chỉ đạo về | xây dựng …": no remit
    for k in range(about + 2, min(len(toks), about + 25)):
        if toks[k].text in PUNCT:
            return i
        if predicate_len(toks, k):
            return k
    return i


def name_list(toks: list[Token], i: int) -> tuple[list[tuple[int, int]], int]:
    """Names separated by "," or "và" from ``i``: ([(first, end) token ranges], next index)."""
    found: list[tuple[int, int]] = []
    j = i
    while True:
        end = name_end(toks, j)
        if end == j:
            break
        found.append((j, end))
        j = end
        k = j
        while k < len(toks) and toks[k].text in {",", "và", "&"}:
            k += 1
        if k == j or not starts_name(toks, k):
            break
        j = k
    return found, (found[-1][1] if found else i)


# Heads written once before a list of fields: "các Bộ: Tài chính, Công an" (Bộ Tài chính, Bộ
# Công an), "các Sở: Nội vụ, Tư pháp".
