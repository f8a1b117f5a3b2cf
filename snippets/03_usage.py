"""Lesson 3: ask for token usage in the stream; it arrives in one last chunk whose choices are empty."""

CLIENT = "openai"
PROMPT = "What is a token, and why do APIs count them?"
PANES = ("output", "chunks")


def stream(client, prompt, *, model: str = "gpt-5-mini"):
    text, usage, count = "", None, 0
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
                text += delta.content
                yield delta.content
            if chunk.choices[0].finish_reason:
                yield "chunks", f"chunk {count}: finish_reason={chunk.choices[0].finish_reason!r}\n"
    yield "chunks", f"{count} chunks, {len(text)} characters of text\n"
    if usage:
        yield "usage", usage


if __name__ == "__main__":
    import _standalone  # a key from .env, or the mock started in this process

    _standalone.run()
