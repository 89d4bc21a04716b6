"""How fast one group may be posted to: Telegram's flood limit, and a burst's gathering."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

__all__ = ["Pace"]


@dataclass
class Pace:
    """How fast one group may be posted to, and how acknowledgements gather in a burst.

    A token bucket — a short burst, then a steady rate, a gap between posts — keeps any 60
    seconds under Telegram's 20 messages in one group (by default 5 at once plus 15 a minute).
    After a post, further acknowledgements wait until complaints stop arriving for `calm`
    seconds or the oldest has waited `patience`, so that they go out together.
    """

    burst: float = 5.0
    per_minute: float = 15.0
    gap: float = 0.5
    calm: float = 0.3
    patience: float = 3.0
    busy: float = 10.0  # a group posted to this recently is in a burst
    tokens: float = field(default=-1.0)
    stamp: float = field(default_factory=time.monotonic)
    last: float = float("-inf")

    def __post_init__(self) -> None:
        if self.tokens < 0:
            self.tokens = self.burst

    def wait(self) -> float:
        """Seconds until the next post may go out (0: now)."""
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.per_minute / 60)
        self.stamp = now
        for_token = 0.0 if self.tokens >= 1 else (1 - self.tokens) * 60 / self.per_minute
        return max(for_token, self.last + self.gap - now, 0.0)

    def spend(self) -> None:
        self.tokens -= 1
        self.last = time.monotonic()

    def gathering(self, last_arrival: float, waiting_since: float) -> float:
        """Seconds to let acknowledgements gather before posting them (0: post now)."""
        now = time.monotonic()
        if now - self.last > self.busy:
            return 0.0  # a quiet group: answer at once
        return max(
            0.0, min(self.calm - (now - last_arrival), self.patience - (now - waiting_since))
        )
