"""Memory per session: RSS of the server (its web process, worker processes and mock) after 100 and after 1,000
learners, each a new session that runs lesson 1 once through Gradio's HTTP protocol (the way a public Space
meets its visitors).

    python bench/bench_memory.py [--sessions 1000] [--at-once 25]

The mock answers instantly (each session sets the panel's mock speed, as a learner would), so the figure is
the memory a session leaves behind, not the time it takes. Bounded; all traffic on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import uuid
from pathlib import Path

import httpx2

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from room_apps import PROMPT, start_streamlab  # noqa: E402


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def call(http, url, session, fn_index, data):
    joined = await http.post(f"{url}/gradio_api/queue/join", json={"data": data, "fn_index": fn_index,
                                                                    "session_hash": session, "trigger_id": None,
                                                                    "event_data": None})
    event_id = joined.json()["event_id"]
    async with http.stream("GET", f"{url}/gradio_api/queue/data", params={"session_hash": session}) as stream:
        async for line in stream.aiter_lines():
            if line.startswith("data:") and '"process_completed"' in line:
                message = json.loads(line[5:])
                if message.get("event_id") == event_id:
                    return message["output"].get("data")
    return None


async def sessions(url, count, at_once, panel, run):
    gate = asyncio.Semaphore(at_once)
    async with httpx2.AsyncClient(timeout=60) as http:
        async def one():
            async with gate:
                session = uuid.uuid4().hex[:11]
                await call(http, url, session, panel, ["mock", "Custom URL", "", "", "", "instant", "none", False])
                await call(http, url, session, run, [None, PROMPT, None])
        await asyncio.gather(*(one() for _ in range(count)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=1000)
    parser.add_argument("--at-once", type=int, default=25)
    args = parser.parse_args()
    app = start_streamlab(64)
    try:
        config = httpx2.get(f"{app.url}/config", timeout=30).json()
        ids = {c["id"]: c["props"].get("elem_id") for c in config["components"]}
        panel = next(i for i, d in enumerate(config["dependencies"])
                     if "provider-summary" in [ids.get(o) for o in d["outputs"]] and len(d["inputs"]) == 7)
        total = lambda: sum(rss_mb(pid) for pid in app.pids())  # noqa: E731 - the web process and its workers
        print(f"RSS at start: {total():.0f} MB (web process {rss_mb(app.pids()[0]):.0f} MB)")
        done, marks = 0, {}
        for target in (100, args.sessions):
            asyncio.run(sessions(app.url, target - done, args.at_once, panel, app.fn_index))
            done = target
            marks[target] = total()
            print(f"RSS after {target:>5} one-run sessions: {marks[target]:.0f} MB (web process "
                  f"{rss_mb(app.pids()[0]):.0f} MB; {len(app.pids()) - 1} more: the workers, the mock, the rest)")
        grow = marks[args.sessions] - marks[100]
        print(f"growth from 100 to {args.sessions}: {grow:+.0f} MB ({1024 * grow / (args.sessions - 100):.0f} KB "
              "per session)")
    finally:
        app.stop()


if __name__ == "__main__":
    main()
