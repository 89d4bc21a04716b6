"""A danger told in pieces, one short message after another by the same person ("电梯停了" …
"里面有人" … "在喊救命"): each piece alone is a complaint, unsure or chatter; read together
they are a danger. Which of her recent messages are read with the new one, joined how, and
whether together they say what none said alone. Pure: the classifier judges the joined words
as it judges any message (no danger rules of its own here).

Only one person's messages are ever read together (a neighbour's words between hers neither
join her run nor break it: the caller keeps one run per group and person)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from bot.classify.verdict import Verdict

__all__ = [
    "PIECES_READ",
    "PIECES_WITHIN",
    "PIECE_CHARS",
    "Piece",
    "Together",
    "is_piece",
    "joined",
    "kept",
    "read_together",
    "replay_stream",
]

PIECES_WITHIN = timedelta(minutes=3)  # her messages this recent are read with the new one
PIECES_READ = 4  # at most: the new message and three of hers just before it
# a piece is short: a longer message says what it means on its own (judged alone, as always),
# and her run starts again after it. Longer pieces, read as one person's, raised several times
# the false alarms on the labelled streams (docs/classifier.md, "Dangers told in pieces")
PIECE_CHARS = 16
JOINER = " "  # pieces read as one message, as residents type: a space between thoughts


@dataclass(frozen=True)
class Piece:
    """One of a person's recent messages in a group."""

    message_id: int
    text: str
    at: datetime
    urgent: bool = False  # a danger already: alone, or read with the pieces before it
    guess: str | None = None  # the category it leans to alone, if any


@dataclass(frozen=True)
class Together:
    """Her pieces read as one message (the new one last): a danger none of them was alone."""

    pieces: tuple[Piece, ...]
    text: str  # the pieces' words joined, as the classifier read them
    verdict: Verdict  # urgent


def is_piece(text: str) -> bool:
    """Whether a message is short enough to be read as a piece of a longer one."""
    return 0 < len(text.strip()) <= PIECE_CHARS


def joined(pieces: Iterable[Piece]) -> str:
    """The pieces' words as one message, in the order they were said."""
    return JOINER.join(p.text.strip() for p in pieces if p.text.strip())


def _run(earlier: Sequence[Piece], new: Piece) -> tuple[Piece, ...]:
    """Her pieces read with `new`, oldest first, `new` last: those said within PIECES_WITHIN
    before it (the same message heard again is not its own piece), at most PIECES_READ."""
    before = [
        p
        for p in earlier
        if p.message_id != new.message_id and timedelta(0) <= new.at - p.at <= PIECES_WITHIN
    ]
    return (*before[-(PIECES_READ - 1) :], new)


def read_together(
    classify: Callable[[str], Verdict], earlier: Sequence[Piece], new: Piece, alone: Verdict
) -> Together | None:
    """Her new message (`alone`: its verdict on its own) read with her pieces just before it:
    a danger together that none of them was alone. None when it is one alone (heard as any
    danger is), when it is no short piece, when nothing of hers came just before, when one of
    the pieces was a danger already (it was handled as one: nothing new), when together they
    are no danger, or when the new message is a matter of its own of another category."""
    if alone.urgent or not is_piece(new.text):
        return None
    run = _run(earlier, new)
    if len(run) < 2 or any(p.urgent for p in run):
        return None
    verdict = classify(joined(run))
    if not verdict.urgent:
        return None
    run, verdict = _without_other_matters(classify, run, verdict)
    if _another_matter(alone, verdict):
        return None
    return Together(run, joined(run), verdict)


def _without_other_matters(
    classify: Callable[[str], Verdict], run: tuple[Piece, ...], verdict: Verdict
) -> tuple[tuple[Piece, ...], Verdict]:
    """Her pieces that tell the danger: an earlier piece about a matter of another category,
    which the danger is told without, is no part of it ("楼下好吵" … "电梯停了" … "里面有人":
    the noise is not the trapped neighbour's; her place or her "2号楼的电梯" stay with it)."""
    for piece in run[:-1]:
        if len(run) <= 2 or piece.guess in (None, "other", verdict.category):
            continue
        rest = tuple(p for p in run if p is not piece)
        heard = classify(joined(rest))
        if heard.urgent:
            run, verdict = rest, heard
    return run, verdict


def _another_matter(alone: Verdict, together: Verdict) -> bool:
    """The new message alone is about a matter of its own, not the danger read with it ("3栋
    电梯坏了 门关不上" … "我家菜地里头全是水": the flooded garden is no lift's danger)."""
    return alone.guess not in (None, "other", together.category)


def kept(earlier: Sequence[Piece], new: Piece) -> tuple[Piece, ...]:
    """What is remembered of her after `new`: the pieces a next message may still be read with
    (the same message heard again replaces itself); nothing after a message that is no piece."""
    if not is_piece(new.text):
        return ()
    return _run(earlier, new)[-(PIECES_READ - 1) :]


def replay_stream(
    classify: Callable[[str], Verdict], texts: Sequence[str], step: timedelta = timedelta(0)
) -> list[tuple[int, Together]]:
    """A chat replayed as if one person wrote every line, `step` apart (measuring: the worst
    case of the runtime, which reads only one person's own messages together). The dangers
    found only together, each with the index of the line that made it one."""
    found: list[tuple[int, Together]] = []
    memory: tuple[Piece, ...] = ()
    start = datetime(2026, 1, 1)
    for index, text in enumerate(texts):
        alone = classify(text)
        new = Piece(index, text, start + step * index, alone.urgent, alone.guess)
        together = read_together(classify, memory, new, alone)
        if together is not None:
            found.append((index, together))
            new = replace(new, urgent=True)
        memory = kept(memory, new)
    return found
