"""Lesson 14: retry with backoff and Retry-After only before the first token; after it, keep the partial text."""

import time
from typing import Literal

import openai

CLIENT = "openai"
PROMPT = "Tell me a short story about a network that drops packets."
PANES = ("output", "attempts")
RANGES = {"max_attempts": (1, 10), "read_timeout_s": (0.1, 60.0)}  # what the tab's number fields accept


def pause_before_retry(error, attempt):
    """Seconds to wait, and why: the server's Retry-After if it sent one, else exponential backoff."""
    try:
        return min(float(error.response.headers["retry-after"]), 30.0), "Retry-After"
    except (AttributeError, KeyError, ValueError):  # no response, no header, or a date instead of seconds
        return 0.5 * 2 ** (attempt - 1), "backoff"


def stream(client, prompt, *, model: str = "gpt-5-mini",
           fault: Literal["none", "rate_limit", "server_error", "stall", "disconnect", "error_event", "auth"] = "none",
           max_attempts: int = 3, read_timeout_s: float = 2.0):
    careful = client.with_options(max_retries=0, timeout=openai.Timeout(30.0, read=read_timeout_s))
    headers = {"X-Mock-Fault": fault} if fault != "none" else {}  # asks the mock for a fault; real APIs ignore it
    messages = [{"role": "user", "content": prompt}]
    for attempt in range(1, max(1, max_attempts) + 1):
        yield "attempts", f"attempt {attempt}: "
        chunks = 0
        try:
            with careful.chat.completions.create(model=model, messages=messages, stream=True,
                                                 extra_headers=headers) as response:
                for chunk in response:
                    if chunk.choices and chunk.choices[0].delta.content:
                        chunks += 1
                        yield chunk.choices[0].delta.content
            yield "attempts", f"complete after {chunks} chunks\n"
            return
        except openai.APIError as error:
            what = ("stalled" if isinstance(error, openai.APITimeoutError)
                    else "connection dropped" if isinstance(error, openai.APIConnectionError)
                    else type(error).__name__ if isinstance(error, openai.APIStatusError) else "error event")
            yield "attempts", f"{what} ({error.message})\n"
            if chunks:  # the reader has seen text: a retry would start again, so keep it and say it is partial
                yield "status", f"incomplete: the stream broke after {chunks} chunks ({what})"
                return
            if isinstance(error, openai.APIStatusError) and error.status_code < 500 and error.status_code != 429:
                break  # a bad request or a bad key fails the same way every time
            if attempt < max_attempts:
                wait, why = pause_before_retry(error, attempt)
                yield "attempts", f"waiting {wait:.1f} s ({why})\n"
                time.sleep(wait)
    yield "attempts", "giving up\n"
    yield "status", f"failed: gave up after {attempt} attempt{'s' if attempt > 1 else ''} ({what})"


if __name__ == "__main__":
    try:
        import _standalone  # in StreamLab's repository: options on the command line, the mock when no key is set
    except ImportError:  # a copy on its own: the SDK reads OPENAI_API_KEY and OPENAI_BASE_URL itself
        import openai

        for piece in stream(openai.OpenAI(), PROMPT):
            print(piece if isinstance(piece, str) else f"\n[{piece[0]}] {piece[1]}", end="", flush=True)
    else:
        _standalone.run()
