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
    import _standalone  # a key from .env, or the mock started in this process

    _standalone.run()
