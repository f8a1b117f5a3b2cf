"""A workshop room: N learners press Run on lesson 1 at once, at the mock's realistic pace, against StreamLab
and, in the same run, against a bare Gradio app doing the same job the plain way (bench/bare_app.py, with the
mock in its own process).

    python bench/bench_room.py [--room 1,10,30,60,100] [--rounds 2] [--one-process] [--edited]

Learners are driven over Gradio's own HTTP protocol (queue/join, then the SSE data stream) by one async client
process, not by N gradio_client objects, which would cost more CPU than the server. Per app and N it reports:
runs completed with the exact text, p95 time to the first visible update (the run's first frame: "running", its
elapsed time), p50/p95 time to the first visible text, median and p95 end against one learner alone (N = 1 in the
same run), server CPU per streamed chunk summed over every process of the server (from /proc), and bytes sent to
the learner per chunk. Bounded: every run has a deadline, every server is stopped by its PID, all traffic stays on
127.0.0.1. Compare ratios, not absolutes: the machine is shared.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import httpx2

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from gradio_session import Run, event_body, new_session_hash, stream_event  # noqa: E402
from room_apps import (  # noqa: E402
    App,
    cpu_seconds,
    expected_text,
    spawn_mock,
    start_bare,
    start_streamlab,
    start_streamlab_edited,
    start_streamlab_one_process,
    stopper,
)

from streamlab.web.readiness import answers  # noqa: E402

RUN_DEADLINE_S = 120


async def learner(app: App, start: asyncio.Event, opened: bool, ready: asyncio.Queue | None = None) -> Run:
    """One learner with a browser's own connections and cookies (behind a balancer, its own route): opens the page
    (fires its load event, if any) unless `opened` is False, says so on `ready`, waits for "now", presses Run."""
    session = new_session_hash()
    async with httpx2.AsyncClient(timeout=httpx2.Timeout(RUN_DEADLINE_S)) as http:
        if opened and app.load_index is not None:
            await stream_event(http, app.url, event_body(app.config, app.load_index, [], session))
        if ready is not None:
            ready.put_nowait(session)
        await start.wait()
        return await stream_event(http, app.url, event_body(app.config, app.fn_index, app.data, session))


def chunks_sent(app: App) -> int:
    return chunks_sent_at(app.mock_urls)


def chunks_sent_at(mock_urls: list[str]) -> int:
    return sum(httpx2.get(f"{url}/_stats", timeout=30).json()["chunks_sent"] for url in mock_urls)


async def room(app: App, n: int, opened: bool = True) -> tuple[list[Run], float, int]:
    """N learners at once, each on a page opened beforehand (`opened`) or a fresh session; (runs, server CPU
    seconds from the moment they press Run, chunks the mocks streamed)."""
    chunks_before = chunks_sent(app)
    start, ready = asyncio.Event(), asyncio.Queue()
    tasks = [asyncio.create_task(learner(app, start, opened, ready)) for _ in range(n)]
    # the room has opened the page (every load event answered: in a workshop that is minutes before "now")
    for _ in range(n):
        await asyncio.wait_for(ready.get(), RUN_DEADLINE_S)
    await asyncio.sleep(0.2)
    pids = app.pids()
    each_before = {pid: cpu_seconds([pid]) for pid in pids}
    start.set()
    done = await asyncio.wait_for(asyncio.gather(*tasks, return_exceptions=True), RUN_DEADLINE_S + 30)
    each = {pid: cpu_seconds([pid]) - before for pid, before in each_before.items()}
    cpu = sum(each.values())
    if app.role is not None:
        by_role: dict[str, float] = {}
        for pid, seconds in each.items():
            role = app.role(pid)
            by_role[role] = by_role.get(role, 0.0) + seconds
        app.cpu_by_role.setdefault(n, []).append(by_role)
    return [r if isinstance(r, Run) else Run() for r in done], cpu, chunks_sent(app) - chunks_before


def floor_round(mock_pid: int, mock_url: str, n: int, expected: str) -> tuple[float, int, int, float]:
    """The snippet alone at N = `n` (bench/snippet_floor.py): one process per core, n runs in all, in threads,
    against the mock in its own process; (CPU seconds of those processes and the mock while the runs stream,
    chunks the mock streamed, runs that ended with the exact text, of the CPU seconds the mock's)."""
    cores = os.cpu_count() or 1
    shares = [k for k in (n // cores + (i < n % cores) for i in range(cores)) if k]
    processes = [subprocess.Popen([sys.executable, "bench/snippet_floor.py", mock_url, str(k)], cwd=ROOT,
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True) for k in shares]
    try:
        for process in processes:
            if process.stdout.readline().strip() != "ready":
                raise RuntimeError("a floor process did not start")
        chunks_before, mock_before = chunks_sent_at([mock_url]), cpu_seconds([mock_pid])
        for process in processes:
            process.stdin.write("go\n")
            process.stdin.flush()
        results = [json.loads(process.stdout.readline()) for process in processes]
        mock_cpu = cpu_seconds([mock_pid]) - mock_before
        chunks = chunks_sent_at([mock_url]) - chunks_before
    finally:
        stopper(processes)()
    exact = sum(text == expected for result in results for text in result["texts"])
    return sum(result["cpu_s"] for result in results) + mock_cpu, chunks, exact, mock_cpu


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))] if values else float("nan")


