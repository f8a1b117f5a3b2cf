"""Lesson 17: a hand-written SSE parser from the tutorials, run broken, then fixed, on a network that cuts SSE."""

import codecs
import json
from typing import Literal

import openai

CLIENT = "openai"
PROMPT = "用两句话解释什么是流式输出大模型的回复。"
PANES = ("broken", "fixed")  # the tutorial's version runs first, then the fixed one
BUG_ERRORS = (UnicodeDecodeError, json.JSONDecodeError, openai.OpenAIError)  # shown, not raised


def sse_events(reads, mistake=None):
    """SSE events parsed from the body's reads, as they fall; `mistake` makes one tutorial's error."""
    decoder, buffer = codecs.getincrementaldecoder("utf-8")(), ""
    for raw in reads:
        if mistake == "sse_decode":
            buffer += raw.decode("utf-8")  # BROKEN: a read that ends inside a character raises
        else:
            buffer += decoder.decode(raw)  # FIXED: the first bytes of a cut character wait for the rest
        if mistake == "sse_lines":
            lines, buffer = buffer.split("\n"), ""  # BROKEN: a line cut across two reads becomes two halves
        else:
            *events, buffer = buffer.split("\n\n")  # FIXED: only a blank line ends an event; the rest waits
            lines = "\n".join(events).split("\n")
        for line in lines:
            if line == "data: [DONE]" and mistake != "json_done":  # BROKEN without: json.loads("[DONE]") raises
                return
            if line.startswith("data: "):
                try:
                    yield json.loads(line[len("data: "):])
                except json.JSONDecodeError:
                    if mistake != "sse_lines":
                        raise
                    # BROKEN: the tutorial skips the half line it cannot parse, and the words in it are lost


def raw_sse(client, prompt, *, model, split, mistake):
    with client.chat.completions.with_streaming_response.create(
        model=model, messages=[{"role": "user", "content": prompt}], stream=True,
        extra_headers={"X-Mock-Fault": "split"} if split else None,  # the mock cuts mid-line, mid-character
    ) as response:
        for event in sse_events(response.iter_bytes(), mistake):
            if "error" in event:
                raise RuntimeError(f"The stream carried an error event: {event['error'].get('message')}")
            for choice in event["choices"]:
                yield choice["delta"].get("content") or ""


def stream(client, prompt, *, model: str = "gpt-5-mini",
           bug: Literal["sse_lines", "sse_decode", "json_done"] = "sse_lines",
           network: Literal["split", "whole"] = "split"):
    split = network == "split" and not client.default_headers.get("X-Mock-Fault")  # a fault set in the panel wins
    texts = {"broken": "", "fixed": ""}
    try:
        for piece in raw_sse(client, prompt, model=model, split=split, mistake=bug):
            texts["broken"] += piece
            yield "broken", piece
    except BUG_ERRORS as exc:  # the tutorial's code fails: show how, then run the fixed version
        yield "note", ("broken", f"\n✗ {type(exc).__name__}: {(str(exc).strip() or 'no message').splitlines()[0]}\n")
    for piece in raw_sse(client, prompt, model=model, split=split, mistake=None):  # a provider's failure ends the run
        texts["fixed"] += piece
        yield "fixed", piece
    if bug == "sse_lines" and texts["broken"] != texts["fixed"]:
        yield "note", ("broken", f"\n✗ {len(texts['fixed']) - len(texts['broken'])} characters lost, with no error\n")


if __name__ == "__main__":
    try:
        import _standalone  # in StreamLab's repository: options on the command line, the mock when no key is set
    except ImportError:  # a copy on its own: the SDK reads OPENAI_API_KEY and OPENAI_BASE_URL itself
        import openai

        for piece in stream(openai.OpenAI(), PROMPT):
            print(piece if isinstance(piece, str) else f"\n[{piece[0]}] {piece[1]}", end="", flush=True)
    else:
        _standalone.run()
