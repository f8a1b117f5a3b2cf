"""Bounded polling for tests that wait on another thread or process (a server's counters, a closed stream)."""

import time


def wait_for(predicate, timeout: float = 1.0, every: float = 0.01):
    """Poll `predicate` until it is true or `timeout` seconds pass; returns its last value."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(every)
