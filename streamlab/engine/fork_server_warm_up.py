"""The fork server of edited runs imports this module once (streamlab.engine.edited_runs.PRELOAD): its import is
the warm-up every edited run's process then inherits, instead of paying for it per run.

What a run would otherwise redo in each process: the TLS context (the CA bundle, ~90 ms of CPU), the SDKs' lazily
imported modules (a client's first `chat.completions`), and then the copy-on-write cost of Python's collector
walking every inherited object (`gc.freeze`: what the fork server holds now is never collected, so a forked
process leaves those pages shared).
"""

from __future__ import annotations

import gc

from streamlab.engine import edit_sandbox  # noqa: F401 - imported here, so the runs' processes have it
from streamlab.hosting import providers


def warm_up() -> None:
    providers.tls_context()
    for kind in ("openai", "async_openai", "anthropic", "async_anthropic"):
        try:
            client = providers.build_client(kind, providers.Settings(mock_url="http://127.0.0.1:9/mock"))
        except Exception:  # noqa: BLE001 - an SDK missing here is reported by the run that needs it
            continue
        _ = (client.chat.completions, client.responses) if "openai" in kind else client.messages  # lazy imports
        if not kind.startswith("async"):
            client.close()
    gc.collect()
    gc.freeze()


warm_up()
