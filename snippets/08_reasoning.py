"""Lesson 8: a reasoning model thinks before it answers; the thinking streams first, in a field of its own."""

from typing import Literal

CLIENT = "openai"
PROMPT = "A bat and a ball cost $1.10 in total. The bat costs $1.00 more than the ball. How much does the ball cost?"
PANES = ("answer", "thinking")
MEASURE = ("answer", "thinking")  # the metrics time each: first thinking vs first answer token


def chat(client, prompt, model, thinking):
    """Chat Completions: DeepSeek and Qwen send `delta.reasoning_content` first, then `delta.content`."""
    extra = {"extra_body": {"enable_thinking": True}} if thinking else {}  # Qwen's switch; DeepSeek's R1 always thinks
    with client.chat.completions.create(model=model, messages=[{"role": "user", "content": prompt}], stream=True,
                                        stream_options={"include_usage": True}, **extra) as chunks:
        for chunk in chunks:
            for choice in chunk.choices:  # none in the last chunk, the one with the usage
                if getattr(choice.delta, "reasoning_content", None):  # not in the SDK's types: an extra field
                    yield "thinking", choice.delta.reasoning_content
                if choice.delta.content:
                    yield choice.delta.content
            if chunk.usage:
                details = chunk.usage.completion_tokens_details
                yield "usage", {"prompt_tokens": chunk.usage.prompt_tokens,
                                "completion_tokens": chunk.usage.completion_tokens,
                                "reasoning_tokens": details.reasoning_tokens if details else None}


def responses(client, prompt, model, thinking):
    """Responses: ask for a summary of the reasoning; its parts stream before the message."""
    extra = {"reasoning": {"summary": "auto"}} if thinking else {}
    with client.responses.create(model=model, input=prompt, stream=True, **extra) as events:
        for event in events:
            if event.type == "response.reasoning_summary_part.added" and event.summary_index > 0:
                yield "thinking", "\n\n"  # one part per paragraph of the summary
            elif event.type == "response.reasoning_summary_text.delta":
                yield "thinking", event.delta
            elif event.type == "response.output_text.delta":
                yield event.delta
            elif event.type == "error":  # a failure inside the 200 OK stream
                raise RuntimeError(f"The stream carried an error event: {event.message}")
            elif event.type == "response.completed":
                usage = event.response.usage
                yield "usage", {"input_tokens": usage.input_tokens, "output_tokens": usage.output_tokens,
                                "reasoning_tokens": usage.output_tokens_details.reasoning_tokens}


def messages(client, prompt, model, thinking):
    """Anthropic Messages: extended thinking is a `thinking` block, signed, before the text block."""
    extra = {"thinking": {"type": "enabled", "budget_tokens": 1024}} if thinking else {}
    with client.messages.stream(model=model, max_tokens=2048, messages=[{"role": "user", "content": prompt}],
                                **extra) as events:
        for event in events:  # the SDK's helper events carry each new piece of thinking or text
            if event.type == "thinking":
                yield "thinking", event.thinking
            elif event.type == "text":
                yield event.text
        usage = events.get_final_message().usage
    details = usage.output_tokens_details  # the thinking is billed inside output_tokens
    yield "usage", {"input_tokens": usage.input_tokens, "output_tokens": usage.output_tokens,
                    "reasoning_tokens": details.thinking_tokens if details else None}


def stream(client, prompt, *, model: str = "gpt-5-mini", wire: Literal["chat", "responses", "anthropic"] = "chat",
           thinking: bool = True):
    read = {"chat": chat, "responses": responses, "anthropic": messages}[wire]
    yield from read(client, prompt, model, thinking)


if __name__ == "__main__":
    try:
        import _standalone  # in StreamLab's repository: options on the command line, the mock when no key is set
    except ImportError:  # a copy on its own: the SDK reads OPENAI_API_KEY and OPENAI_BASE_URL itself
        import openai

        for piece in stream(openai.OpenAI(), PROMPT):
            print(piece if isinstance(piece, str) else f"\n[{piece[0]}] {piece[1]}", end="", flush=True)
    else:
        _standalone.run()
