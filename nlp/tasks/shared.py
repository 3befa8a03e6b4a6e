"""A head written once before a list of fields: "các Bộ: Tài chính, Công an" stands for
"Bộ Tài chính" and "Bộ Công an"."""

from __future__ import annotations

from nlp.tasks.words import STOPS, Token, known_end, predicate_len, starts_name, tokenize

_SHARED_HEADS = frozenset(["Bộ", "Sở", "Cục", "Vụ", "Ban", "Tổng cục"])
_COUNCIL = ("ủy", "ban", "nhân", "dân")
_LOCAL_UNITS = frozenset(["tỉnh", "thành", "huyện", "quận", "phường", "xã", "thị"])


def _local_head(toks: list[Token], i: int) -> int:
    """Tokens of "UBND các phường:" / "Ủy ban nhân dân các tỉnh:" at ``i`` (0 when none)."""
    n = 1 if toks[i].text == "UBND" else 4 if _words(toks, i, 4) == _COUNCIL else 0
    if not n or i + n + 2 >= len(toks) or toks[i + n].text.lower() != "các":
        return 0
    unit = toks[i + n + 1].text.lower()
    return n + 2 if unit in _LOCAL_UNITS and toks[i + n + 2].text == ":" else 0


def _words(toks: list[Token], i: int, n: int) -> tuple[str, ...]:
    return tuple(t.text.lower() for t in toks[i : i + n])


def shared_head(toks: list[Token], i: int) -> list[tuple[int, int]]:
    """The fields (token ranges) of "các Bộ: Tài chính, Nông nghiệp và Môi trường" (or "UBND
    các phường: Ba Đình, Hoàn Kiếm") at ``i``; ``[]`` when no such list starts there. A field
    runs as far as a known name "Bộ …" does, else over a capitalised word and the lower-case
    words after it."""
    if i + 3 >= len(toks):
        return []
    local = _local_head(toks, i)
    if local:
        head = Token("", toks[i].start, toks[i].start)
        k = i + local + 1
    elif (
        toks[i].text.lower() == "các"
        and toks[i + 1].text in _SHARED_HEADS
        and toks[i + 2].text == ":"
    ):
        head = Token(toks[i + 1].text, toks[i + 1].start, toks[i + 1].end)
        k = i + 3
    else:
        return []
    fields: list[tuple[int, int]] = []
    while k < len(toks) and toks[k].text[0].isupper():
        known = known_end([head, *toks[k : k + 12]], 0)
        if local and starts_name(toks, k):
            break  # "… Từ Liêm và UBND xã Bát Tràng": a name of its own
        if local:  # a place name: "Ba Đình", "Văn Miếu – Quốc Tử Giám"
            end = k + 1
            while end < len(toks) and (
                toks[end].text[0].isupper()
                or (toks[end].text in {"-", "–"} and end + 1 < len(toks))
            ):
                end += 1
        elif known > 1:
            end = k + known - 1
        elif starts_name(toks, k):
            break  # "… Tài chính và Ủy ban nhân dân tỉnh": a name of its own
        else:
            end = k + 1
            while (
                end < min(len(toks), k + 5)
                and toks[end].text.isalpha()
                and toks[end].text.islower()
            ):
                if toks[end].text in STOPS or toks[end].text == "và" or predicate_len(toks, end):
                    break
                end += 1
        fields.append((k, end))
        if (
            end + 1 < len(toks)
            and toks[end].text in {",", "và"}
            and toks[end + 1].text[0].isupper()
        ):
            k = end + 1
            continue
        break
    return fields


def expand_shared(name: str) -> list[str]:
    """``["Bộ Tài chính", "Bộ Công an"]`` for "các Bộ: Tài chính, Công an"; else ``[name]``."""
    if ":" not in name:
        return [name]
    toks = tokenize(name)
    fields = shared_head(toks, 0)
    if not fields or fields[-1][1] != len(toks):
        return [name]
    local = _local_head(toks, 0)
    if local:  # "UBND các phường: Ba Đình" -> "UBND phường Ba Đình"
        unit = name[toks[0].start : toks[local - 3].end] + " " + toks[local - 1].text
        return [f"{unit} {name[toks[a].start : toks[b - 1].end]}" for a, b in fields]
    return [f"{toks[1].text} {name[toks[a].start : toks[b - 1].end]}" for a, b in fields]
