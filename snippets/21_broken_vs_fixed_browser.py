"""Lesson 21: the browser's side of lesson 17. The provider's own SSE, relayed unchanged to a page that parses it."""

import codecs
import json

CLIENT = "async_openai"
PROMPT = "用两句话解释什么是流式输出大模型的回复。"
PAGE = "assets/web/broken.html"  # the browser page this tab embeds
PAGE_SCRIPT = "assets/web/broken.js"  # its JavaScript, shown beside this file
RANGES = {"max_tokens": (0, 4000)}


async def relay(client, prompt, *, model, max_tokens=0, split=True):
    """The provider's SSE bytes, passed on as they arrive: the page's parser meets every cut the network made."""
    body = {"model": model, "messages": [{"role": "user", "content": prompt}], "stream": True}
    body |= {"max_completion_tokens": max_tokens} if max_tokens else {}  # the answer then ends with `length`
    split = split and not client.default_headers.get("X-Mock-Fault")  # a fault set in the panel wins
    yield b"retry: 500\n\n"  # EventSource: reconnect after 0.5 s (browsers default to about 3 s)
    async with client.chat.completions.with_streaming_response.create(
        **body, extra_headers={"X-Mock-Fault": "split"} if split else None,  # the mock cuts mid-line, mid-character
    ) as response:
        async for raw in response.iter_bytes():
            yield raw


async def stream(client, prompt, *, model: str = "gpt-5-mini", max_tokens: int = 0, split: bool = True):
    decoder, buffer = codecs.getincrementaldecoder("utf-8")(), ""
    async for raw in relay(client, prompt, model=model, max_tokens=max_tokens, split=split):
        text = decoder.decode(raw)
        yield ("note", ("output", text)) if text.startswith("retry:") else text  # what the browser receives
        *events, buffer = (buffer + text).split("\n\n")  # whole events only, as lesson 17's fixed parser
        for event in events:
            if event.startswith("data: {") and "error" in json.loads(event[len("data: "):]):  # bad JSON raises
                raise RuntimeError("The provider's stream carried an error event; the page receives it as it is.")


if __name__ == "__main__":
    try:
        import _standalone  # in StreamLab's repository: options on the command line, the mock when no key is set
    except ImportError:  # a copy on its own: the SDK reads OPENAI_API_KEY and OPENAI_BASE_URL itself
        import asyncio

        import openai

        async def main():
            async for piece in stream(openai.AsyncOpenAI(), PROMPT):
                print(piece if isinstance(piece, str) else f"\n[{piece[0]}] {piece[1]}", end="", flush=True)

        asyncio.run(main())
    else:
        _standalone.run()
