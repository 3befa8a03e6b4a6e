"""A lossless syllable tokenizer for spaCy on underthesea's regex segmentation.

underthesea's ``regex_tokenize`` pattern splits Vietnamese text into syllables, numbers,
abbreviations ("TP.HCM", "NĐ-CP") and punctuation; its CRF word segmentation is far too
slow for whole documents and is not used. Offsets are kept exactly: every gap between two
tokens is whitespace, written as the trailing space of a token or as a whitespace token, so
``doc.text == text``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from nlp.entities.view import View

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

# Abbreviations that keep their final dot ("TP. Hồ Chí Minh"); other capitals lose it
# ("... của UBND." -> "UBND", ".").
_KEEP_DOT = frozenset(
    ["tp.", "tx.", "gs.", "ts.", "pgs.", "ths.", "bs.", "kt.", "tm.", "tl.", "tuq.", "q.", "p."]
)


def split_tokens(text: str, pattern: re.Pattern[str]) -> tuple[list[str], list[bool], View]:
    """Words and trailing-space flags of ``text`` (whitespace runs become tokens), and the
    view of its non-whitespace tokens."""
    words: list[str] = []
    spaces: list[bool] = []
    view = View(text)
    v_words, v_starts, v_ends, v_tokens = view.words, view.starts, view.ends, view.tokens
    pos = 0
    for match in pattern.finditer(text):
        start, end = match.span()
        if start != pos:
            gap = text[pos:start]
            if gap == " " and words:
                spaces[-1] = True
            else:
                _gap(gap, pos, words, spaces, view)
        word = match.group()
        if (
            word[-1] == "."
            and len(word) > 2
            and word[-2].isupper()
            and word.lower() not in _KEEP_DOT
        ):
            _word(word[:-1], start, words, spaces, view)
            word = "."
            start = end - 1
        v_words.append(word)
        v_starts.append(start)
        v_ends.append(end)
        v_tokens.append(len(words))
        words.append(word)
        spaces.append(False)
        pos = end
    if pos < len(text):
        _gap(text[pos:], pos, words, spaces, view)
    return words, spaces, view


def _word(word: str, start: int, words: list[str], spaces: list[bool], view: View) -> None:
    view.words.append(word)
    view.starts.append(start)
    view.ends.append(start + len(word))
    view.tokens.append(len(words))
    words.append(word)
    spaces.append(False)


def _gap(gap: str, start: int, words: list[str], spaces: list[bool], view: View) -> None:
    """Whitespace between two tokens: a trailing space, a whitespace token, or both."""
    if not gap.isspace():  # not reached with underthesea's pattern; kept lossless
        _word(gap, start, words, spaces, view)
        return
    if gap[0] == " " and words:
        spaces[-1] = True
        gap = gap[1:]
    if gap:
        words.append(gap)
        spaces.append(False)


class SyllableTokenizer:
    """spaCy tokenizer: underthesea's regex segmentation, exact offsets."""

    def __init__(self, vocab: Vocab) -> None:
        from spacy.tokens import Doc
        from underthesea.pipeline.word_tokenize.regex_tokenize import patterns

        self.vocab = vocab
        self._doc = Doc
        self._pattern: re.Pattern[str] = patterns

    def __call__(self, text: str) -> Doc:
        words, spaces, view = split_tokens(text, self._pattern)
        doc = self._doc(self.vocab, words=words, spaces=spaces)
        doc.user_data["vanban_view"] = view
        return doc

    def pipe(self, texts: Iterable[str]) -> Iterable[Doc]:
        for text in texts:
            yield self(text)
