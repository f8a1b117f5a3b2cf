"""How much the mock costs per streamed chunk, next to what the openai SDK spends parsing that chunk.

    python bench/bench_mock.py [--requests 30] [--repeats 5]

Starts the mock in this process (uvicorn in a thread), streams Chat Completions with pacing 0 and reports,
as medians over the repeats:
  - the mock server's CPU per chunk (CPU clock of the server thread, so the client's work is not counted);
  - end-to-end chunks/s;
  - the client's CPU per chunk reading the stream raw (httpx2 `iter_lines`) and through the openai SDK
    (`Stream` → `ChatCompletionChunk` models); their difference is the SDK's own parse cost per chunk.
Half the requests of each repeat are read raw, half through the SDK. Bounded: stops early after 45 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx2  # noqa: E402
import openai  # noqa: E402

from streamlab.mock.server import start_in_thread  # noqa: E402

FAST = {"X-Mock-TTFT-Ms": "0", "X-Mock-Token-Ms": "0", "X-Mock-Jitter-Ms": "0"}
PROMPT = "Write 150 words about the history of the printing press."  # ~190 content chunks
TIME_BUDGET = 45.0


def read_raw(http: httpx2.Client, url: str, body: dict) -> int:
    events = 0
    with http.stream("POST", f"{url}/openai/v1/chat/completions", json=body, headers=FAST) as response:
        for line in response.iter_lines():
            events += line.startswith("data: ")
    return events


def read_sdk(client: openai.OpenAI, body: dict) -> int:
    return sum(1 for _ in client.chat.completions.create(**body)) + 1  # + the [DONE] event the SDK swallows


def measure(server, reader, count: int, stats) -> dict:
    """Run `count` streams through `reader`; CPU per chunk on both sides and chunks/s end to end."""
    before_chunks = stats()["chunks_sent"]
    server_cpu, client_cpu, wall = server.cpu_time(), time.thread_time(), time.perf_counter()
    received = sum(reader(i) for i in range(count))
    wall, client_cpu = time.perf_counter() - wall, time.thread_time() - client_cpu
    server_cpu = server.cpu_time() - server_cpu
    sent = stats()["chunks_sent"] - before_chunks
    assert sent == received, f"sent {sent} events, read {received}"
    return {"server_us": server_cpu / sent * 1e6, "client_us": client_cpu / sent * 1e6,
            "chunks_per_s": sent / wall, "chunks_per_request": sent / count}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=30, help="streams in all (half raw, half SDK)")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    per_mode = max(1, args.requests // (2 * args.repeats))
    started = time.monotonic()
    results: dict[str, list[dict]] = {"raw": [], "sdk": []}
    with start_in_thread() as server, httpx2.Client(timeout=30) as http:
        client = openai.OpenAI(base_url=f"{server.url}/openai/v1", api_key="bench", default_headers=FAST,
                               http_client=http, max_retries=0)

        def stats():
            return http.get(f"{server.url}/_stats").json()

        def body(i: int) -> dict:
            return {"model": "streamlab-mock", "stream": True, "stream_options": {"include_usage": True},
                    "messages": [{"role": "user", "content": f"{PROMPT} ({i})"}]}

        read_raw(http, server.url, body(-1))  # warm up: imports, first connection, code paths
        read_sdk(client, body(-1))
        for _ in range(args.repeats):
            if time.monotonic() - started > TIME_BUDGET:
                break
            results["raw"].append(measure(server, lambda i: read_raw(http, server.url, body(i)), per_mode, stats))
            results["sdk"].append(measure(server, lambda i: read_sdk(client, body(i)), per_mode, stats))

    def med(mode: str, key: str) -> float:
        return statistics.median(r[key] for r in results[mode])

    repeats = len(results["raw"])
    parse_us = med("sdk", "client_us") - med("raw", "client_us")
    server_us = statistics.median(r["server_us"] for r in results["raw"] + results["sdk"])
    print(f"StreamLab mock benchmark: {2 * per_mode * repeats} streams of ~{med('raw', 'chunks_per_request'):.0f} "
          f"SSE events, pacing 0, medians of {repeats} repeats ({time.monotonic() - started:.1f} s)\n")
    print(f"{'':40}{'raw lines':>12}{'openai SDK':>12}")
    for label, key, fmt in (("mock server CPU per chunk (µs)", "server_us", "{:12.1f}"),
                            ("client CPU per chunk (µs)", "client_us", "{:12.1f}"),
                            ("end-to-end chunks/s", "chunks_per_s", "{:12,.0f}")):
        print(f"{label:40}" + fmt.format(med("raw", key)) + fmt.format(med("sdk", key)))
    print(f"\n{'SDK parse cost per chunk (µs)':40}{parse_us:12.1f}   (SDK client CPU − raw client CPU)")
    print(f"{'SDK parse cost / mock server CPU':40}{parse_us / server_us:12.2f}")


if __name__ == "__main__":
    main()
