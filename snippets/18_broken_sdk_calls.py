"""Lesson 18: two SDK calls from the tutorials, each run broken, then fixed; the SDK parses the SSE itself."""

from typing import Literal

import openai

CLIENT = "openai"
PROMPT = "用两句话解释什么是流式输出大模型的回复。"
PANES = ("broken", "fixed")  # the tutorial's version runs first, then the fixed one
BUG_ERRORS = (IndexError, openai.OpenAIError)  # shown, not raised


def with_sdk(client, prompt, *, model, bug, broken):
    messages = [{"role": "user", "content": prompt}]
    if broken and bug == "pre_v1_api":
        chunks = openai.ChatCompletion.create(model=model, messages=messages, stream=True)  # BROKEN: gone in 1.0
    else:
        chunks = client.chat.completions.create(model=model, messages=messages, stream=True,
                                                stream_options={"include_usage": True})
    with chunks:
        for chunk in chunks:
            if broken and bug == "choices_0":
                yield chunk.choices[0].delta.content or ""  # BROKEN: the last chunk, usage, has choices == []
                continue
            for choice in chunk.choices:  # FIXED: a chunk may carry no choice, or several
                yield choice.delta.content or ""


def stream(client, prompt, *, model: str = "gpt-5-mini", bug: Literal["choices_0", "pre_v1_api"] = "choices_0"):
    try:
        for piece in with_sdk(client, prompt, model=model, bug=bug, broken=True):
            yield "broken", piece
    except BUG_ERRORS as exc:  # the tutorial's code fails: show how, then run the fixed version
        yield "note", ("broken", f"\n✗ {type(exc).__name__}: {(str(exc).strip() or 'no message').splitlines()[0]}\n")
    for piece in with_sdk(client, prompt, model=model, bug=bug, broken=False):  # a provider's failure ends the run
        yield "fixed", piece


if __name__ == "__main__":
    try:
        import _standalone  # in StreamLab's repository: options on the command line, the mock when no key is set
    except ImportError:  # a copy on its own: the SDK reads OPENAI_API_KEY and OPENAI_BASE_URL itself
        import openai

        for piece in stream(openai.OpenAI(), PROMPT):
            print(piece if isinstance(piece, str) else f"\n[{piece[0]}] {piece[1]}", end="", flush=True)
    else:
        _standalone.run()
