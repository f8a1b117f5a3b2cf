"""The floor under bench_room.py's CPU per chunk: lesson 1's snippet, unchanged, streaming from the mock with no web
server at all: no Gradio, no queue, no UI updates, no pipes. Run by the bench, not by hand:

    python bench/snippet_floor.py MOCK_URL RUNS

Builds RUNS clients as the app does (streamlab.hosting.providers.build_client), waits for a line on stdin ("go"),
runs the snippet's `stream()` RUNS times at once in threads (as a worker process runs a room's sync lessons) at the
mock's realistic pace, and prints this process's CPU seconds spent from "go" to the last run's end, and the runs' texts.
"""

import json
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from streamlab.engine import lessons  # noqa: E402
from streamlab.hosting import providers  # noqa: E402

if __name__ == "__main__":
    mock_url, runs = sys.argv[1], int(sys.argv[2])
    lesson = lessons.load("01_basic")
    settings = providers.Settings(mock_url=mock_url)
    clients = [providers.build_client(lesson.kind_for({}), settings) for _ in range(runs)]
    texts = [""] * runs

    def run(i: int) -> None:
        for item in lesson.start(clients[i], lesson.prompt, settings.resolved_model, {}):
            texts[i] += item if isinstance(item, str) else ""

    print("ready", flush=True)
    sys.stdin.readline()
    cpu = time.process_time()
    threads = [threading.Thread(target=run, args=(i,)) for i in range(runs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    print(json.dumps({"cpu_s": time.process_time() - cpu, "texts": texts}), flush=True)
