"""Lesson 13: buffer the deltas and update the UI per N characters or per time interval, not per chunk."""

import time
from typing import Literal

CLIENT = "openai"
PROMPT = "List five tips for rendering streamed text smoothly in a UI."
PANES = ("output", "stats")
RANGES = {"size": (1, 2000), "interval_ms": (0, 5000)}  # what the tab's number fields accept


def stream(client, prompt, *, model: str = "gpt-5-mini", buffer: Literal["size", "time", "none"] = "size",
           size: int = 40, interval_ms: int = 200):
    pending, deltas, updates, flushed_at = "", 0, 0, time.monotonic()
    with client.chat.completions.create(
        model=model,
        messages=[{"role": "user", "content": prompt}],
        stream=True,
    ) as chunks:
        for chunk in chunks:
            if not (chunk.choices and chunk.choices[0].delta.content):
                continue
            deltas += 1
            pending += chunk.choices[0].delta.content
            if buffer == "size":
                full = len(pending) >= size
            else:
                full = buffer == "none" or (time.monotonic() - flushed_at) * 1000 >= interval_ms
            if full or updates == 0:  # the first piece goes out at once, so buffering adds no first-token delay
                yield pending
                pending, updates, flushed_at = "", updates + 1, time.monotonic()
    if pending:  # whatever is left when the stream ends
        yield pending
        updates += 1
    yield "stats", f"{deltas} raw chunks → {updates} UI updates ({buffer} buffering)\n"


if __name__ == "__main__":
    try:
        import _standalone  # in StreamLab's repository: options on the command line, the mock when no key is set
    except ImportError:  # a copy on its own: the SDK reads OPENAI_API_KEY and OPENAI_BASE_URL itself
        import openai

        for piece in stream(openai.OpenAI(), PROMPT):
            print(piece if isinstance(piece, str) else f"\n[{piece[0]}] {piece[1]}", end="", flush=True)
    else:
        _standalone.run()
