"""Lesson 3: ask for token usage in the stream; it arrives in one last chunk whose choices are empty."""

CLIENT = "openai"
PROMPT = "What is a token, and why do APIs count them?"
PANES = ("output", "chunks")


def stream(client, prompt, *, model: str = "gpt-5-mini"):
    text, usage, count, pieces = "", None, 0, 0
    with client.chat.completions.create(
        model=model,
        messages=[{"role": "user", "content": prompt}],
        stream=True,
        stream_options={"include_usage": True},
    ) as chunks:
        for chunk in chunks:
            count += 1
            if chunk.usage:
                usage = chunk.usage.model_dump(exclude_none=True)
            if not chunk.choices:  # the usage chunk: chunk.choices[0] would raise IndexError here
                yield "chunks", f"chunk {count} has choices == []:\n{chunk.model_dump_json(exclude_unset=True)}\n"
                continue
            delta = chunk.choices[0].delta
            if delta.content:
                text, pieces = text + delta.content, pieces + 1
                yield delta.content
            if chunk.choices[0].finish_reason:
                yield "chunks", f"chunk {count}: finish_reason={chunk.choices[0].finish_reason!r}\n"
    yield "chunks", f"{count} chunks, {pieces} with text ({len(text)} characters)\n"
    if usage:
        yield "usage", usage


if __name__ == "__main__":
    try:
        import _standalone  # in StreamLab's repository: options on the command line, the mock when no key is set
    except ImportError:  # a copy on its own: the SDK reads OPENAI_API_KEY and OPENAI_BASE_URL itself
        import openai

        for piece in stream(openai.OpenAI(), PROMPT):
            print(piece if isinstance(piece, str) else f"\n[{piece[0]}] {piece[1]}", end="", flush=True)
    else:
        _standalone.run()
