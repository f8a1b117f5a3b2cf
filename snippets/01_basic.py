"""Lesson 1: ask for a streamed chat completion and hand over each piece of text as it arrives."""

CLIENT = "openai"
PROMPT = "Explain in two sentences what streaming an LLM response means."


def stream(client, prompt, *, model: str = "gpt-5-mini"):
    with client.chat.completions.create(
        model=model,
        messages=[{"role": "user", "content": prompt}],
        stream=True,
    ) as chunks:
        for chunk in chunks:
            if chunk.choices and chunk.choices[0].delta.content:
                yield chunk.choices[0].delta.content


if __name__ == "__main__":
    try:
        import _standalone  # in StreamLab's repository: options on the command line, the mock when no key is set
    except ImportError:  # a copy on its own: the SDK reads OPENAI_API_KEY and OPENAI_BASE_URL itself
        import openai

        for piece in stream(openai.OpenAI(), PROMPT):
            print(piece if isinstance(piece, str) else f"\n[{piece[0]}] {piece[1]}", end="", flush=True)
    else:
        _standalone.run()
