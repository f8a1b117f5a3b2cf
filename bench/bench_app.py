"""Benchmark the app's side of streaming: UI coalescing, a room of learners, and start-up.

    python bench/bench_app.py [--room 1,8,24] [--repeats 5]

1. Coalescing: chunks a snippet yields vs frames the UI receives (the runner caps frames at
   STREAMLAB_UI_FPS, 20/s by default), mock pacing 0 and realistic.
2. A room: N gradio_client sessions press Run on lesson 1 together (realistic mock pacing); median time to
   first visible text and to the end, against one learner alone.
3. Start-up: seconds to build the app in a fresh interpreter, and which LLM SDKs that imported.
Bounded in count and time; everything runs on 127.0.0.1. Report medians; compare ratios, not absolutes.
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
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import httpx2

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlab.engine import lessons, runner  # noqa: E402
from streamlab.hosting import providers  # noqa: E402
from streamlab.mock.server import start_in_thread  # noqa: E402

LONG_PROMPT = "Write a long, detailed explanation of how rivers shape valleys over millions of years."


async def _frames(lesson, settings):
    last = None
    async for frame in runner.run(lesson, settings, LONG_PROMPT, {}, "bench"):
        last = frame
    return last


def coalescing(repeats: int) -> None:
    lesson = lessons.load("01_basic")
    print("\n1. Coalescing (lesson 01_basic, one run at a time)")
    print(f"{'mock pacing':<22}{'chunks':>8}{'UI frames':>11}{'chunks/frame':>14}{'elapsed s':>11}")
    with start_in_thread() as mock:
        for label, ms in (("0 ms (flat out)", 0), ("30 ms/token (default)", None)):
            settings = providers.Settings(mock_url=mock.url, ttft_ms=ms, token_ms=ms, jitter_ms=ms)
            runs = [asyncio.run(_frames(lesson, settings)) for _ in range(repeats)]
            chunks = statistics.median(f.metrics.chunks for f in runs)
            frames = statistics.median(f.updates + 2 for f in runs)  # + the first and the final frame
            elapsed = statistics.median(f.metrics.summary()["elapsed_s"] for f in runs)
            print(f"{label:<22}{chunks:>8.0f}{frames:>11.0f}{chunks / frames:>14.1f}{elapsed:>11.2f}")


def _one_learner(url: str, stem: str, prompt: str) -> tuple[float, float]:
    from gradio_client import Client

    client = Client(url, verbose=False)
    started = time.perf_counter()
    job = client.submit(prompt, api_name=f"/run_{stem}")
    first = None
    deadline = started + 120
    while not job.done() and time.perf_counter() < deadline:
        if first is None and any(out[0] for out in job.outputs()):
            first = time.perf_counter() - started
        time.sleep(0.005)
    job.result(timeout=10)
    total = time.perf_counter() - started
    return (first if first is not None else total), total


@contextmanager
def app_process(concurrency: int):
    """`python app.py` on a free port in its own process (so this process's clients do not share its GIL)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = dict(os.environ, GRADIO_SERVER_NAME="127.0.0.1", GRADIO_SERVER_PORT=str(port),
               STREAMLAB_CONCURRENCY=str(concurrency), STREAMLAB_PROVIDER="mock")
    proc = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx2.get(f"{url}/mock/_stats", timeout=1).status_code == 200:
                    break
            except httpx2.HTTPError:
                time.sleep(0.1)
        else:
            raise RuntimeError("app.py did not start within 60 s")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=15)


def room(sizes: list[int]) -> None:
    lesson = lessons.load("01_basic")
    print("\n2. A room of learners (lesson 01_basic, realistic mock pacing, gradio_client over HTTP,")
    print("   app.py in its own process)")
    print(f"{'learners':>9}{'median first text s':>21}{'median end s':>14}{'end vs alone':>14}")
    with app_process(concurrency=max(sizes)) as url:
        _one_learner(url, lesson.stem, lesson.prompt)  # warm-up: the first run imports the snippet and its SDK
        alone = None
        for n in sizes:
            with ThreadPoolExecutor(max_workers=n) as pool:
                results = list(pool.map(lambda _: _one_learner(url, lesson.stem, lesson.prompt), range(n)))
            first = statistics.median(r[0] for r in results)
            end = statistics.median(r[1] for r in results)
            alone = alone or end
            print(f"{n:>9}{first:>21.3f}{end:>14.2f}{end / alone:>13.2f}x")


def startup() -> None:
    probe = ("import json, sys, time; t = time.perf_counter(); "
             "from streamlab.web.server import Config, create_app; create_app(Config(port=7999)); "
             "print(json.dumps([round(time.perf_counter() - t, 2), sorted({m.split('.')[0] for m in sys.modules} "
             "& {'openai', 'anthropic', 'langchain_openai', 'langchain_core'})]))")
    runs = [json.loads(subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True,
                                      timeout=120).stdout.strip().splitlines()[-1]) for _ in range(3)]
    print("\n3. Start-up (fresh interpreter, build the whole app)")
    print(f"median {statistics.median(r[0] for r in runs):.2f} s; LLM SDKs imported: {runs[0][1] or 'none'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--room", default="1,8,24", help="comma-separated room sizes")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    coalescing(args.repeats)
    room([int(n) for n in args.room.split(",")])
    startup()


if __name__ == "__main__":
    main()
