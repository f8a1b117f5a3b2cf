"""Lesson 10: Anthropic's Messages stream: named events, the SDK's helper events, tool input as partial JSON."""

import json

import anthropic
import httpx2

CLIENT = "anthropic"
PROMPT = "Describe the life of a streamed message, from the first event to the last."
PANES = ("output", "events", "tool input")
TOOLS = [{
    "name": "get_weather",
    "description": "Current weather for a city.",
    "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
}]
WIRE_EVENTS = {"message_start", "content_block_start", "content_block_delta", "content_block_stop",
               "message_delta", "message_stop"}  # the SDK's other events (`text`, `input_json`) are its own
TLS = httpx2.create_ssl_context()  # made once: loading the CA certificates costs more than a whole mock answer


class EventNames(httpx2.SyncByteStream):
    """A response body passed through untouched, noting each SSE `event:` name as its line goes by."""

    def __init__(self, body, names):
        self.body, self.names, self.partial = body, names, b""

    def __iter__(self):
        for chunk in self.body:
            *lines, self.partial = (self.partial + chunk).split(b"\n")  # a line may span two chunks
            self.names += [line[len(b"event: "):].decode() for line in lines if line.startswith(b"event: ")]
            yield chunk

    def close(self):
        self.body.close()


class WireTap(httpx2.HTTPTransport):
    """An ordinary HTTP transport that also lists every event name on the wire, `ping` included."""

    def __init__(self):
        super().__init__(verify=TLS)
        self.names = []

    def handle_request(self, request):
        response = super().handle_request(request)
        return httpx2.Response(response.status_code, headers=response.headers, extensions=response.extensions,
                               stream=EventNames(response.stream, self.names))


def stream(client, prompt, *, model: str = "claude-haiku-4-5", tools: bool = False):
    extra = {"tools": TOOLS} if tools else {}
    messages = [{"role": "user", "content": prompt}]
    tap = WireTap()  # only to show what the SDK hides; normal code passes no http_client
    with client.with_options(http_client=anthropic.DefaultHttpxClient(transport=tap)) as tapped, \
            tapped.messages.stream(model=model, max_tokens=1024, messages=messages, **extra) as events:
        for event in events:
            if event.type in WIRE_EVENTS:  # first, the wire events the SDK skipped on the way here
                while tap.names and (name := tap.names.pop(0)) != event.type:
                    yield "events", f"{name}  ← on the wire, dropped by the SDK\n"
            if event.type == "text":  # a helper event after each text delta: what `events.text_stream` yields
                yield event.text
            elif event.type == "input_json":  # a helper event: the JSON piece, and the tool input parsed so far
                parsed = json.dumps(event.snapshot, ensure_ascii=False)  # 北京 as written, not \u5317\u4eac
                yield "tool input", f"+ {event.partial_json!r:<24} → {parsed}\n"
            elif event.type == "content_block_start":
                yield "events", f"content_block_start  {event.content_block.type}\n"
            elif event.type == "content_block_delta":
                yield "events", f"content_block_delta  {event.delta.type}\n"
            else:
                yield "events", f"{event.type}\n"
        message = events.get_final_message()  # the whole message, assembled by the SDK from the events
    yield "events", f"\nstop_reason: {message.stop_reason}\n"
    yield "usage", {"input_tokens": message.usage.input_tokens, "output_tokens": message.usage.output_tokens}


if __name__ == "__main__":
    try:
        import _standalone  # in StreamLab's repository: options on the command line, the mock when no key is set
    except ImportError:  # a copy on its own: the SDK reads ANTHROPIC_API_KEY and ANTHROPIC_BASE_URL itself
        import anthropic

        for piece in stream(anthropic.Anthropic(), PROMPT):
            print(piece if isinstance(piece, str) else f"\n[{piece[0]}] {piece[1]}", end="", flush=True)
    else:
        _standalone.run()