def over_rounds(rounds: list, figure: str, q: float) -> float:
    """The median over rounds of each round's `q` quantile of `figure` (a Run's time), runs without it left out."""
    return statistics.median(pct([getattr(r, figure) for r in runs if getattr(r, figure)], q) for runs, _, _ in rounds)


def options(description: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--room", default="1,10,30,60,100", help="room sizes, the first one alone (1)")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--one-process", action="store_true",
                        help="also StreamLab with its snippets in the web process (STREAMLAB_WORKERS=0)")
    parser.add_argument("--edited", action="store_true", help="also StreamLab running lesson 1 edited in the page")
    parser.add_argument("--fresh-sessions", action="store_true",
                        help="learners press Run without opening the page first (API callers, not browsers)")
    return parser


def compare(starters: list[Callable[[int], App]], args: argparse.Namespace) -> None:
    """Start each app (by its starter, given the concurrency the largest room needs), run every room size on
    each, interleaved, and print one table."""
    sizes = [int(n) for n in args.room.split(",")]
    concurrency = max(sizes) + 28
    apps: list[App] = []
    (floor_mock, floor_mock_url), floors = spawn_mock(), []
    try:
        for starter in starters:
            apps.append(starter(concurrency))
        expected = {app.name: expected_text(app) for app in apps}
        if not answers(f"{floor_mock_url}/_stats", 60):
            raise RuntimeError("the floor's mock did not start")
        print("cold start, one learner (the first run of each server):")
        for app in apps:
            [run], _, _ = asyncio.run(room(app, 1))
            print(f"  {app.name:<24} first text {run.first_s:.2f} s, end {run.end_s:.2f} s")
        results: dict[tuple[str, int], list] = {}
        for _ in range(args.rounds):
            for n in sizes:
                for app in apps:  # interleaved, so both meet the same machine
                    results.setdefault((app.name, n), []).append(asyncio.run(room(app, n, not args.fresh_sessions)))
            floors.append(floor_round(floor_mock.pid, floor_mock_url, sizes[-1], expected[apps[0].name]))
        how = "fresh API sessions" if args.fresh_sessions else "each on a page opened beforehand"
        print(f"\nA room pressing Run on lesson 1 together, {how} ({args.rounds} rounds, medians over rounds)")
        print(f"{'app':<24}{'N':>4}{'exact':>9}{'update p95':>12}{'first p50':>11}{'first p95':>11}{'end p50':>9}"
              f"{'end p95':>9}{'p50 vs 1':>10}{'ms CPU/chunk':>14}{'bytes/chunk':>13}")
        for app in apps:
            alone = statistics.median(statistics.median(r.end_s for r in runs if r.end_s)
                                      for runs, _, _ in results[(app.name, sizes[0])])
            for n in sizes:
                rounds = results[(app.name, n)]
                exact = min(sum(r.text == expected[app.name] for r in runs) for runs, _, _ in rounds)
                update95 = over_rounds(rounds, "first_update_s", 0.95)
                first50, first95 = over_rounds(rounds, "first_s", 0.5), over_rounds(rounds, "first_s", 0.95)
                end50, end95 = over_rounds(rounds, "end_s", 0.5), over_rounds(rounds, "end_s", 0.95)
                cpu = statistics.median(1000 * c / max(1, k) for _, c, k in rounds)
                per_chunk = statistics.median(sum(r.bytes for r in runs) / max(1, k) for runs, _, k in rounds)
                print(f"{app.name:<24}{n:>4}{f'{exact}/{n}':>9}{update95:>11.2f}s{first50:>10.2f}s{first95:>10.2f}s{end50:>8.2f}s"
                      f"{end95:>8.2f}s{end50 / alone:>9.2f}×{cpu:>14.2f}{per_chunk:>13.0f}")
        top = sizes[-1]
        for app in apps:
            if app.cpu_by_role.get(top):
                chunks = [k for _, _, k in results[(app.name, top)]]
                shares = {role: statistics.median(1000 * r.get(role, 0.0) / max(1, k)
                                                  for r, k in zip(app.cpu_by_role[top], chunks))
                          for role in sorted({role for r in app.cpu_by_role[top] for role in r})}
                print(f"\n{app.name} at N = {top}, ms CPU per chunk by process: "
                      + ", ".join(f"{role} {ms:.2f}" for role, ms in shares.items()))
        floor_cpu = statistics.median(1000 * c / max(1, k) for c, k, _, _ in floors)
        floor_mock_ms = statistics.median(1000 * m / max(1, k) for _, k, _, m in floors)
        print(f"The floor at N = {top}: lesson 1's snippet alone, no web server (bench/snippet_floor.py, one process "
              f"per core, the mock in its own): {floor_cpu:.2f} ms CPU per chunk, of it the mock {floor_mock_ms:.2f} "
              f"({min(e for _, _, e, _ in floors)}/{top} exact)")
    finally:
        for app in apps:
            app.stop()
        stopper([floor_mock])()


def main() -> None:
    args = options(__doc__.split("\n\n")[0]).parse_args()
    compare([start_streamlab, *([start_streamlab_one_process] if args.one_process else []),
             *([start_streamlab_edited] if args.edited else []), start_bare], args)


if __name__ == "__main__":
    main()
