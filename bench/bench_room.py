"""A workshop room: N learners press Run on lesson 1 at once, at the mock's realistic pace, against StreamLab
and, in the same run, against a bare Gradio app doing the same job the plain way (bench/bare_app.py, with the
mock in its own process).

    python bench/bench_room.py [--room 1,10,30,60,100] [--rounds 2]

Learners are driven over Gradio's own HTTP protocol (queue/join, then the SSE data stream) by one async client
process, not by N gradio_client objects, which would cost more CPU than the server. Per app and N it reports:
runs completed with the exact text, p50/p95 time to the first visible text, median and p95 end against one
learner alone (N = 1 in the same run), server CPU per streamed chunk summed over every process of the server
(from /proc), and bytes sent to the learner per chunk. Bounded: every run has a deadline, every server is
stopped by its PID, all traffic stays on 127.0.0.1. Compare ratios, not absolutes: the machine is shared.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import httpx2

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlab import lessons  # noqa: E402
from streamlab.server import answers  # noqa: E402

PROMPT = lessons.load("01_basic").prompt
RUN_DEADLINE_S = 120
TICK = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def cpu_seconds(pids: list[int]) -> float:
    total = 0.0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += sum(int(v) for v in fields[11:15]) / TICK  # utime, stime, cutime, cstime
    return total


@dataclass
class App:
    name: str
    url: str
    mock_url: str  # where its mock's counters are (GET {mock_url}/_stats)
    fn_index: int
    data: list
    load_index: int | None = None  # the page's load event, fired when a learner opens the page
    pids: list[int] = field(default_factory=list)
    processes: list = field(default_factory=list)

    def stop(self) -> None:
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def _spawn(args: list[str], env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, *args], cwd=ROOT, env={**os.environ, **(env or {})},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _fn_index(url: str, api_name: str) -> int:
    config = httpx2.get(f"{url}/config", timeout=30).json()
    return next(i for i, dep in enumerate(config["dependencies"]) if dep.get("api_name") == api_name)


def _load_index(url: str) -> int | None:
    """The event a browser fires when it opens the page (a `load` trigger), if the app has one."""
    config = httpx2.get(f"{url}/config", timeout=30).json()
    return next((i for i, dep in enumerate(config["dependencies"])
                 if any(t[1] == "load" for t in dep.get("targets") or [])), None)


def start_streamlab(concurrency: int) -> App:
    port = free_port()
    process = _spawn(["app.py"], {"GRADIO_SERVER_PORT": str(port), "STREAMLAB_CONCURRENCY": str(concurrency)})
    url = f"http://127.0.0.1:{port}"
    if not answers(f"{url}/mock/_stats", 90):
        process.kill()
        raise RuntimeError("StreamLab did not start")
    return App("StreamLab", url, f"{url}/mock", _fn_index(url, "run_01_basic"), [None, PROMPT], _load_index(url),
               [process.pid], [process])


def start_bare(concurrency: int) -> App:
    mock_port, port = free_port(), free_port()
    mock = _spawn(["-m", "streamlab.mock", "--port", str(mock_port)])
    mock_url = f"http://127.0.0.1:{mock_port}"
    app = _spawn(["bench/bare_app.py", str(port), mock_url, str(concurrency)], {"GRADIO_ANALYTICS_ENABLED": "False"})
    url = f"http://127.0.0.1:{port}"
    if not (answers(f"{mock_url}/_stats", 60) and answers(f"{url}/config", 90)):
        mock.kill()
        app.kill()
        raise RuntimeError("the bare Gradio app did not start")
    return App("bare Gradio", url, mock_url, _fn_index(url, "run"), [PROMPT], _load_index(url), [app.pid, mock.pid],
               [app, mock])


@dataclass
class Run:
    first_s: float | None = None
    end_s: float | None = None
    text: str = ""
    bytes: int = 0


async def open_page(http: httpx2.AsyncClient, app: App, session: str) -> None:
    """What a browser does when the learner opens the page: fire its load event (if any), as non-queued events
    go, and wait for the answer."""
    if app.load_index is None:
        return
    body = {"data": [], "fn_index": app.load_index, "session_hash": session, "trigger_id": None, "event_data": None}
    joined = await http.post(f"{app.url}/gradio_api/queue/join", json=body)
    event_id = joined.json()["event_id"]
    async with http.stream("GET", f"{app.url}/gradio_api/queue/data", params={"session_hash": session}) as stream:
        async for line in stream.aiter_lines():
            if line.startswith("data:") and event_id in line and "process_completed" in line:
                return


async def learner(http: httpx2.AsyncClient, app: App, start: asyncio.Event, opened: bool) -> Run:
    run, session = Run(), uuid.uuid4().hex[:11]
    if opened:
        await open_page(http, app, session)
    await start.wait()
    began = time.perf_counter()
    joined = await http.post(f"{app.url}/gradio_api/queue/join",
                             json={"data": app.data, "fn_index": app.fn_index, "session_hash": session,
                                   "trigger_id": None, "event_data": None})
    event_id = joined.json()["event_id"]
    text = ""
    async with http.stream("GET", f"{app.url}/gradio_api/queue/data", params={"session_hash": session}) as stream:
        async for line in stream.aiter_lines():
            run.bytes += len(line) + 1
            if not line.startswith("data:"):
                continue
            message = json.loads(line[5:])
            if message.get("event_id") != event_id or "output" not in message:
                continue
            main = (message["output"].get("data") or [""])[0]
            if isinstance(main, str):
                text = main
            else:  # a diff: [["append", [], "more"], …] or [["replace", [], "all"]]
                for op, _path, value in main:
                    text = text + value if op == "append" else value if op == "replace" else text
            if text and run.first_s is None:
                run.first_s = time.perf_counter() - began
            if message.get("msg") == "process_completed":
                run.end_s, run.text = time.perf_counter() - began, text
                break
    return run


def expected_text(app: App) -> str:
    import openai

    with openai.OpenAI(base_url=f"{app.mock_url}/openai/v1", api_key="bench-key") as client:
        reply = client.chat.completions.create(model="streamlab-mock", messages=[{"role": "user", "content": PROMPT}],
                                               extra_headers={"X-Mock-TTFT-Ms": "0", "X-Mock-Token-Ms": "0"})
    return reply.choices[0].message.content


async def room(app: App, n: int, opened: bool = True) -> tuple[list[Run], float, int]:
    """N learners at once, each on a page opened beforehand (`opened`) or a fresh session; (runs, server CPU
    seconds from the moment they press Run, chunks the mock streamed)."""
    limits = httpx2.Limits(max_connections=2 * n + 10, max_keepalive_connections=2 * n + 10)
    async with httpx2.AsyncClient(timeout=httpx2.Timeout(RUN_DEADLINE_S), limits=limits) as http:
        chunks_before = (await http.get(f"{app.mock_url}/_stats")).json()["chunks_sent"]
        start = asyncio.Event()
        tasks = [asyncio.create_task(learner(http, app, start, opened)) for _ in range(n)]
        await asyncio.sleep(0.2 + (0.05 * n if opened else 0))  # the room opens the page, then waits for "now"
        cpu_before = cpu_seconds(app.pids)
        start.set()
        done = await asyncio.wait_for(asyncio.gather(*tasks, return_exceptions=True), RUN_DEADLINE_S + 30)
        cpu = cpu_seconds(app.pids) - cpu_before
        chunks = (await http.get(f"{app.mock_url}/_stats")).json()["chunks_sent"] - chunks_before
    return [r if isinstance(r, Run) else Run() for r in done], cpu, chunks


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))] if values else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--room", default="1,10,30,60,100")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--fresh-sessions", action="store_true",
                        help="learners press Run without opening the page first (API callers, not browsers)")
    args = parser.parse_args()
    sizes = [int(n) for n in args.room.split(",")]
    concurrency = max(sizes) + 28
    apps = [start_streamlab(concurrency), start_bare(concurrency)]
    try:
        expected = {app.name: expected_text(app) for app in apps}
        print("cold start, one learner (the first run of each server):")
        for app in apps:
            [run], _, _ = asyncio.run(room(app, 1))
            print(f"  {app.name:<13} first text {run.first_s:.2f} s, end {run.end_s:.2f} s")
        results: dict[tuple[str, int], list] = {}
        for _ in range(args.rounds):
            for n in sizes:
                for app in apps:  # interleaved, so both meet the same machine
                    results.setdefault((app.name, n), []).append(asyncio.run(room(app, n, not args.fresh_sessions)))
        how = "fresh API sessions" if args.fresh_sessions else "each on a page opened beforehand"
        print(f"\nA room pressing Run on lesson 1 together, {how} ({args.rounds} rounds, medians over rounds)")
        print(f"{'app':<13}{'N':>4}{'exact':>9}{'first p50':>11}{'first p95':>11}{'end p50':>9}{'end p95':>9}"
              f"{'p50 vs 1':>10}{'ms CPU/chunk':>14}{'bytes/chunk':>13}")
        for app in apps:
            alone = statistics.median(statistics.median(r.end_s for r in runs if r.end_s)
                                      for runs, _, _ in results[(app.name, sizes[0])])
            for n in sizes:
                rounds = results[(app.name, n)]
                exact = min(sum(r.text == expected[app.name] for r in runs) for runs, _, _ in rounds)
                first50 = statistics.median(pct([r.first_s for r in runs if r.first_s], 0.5) for runs, _, _ in rounds)
                first95 = statistics.median(pct([r.first_s for r in runs if r.first_s], 0.95) for runs, _, _ in rounds)
                end50 = statistics.median(pct([r.end_s for r in runs if r.end_s], 0.5) for runs, _, _ in rounds)
                end95 = statistics.median(pct([r.end_s for r in runs if r.end_s], 0.95) for runs, _, _ in rounds)
                cpu = statistics.median(1000 * c / max(1, k) for _, c, k in rounds)
                per_chunk = statistics.median(sum(r.bytes for r in runs) / max(1, k) for runs, _, k in rounds)
                print(f"{app.name:<13}{n:>4}{f'{exact}/{n}':>9}{first50:>10.2f}s{first95:>10.2f}s{end50:>8.2f}s"
                      f"{end95:>8.2f}s{end50 / alone:>9.2f}×{cpu:>14.2f}{per_chunk:>13.0f}")
    finally:
        for app in apps:
            app.stop()


if __name__ == "__main__":
    main()
