"""Whether a server we started answers yet: polled while the app or the mock's process starts."""

from __future__ import annotations

import time

import httpx2


def answers(url: str, timeout: float = 30.0) -> bool:
    """Whether GET `url` answers 200 within `timeout` seconds (polled while a server starts)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx2.get(url, timeout=1).status_code == 200:
                return True
        except httpx2.HTTPError:
            pass
        time.sleep(0.05)
    return False
