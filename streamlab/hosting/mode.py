"""Public or local: how a StreamLab server treats its visitors, read once from the environment.

Public mode is on when the app runs on Hugging Face Spaces (which sets `SPACE_ID`) or with
`STREAMLAB_PUBLIC=1`; a local run is off. In public mode a visitor is anonymous: the owner's keys are not
used for visitors unless `STREAMLAB_SHARE_SERVER_KEYS=1` (then capped), typed base URLs must be public
https addresses, and each browser session has run limits. Every limit is counted on the server.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


def _count(name: str, default: int) -> int:
    try:
        return max(0, int(os.environ.get(name, "") or default))
    except ValueError:
        return default


@dataclass(frozen=True)
class Hosting:
    public: bool = False
    share_server_keys: bool = False
    shared_runs_per_minute: int = 3  # per visitor session, runs on the owner's keys
    shared_runs_per_minute_total: int = 30  # all visitors together, runs on the owner's keys
    shared_runs_per_day: int = 200  # all visitors together, runs on the owner's keys, reset at 00:00 UTC
    runs_per_minute: int = 30  # per visitor session, every run (mock included)

    @classmethod
    def from_env(cls) -> Hosting:
        return cls(public=bool(os.environ.get("SPACE_ID")) or _flag("STREAMLAB_PUBLIC"),
                   share_server_keys=_flag("STREAMLAB_SHARE_SERVER_KEYS"),
                   shared_runs_per_minute=_count("STREAMLAB_SHARED_RUNS_PER_MINUTE", cls.shared_runs_per_minute),
                   shared_runs_per_minute_total=_count("STREAMLAB_SHARED_RUNS_PER_MINUTE_TOTAL",
                                                       cls.shared_runs_per_minute_total),
                   shared_runs_per_day=_count("STREAMLAB_SHARED_RUNS_PER_DAY", cls.shared_runs_per_day),
                   runs_per_minute=_count("STREAMLAB_RUNS_PER_MINUTE", cls.runs_per_minute))

    @property
    def server_keys_for_visitors(self) -> bool:
        return not self.public or self.share_server_keys

    def note(self) -> str:
        """The line the provider panel shows about this mode."""
        if not self.public:
            return ("**Local mode.** Keys from this server's `.env` are used when you leave the key field empty, "
                    "each only with the endpoint it was configured for.")
        keys = (f"The owner's keys are shared, capped at {self.shared_runs_per_minute} runs a minute for each "
                f"visitor, {self.shared_runs_per_minute_total} a minute and {self.shared_runs_per_day} a day in all."
                if self.share_server_keys else "The owner's keys are not used for visitors: use the mock or "
                "paste your own key.")
        return (f"**Public mode.** This server is open to anyone. {keys} A key you paste stays in your browser "
                f"session. Custom base URLs must be public `https` addresses. Up to {self.runs_per_minute} runs "
                "a minute, one at a time per lesson.")
