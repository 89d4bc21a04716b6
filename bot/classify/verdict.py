"""The classifier's verdict on one message, and its three outcomes. Pure."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from bot.core.triage import SURE_CHATTER

__all__ = ["DEFAULT_BAND", "Outcome", "Verdict"]

Outcome = Literal["complaint", "unsure", "not_complaint"]
# The unsure band around the complaint line, in the model's log-odds (see docs/classifier.md).
DEFAULT_BAND = (-2.0, 1.0)


@dataclass(frozen=True)
class Verdict:
    """The classifier's judgement of one message."""

    is_complaint: bool
    category: str | None
    urgent: bool
    location: str | None
    keywords: tuple[str, ...] = ()
    margin: float = 0.0  # the evidence over the complaint line: > 0 a complaint, < 0 not
    guess: str | None = None  # the best category guess, for a message near the line too
    # the category the rules' own words name (None: they name none, or only "other")
    named: str | None = None
    # a worker should judge it first: the model would file it but this community's lessons
    # say otherwise, or it reads as a reply inside an incident ("灭了 …", "查了 没人"); or the
    # model is sure it is chatter (margin below SURE_CHATTER) but a learned phrase names it
    held: bool = False

    def unheld(self) -> Verdict:
        """Filed after all (where no worker judges: 研判 switched off) — unless the model was
        sure it is chatter and only a learned phrase held it for a worker."""
        if not self.held:
            return self
        if self.margin < SURE_CHATTER:
            return replace(self, held=False)
        return replace(self, is_complaint=True, category=self.guess or "other", held=False)

    def outcome(self, band: tuple[float, float] = DEFAULT_BAND) -> Outcome:
        """complaint, unsure (within `band` of the line: a worker should judge) or
        not_complaint. Danger is never unsure."""
        low, high = band
        if self.urgent:
            return "complaint"
        if self.held:
            return "unsure"
        if self.is_complaint:
            return "unsure" if self.margin < high else "complaint"
        return "unsure" if self.margin >= low and self.guess is not None else "not_complaint"
