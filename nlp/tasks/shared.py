"""A head written once before a list of fields: "các Bộ: Tài chính, Công an" stands for
"Bộ Tài chính" and "Bộ Công an"."""

from __future__ import annotations

from nlp.tasks.words import STOPS, Token, known_end, predicate_len, starts_name, tokenize

_SHARED_HEADS = frozenset(["Bộ", "Sở", "Cục", "Vụ", "Ban", "Tổng cục"])


def shared_head(toks: list[Token], i: int) -> list[tuple[int, int]]:
    """The fields (token ranges) of "các Bộ: Tài chính, Nông nghiệp và Môi trường" at ``i``;
    ``[]`` when no such list starts there. A field runs as far as a known name "Bộ …" does,
    else over a capitalised word and the lower-case words after it."""
    if not (
        i + 3 < len(toks)
        and toks[i].text.lower() == "các"
        and toks[i + 1].text in _SHARED_HEADS
        and toks[i + 2].text == ":"
    ):
        return []
    head = Token(toks[i + 1].text, toks[i + 1].start, toks[i + 1].end)
    fields: list[tuple[int, int]] = []
    k = i + 3
    while k < len(toks) and toks[k].text[0].isupper():
        known = known_end([head, *toks[k : k + 12]], 0)
        if known > 1:
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
    return [f"{toks[1].text} {name[toks[a].start : toks[b - 1].end]}" for a, b in fields]
