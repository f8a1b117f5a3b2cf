"""Run limits of a public server, counted in the server: runs per session per minute, a daily total on the
owner's keys, one run per lesson per session at a time. Bounded memory: idle sessions are forgotten.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from dataclasses import dataclass, field

from streamlab.hosting.mode import Hosting
from streamlab.hosting.safe_text import ProviderError

WINDOW_S = 60.0


class LimitReached(ProviderError):
    """A run refused by a limit; the message says which, and what the visitor can do now."""


@dataclass
class PerMinute:
    """At most `limit` events per key in any `WINDOW_S` seconds (sliding window)."""
    limit: int
    clock: object = time.monotonic
    _seen: dict = field(default_factory=dict)
    _swept: float = 0.0

    def wait_s(self, key: str) -> float:
        """0 when one more event fits now; otherwise seconds until it will."""
        now = self.clock()
        self._sweep(now)
        times = self._seen.get(key)
        while times and now - times[0] >= WINDOW_S:
            times.popleft()
        if times is None or len(times) < self.limit:
            return 0.0
        return max(0.1, WINDOW_S - (now - times[0]))

    def add(self, key: str) -> None:
        self._seen.setdefault(key, deque()).append(self.clock())

    def _sweep(self, now: float) -> None:
        if now - self._swept < WINDOW_S:
            return
        self._swept = now
        for key in [k for k, times in self._seen.items() if not times or now - times[-1] >= WINDOW_S]:
            del self._seen[key]

    def __len__(self) -> int:
        return len(self._seen)


@dataclass
class PerDay:
    """At most `limit` events per UTC calendar day, all keys together."""
    limit: int
    wall: object = time.time
    _day: int = -1
    _count: int = 0

    def full(self) -> bool:
        day = int(self.wall() // 86400)
        if day != self._day:
            self._day, self._count = day, 0
        return self._count >= self.limit

    def add(self) -> None:
        self._count += 1


class Limits:
    """What a public server admits. `admit(...)` raises LimitReached or returns a release callback."""

    def __init__(self, hosting: Hosting, clock=time.monotonic, wall=time.time):
        self.hosting = hosting
        self.runs = PerMinute(hosting.runs_per_minute, clock)
        self.shared = PerMinute(hosting.shared_runs_per_minute, clock)
        self.shared_all = PerMinute(hosting.shared_runs_per_minute_total, clock)
        self.shared_today = PerDay(hosting.shared_runs_per_day, wall)
        self.active: set[tuple[str, str]] = set()
        self._lock = threading.Lock()

    def admit(self, session: str, stem: str):
        """Admit one run of `stem` in `session` (one at a time, so many a minute); a release callback."""
        if not self.hosting.public:
            return lambda: None
        with self._lock:
            if (session, stem) in self.active:
                raise LimitReached("This lesson is already running in your session: wait for it to finish or "
                                   "press Stop, then run again.")
            wait = self.runs.wait_s(session)
            if wait:
                raise LimitReached(f"This public server allows {self.hosting.runs_per_minute} runs a minute per "
                                   f"visitor; run again in {wait:.0f} s.")
            self.runs.add(session)
            self.active.add((session, stem))

        def release() -> None:
            with self._lock:
                self.active.discard((session, stem))
        return release

    def admit_shared(self, session: str, provider: str) -> None:
        """Count one run on the owner's key; LimitReached past a cap (per visitor, the whole server, the day).
        The server-wide caps hold even for a caller who makes a new session for every run."""
        if not self.hosting.public:
            return
        name = {"openai": "OpenAI", "anthropic": "Anthropic"}.get(provider, "OpenAI-compatible")
        with self._lock:
            wait = self.shared.wait_s(session)
            if wait:
                raise LimitReached(
                    f"The server's shared {name} key allows {self.hosting.shared_runs_per_minute} runs a minute "
                    f"per visitor; run again in {wait:.0f} s, or switch to Mock or paste your own key.")
            wait = self.shared_all.wait_s("*")
            if wait:
                raise LimitReached(
                    f"The server's shared keys are busy ({self.hosting.shared_runs_per_minute_total} runs a minute "
                    f"for all visitors); run again in {wait:.0f} s, or switch to Mock or paste your own key.")
            if self.shared_today.full():
                raise LimitReached(
                    f"The server's shared keys have served their {self.hosting.shared_runs_per_day} runs for "
                    "today (the count restarts at 00:00 UTC). Switch to Mock, or paste your own key.")
            self.shared.add(session)
            self.shared_all.add("*")
            self.shared_today.add()
