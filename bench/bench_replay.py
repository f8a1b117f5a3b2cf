"""How close a replayed stream keeps to its recorded timing: lessons 1, 6, 8, 10 and 12 recorded from a stand-in
provider (the mock, reached by base URL, at its realistic pace), then each exchange replayed by the app's mock in
its own process, as the **Recorded** provider does.

    python bench/bench_replay.py [--rounds 3]

For each read of each recorded response: when the replay had delivered every byte up to the end of that read, less
when it was recorded (the client's clock, from sending the request). Reports per lesson and overall, over all
rounds: median, p95 and the largest lateness, the earliest read, and whether every byte was identical. Bounded:
every request has a 30 s timeout, both servers stop at the end, all traffic stays on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from streamlab.mock.server import start_in_thread  # noqa: E402
from streamlab.web.mock_process import MockProcess  # noqa: E402

sys.path.insert(0, str(ROOT / "tests" / "engine"))
from test_record_replay import RECORDED, cassettes, final, lateness, on_stand_in, replay_once  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="streamlab-cassettes-"))
    os.environ["STREAMLAB_RECORD"] = str(folder)
    with start_in_thread() as stand_in:
        os.environ["ANTHROPIC_BASE_URL"] = f"{stand_in.url}/anthropic"
        for stem, provider in RECORDED.items():
            assert final(stem, on_stand_in(provider, stand_in.url)).status == "done", stem
    del os.environ["STREAMLAB_RECORD"], os.environ["ANTHROPIC_BASE_URL"]
    os.environ["STREAMLAB_CASSETTES"] = str(folder)
    mock = MockProcess().start()
    every, identical = [], True
    try:
        print(f"{'lesson':<16}{'reads':>7}{'median':>9}{'p95':>9}{'max':>9}{'earliest':>10}"
              f"  (ms late, {args.rounds} rounds)")
        for name, exchanges in cassettes(folder).items():
            late = []
            for _ in range(args.rounds):
                for exchange in exchanges:
                    replayed = replay_once(mock.url, exchange)
                    identical &= b"".join(d for _, d in replayed) == b"".join(d for _, d in exchange.reads)
                    late += lateness(exchange.reads, replayed)
            every += late
            ms = sorted(1000 * x for x in late)
            print(f"{name.split('-')[0]:<16}{len(ms):>7}{statistics.median(ms):>9.1f}{ms[int(0.95 * len(ms))]:>9.1f}"
                  f"{ms[-1]:>9.1f}{ms[0]:>10.1f}")
        ms = sorted(1000 * x for x in every)
        print(f"{'all':<16}{len(ms):>7}{statistics.median(ms):>9.1f}{ms[int(0.95 * len(ms))]:>9.1f}{ms[-1]:>9.1f}"
              f"{ms[0]:>10.1f}")
        print(f"every byte identical: {identical}; reads within 20 ms: {sum(abs(x) <= 20 for x in ms)}/{len(ms)}")
    finally:
        mock.stop()


if __name__ == "__main__":
    main()
