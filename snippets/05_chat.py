"""Lesson 5: a chat: the whole conversation is sent each turn, and the answer streams into a chat window."""

import json

CLIENT = "openai"
PROMPT = "Hi! My name is Ada, and I'm learning how LLM streaming works."
PANES = ("output", "messages sent")
CHAT = True  # the tab shows `output` as a chat window and passes the conversation so far as `history`


def stream(client, prompt, *, history=(), model: str = "gpt-5-mini",
           system: str = "You are a friendly tutor. Answer in two or three sentences."):
    messages = [{"role": "system", "content": system}, *history, {"role": "user", "content": prompt}]
    yield "messages sent", json.dumps(messages, ensure_ascii=False, indent=1) + "\n"
    with client.chat.completions.create(
        model=model, messages=messages, stream=True, stream_options={"include_usage": True},
    ) as chunks:
        for chunk in chunks:
            if chunk.usage:  # the last chunk: prompt_tokens counts the whole history sent
                yield "usage", chunk.usage.model_dump(exclude_none=True)
            for choice in chunk.choices:
                if choice.delta.content:
                    yield choice.delta.content


if __name__ == "__main__":
    try:
        import _standalone  # in StreamLab's repository: options on the command line, the mock when no key is set
    except ImportError:  # a copy on its own: the SDK reads OPENAI_API_KEY and OPENAI_BASE_URL itself
        import openai

        client, history = openai.OpenAI(), []
        for turn in (PROMPT, "What is my name?"):  # two turns: the second needs the first
            answer = ""
            for piece in stream(client, turn, history=history):
                if isinstance(piece, str):
                    answer += piece
                    print(piece, end="", flush=True)
            history += [{"role": "user", "content": turn}, {"role": "assistant", "content": answer}]
            print()
    else:
        _standalone.run()
