"""Fast segmentation: jieba's HMM-off algorithm over jieba's dictionary.

`Segmenter(Dictionary.load(words, freq)).cut(text)` returns exactly what a jieba Tokenizer that
`add_word`s the same words gives for `lcut(text, HMM=False)` (a test checks this on many
texts), but avoids jieba's per-call generators and repeated logarithms: the same dictionary
(`bot.classify.dictionary`), the same maximum-probability route, in one tight function.
"""

from __future__ import annotations

import re
from math import log
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.classify.dictionary import Dictionary

__all__ = ["Segmenter"]

# jieba's own block patterns (jieba/__init__.py: re_han_default, re_skip_default, re_eng).
_HAN = re.compile(r"([\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]+)", re.U)
_SKIP = re.compile(r"(\r\n|\s)", re.U)
_ENG = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
_MEMO_LIMIT = 300_000  # fragments remembered before the memo starts afresh
# Log-probabilities are never positive: these two mark fragments that are not words.
_PREFIX = 1.0  # the start of a dictionary word, not a word itself
_ABSENT = 2.0  # not even the start of one


class Segmenter:
    """Cuts text like `tokenizer.lcut(text, HMM=False)`, faster."""

    __slots__ = ("_count", "_logtotal", "_memo", "dictionary")

    def __init__(self, dictionary: Dictionary) -> None:
        self.dictionary = dictionary
        self._count = dictionary.count
        self._logtotal = log(dictionary.total)
        self._memo: dict[str, float] = {}

    def cut(self, text: str) -> list[str]:
        """The tokens of `text`; they concatenate back to `text`."""
        out: list[str] = []
        # split() with a capturing group alternates: other text, a matched block, other text …
        for index, block in enumerate(_HAN.split(text)):
            if not block:
                continue
            if index & 1:
                self._cut_block(block, out)
            else:
                for number, piece in enumerate(_SKIP.split(block)):
                    if number & 1:
                        out.append(piece)  # whitespace, kept whole
                    else:
                        out.extend(piece)  # anything else, one character at a time
        return out

    def _learn(self, frag: str) -> float:
        """What the dictionary says of `frag`: its log-probability, _PREFIX or _ABSENT."""
        memo = self._memo
        if len(memo) > _MEMO_LIMIT:
            memo.clear()
        count = self._count(frag)
        if count is None:
            found = _ABSENT
        elif count:
            found = log(count) - self._logtotal
        else:
            found = _PREFIX
        memo[frag] = found
        return found

    def _cut_block(self, block: str, out: list[str]) -> None:
        get, learn = self._memo.get, self._learn
        size = len(block)
        # jieba's DAG and best route in one backward pass: for each start, every dictionary
        # word beginning there, scored by its log-probability plus the best route after it;
        # ties go to the longer word, as in jieba. One memo look-up per fragment tells
        # whether it is a word (its log-probability), only the start of one, or neither.
        score = [0.0] * (size + 1)
        choice = [0] * size
        for start in range(size - 1, -1, -1):
            best = None
            best_end = start
            end = start
            frag = block[start]
            logp = get(frag)
            if logp is None:
                logp = learn(frag)
            while logp != _ABSENT:
                if logp != _PREFIX:
                    value = logp + score[end + 1]
                    if best is None or value > best or (value == best and end > best_end):
                        best = value
                        best_end = end
                end += 1
                if end >= size:
                    break
                frag = block[start : end + 1]
                logp = get(frag)
                if logp is None:
                    logp = learn(frag)
            if best is None:  # an unknown character is a word of its own
                best = log(self._count(block[start]) or 1) - self._logtotal + score[start + 1]
            score[start] = best
            choice[start] = best_end
        # Walk the route; runs of single latin letters or digits are kept together.
        buf = ""
        x = 0
        while x < size:
            y = choice[x] + 1
            word = block[x:y]
            if y - x == 1 and word in _ENG:
                buf += word
            else:
                if buf:
                    out.append(buf)
                    buf = ""
                out.append(word)
            x = y
        if buf:
            out.append(buf)
