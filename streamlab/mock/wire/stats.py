"""Counters of one mock app instance, served as JSON at `GET /_stats`."""

from __future__ import annotations

from dataclasses import asdict, dataclass

OUTCOMES = ("completed", "cancelled", "aborted", "failed")


@dataclass
class Stats:
    requests: int = 0
    bad_requests: int = 0
    faults_injected: int = 0
    streams_started: int = 0
    streams_completed: int = 0  # every event sent, through the final marker
    streams_cancelled: int = 0  # the client went away before the end
    streams_aborted: int = 0  # the mock cut the connection (the `disconnect` fault)
    streams_failed: int = 0  # ended by an in-stream error event (the `error_event` fault)
    chunks_sent: int = 0

    @property
    def open_streams(self) -> int:
        return self.streams_started - sum(getattr(self, f"streams_{o}") for o in OUTCOMES)

    def stream_started(self) -> None:
        self.streams_started += 1

    def stream_ended(self, outcome: str) -> None:
        name = f"streams_{outcome}"
        setattr(self, name, getattr(self, name) + 1)

    def snapshot(self) -> dict[str, int]:
        return {**asdict(self), "open_streams": self.open_streams}
