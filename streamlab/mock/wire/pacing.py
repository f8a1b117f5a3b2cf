"""How fast a reply streams: time to first token, time per token, jitter; overridable per request."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable
from dataclasses import dataclass

HEADERS = {"ttft_ms": "x-mock-ttft-ms", "token_ms": "x-mock-token-ms", "jitter_ms": "x-mock-jitter-ms"}
MAX_MS = 60_000
YIELD_EVERY = 8  # with no delay at all, still let the event loop breathe every few frames


@dataclass(frozen=True)
class Pacing:
    ttft_ms: int = 300
    token_ms: int = 30
    jitter_ms: int = 10
    seed: str = ""

    @classmethod
    def from_headers(cls, headers, seed: str) -> Pacing:
        values = {}
        for field, header in HEADERS.items():
            raw = headers.get(header)
            if raw is not None:
                try:
                    values[field] = min(max(int(float(raw)), 0), MAX_MS)
                except ValueError:
                    pass  # an unreadable value keeps the default
        return cls(seed=seed, **values)

    @property
    def instant(self) -> bool:
        return self.ttft_ms == 0 and self.token_ms == 0

    def delays(self, tokens: int) -> list[float]:
        """Seconds to wait before the first frame, then before each later token (deterministic jitter)."""
        rng = random.Random(self.seed)

        def jittered(ms: int) -> float:
            if not ms:
                return 0.0
            return max(0.0, ms + rng.uniform(-self.jitter_ms, self.jitter_ms)) / 1000

        return [jittered(self.ttft_ms)] + [jittered(self.token_ms) for _ in range(max(tokens - 1, 0))]

    def total(self, tokens: int) -> float:
        return sum(self.delays(tokens))


class Clock:
    """A stream's own timeline: each token is due a delay after the one before it was due, not after it was sent.

    A real model keeps generating at its pace while a busy server or client falls behind; so a late frame does
    not push every later frame back, and a stream of N tokens lasts `Pacing.total(N)` when the loop keeps up."""

    def __init__(self, now: Callable[[], float] | None = None, sleep: Callable | None = None):
        self.now = now or asyncio.get_running_loop().time
        self.sleep = sleep or asyncio.sleep  # a test's own clock and sleep, never a patched asyncio.sleep
        self.due = self.now()

    async def pause(self, seconds: float, frame_number: int) -> None:
        self.due += seconds
        wait = self.due - self.now()
        if wait > 0:
            await self.sleep(wait)
        elif frame_number % YIELD_EVERY == 0:
            await self.sleep(0)

