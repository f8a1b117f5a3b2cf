"""Anthropic Messages: `POST /anthropic/v1/messages`, SSE events (`event:` + `data:`) and not streaming."""

from __future__ import annotations

from collections.abc import Iterator

from ..compose import reasoning
from ..compose.conversation import Conversation, Reply, RequestError, text_of
from ..compose.tools import Tool, ToolResult
from .faults import dumps, sse
from .streaming import END, META, TOKEN, Frame

STOP = {"stop": "end_turn", "length": "max_tokens", "tool_calls": "tool_use"}


def _tools(body: dict) -> list[Tool]:
    raw = body.get("tools") or []
    if not isinstance(raw, list):
        raise RequestError("tools: Input should be a valid list")
    found = []
    for i, tool in enumerate(raw):
        if not isinstance(tool, dict) or not isinstance(tool.get("name"), str):
            raise RequestError(f"tools.{i}.name: Field required")
        if "input_schema" in tool or "type" not in tool or tool.get("type") == "custom":
            found.append(Tool(tool["name"], tool.get("description") or "", tool.get("input_schema") or {}))
    return found


def _choice(raw) -> str:
    kind = raw.get("type") if isinstance(raw, dict) else None
    return {"any": "required", "none": "none", "tool": "tool:" + str((raw or {}).get("name", ""))}.get(kind, "auto")


def _blocks(content) -> list[dict]:
    if isinstance(content, str):
        return [{"type": "text", "text": content}]
    if isinstance(content, list) and all(isinstance(b, dict) for b in content):
        return content
    raise RequestError("messages: content must be a string or a list of content blocks")


def output_schema(body: dict) -> dict | None:
    """The JSON schema of a structured-output request: `output_config.format` (what the SDK's
    `output_format=` sends) or the older top-level `output_format`."""
    config = body.get("output_config") if isinstance(body.get("output_config"), dict) else {}
    fmt = config.get("format") or body.get("output_format")
    if fmt is None:
        return None
    if not isinstance(fmt, dict) or fmt.get("type") != "json_schema" or not isinstance(fmt.get("schema"), dict):
        raise RequestError("output_config.format: expected {\"type\": \"json_schema\", \"schema\": {...}}")
    return fmt["schema"]


def thinks(body: dict) -> bool:
    """Whether the request turns on extended thinking: `{"type": "enabled", "budget_tokens": N}` (at least 1,024
    and below max_tokens, which the thinking counts against) or `{"type": "adaptive"}` (the mock always thinks)."""
    config = body.get("thinking")
    kind = config.get("type") if isinstance(config, dict) else None
    if kind == "enabled":
        budget = config.get("budget_tokens")
        if isinstance(budget, bool) or not isinstance(budget, int) or budget < 1024:
            raise RequestError("thinking.enabled.budget_tokens: Input should be greater than or equal to 1024")
        if budget >= body["max_tokens"]:
            raise RequestError("`max_tokens` must be greater than `thinking.budget_tokens`.")
    return kind in ("enabled", "adaptive")


def parse(body: dict, seed: str) -> Conversation:
    for name in ("model", "max_tokens", "messages"):
        if body.get(name) is None:
            raise RequestError(f"{name}: Field required")
    if not isinstance(body["model"], str):
        raise RequestError("model: Input should be a valid string")
    max_tokens = body["max_tokens"]
    if isinstance(max_tokens, bool) or not isinstance(max_tokens, int) or max_tokens < 1:
        raise RequestError("max_tokens: Input should be a valid integer greater than or equal to 1")
    messages = body["messages"]
    if not isinstance(messages, list) or not messages:
        raise RequestError("messages: at least one message is required")
    system = body.get("system") or ""
    system = system if isinstance(system, str) else text_of(system)
    calls: dict[str, tuple[str, dict]] = {}
    results: list[ToolResult] = []
    prompt, texts = "", [system] if system else []
    for i, message in enumerate(messages):
        if not isinstance(message, dict) or message.get("role") not in ("user", "assistant"):
            raise RequestError(f"messages.{i}.role: Input should be 'user' or 'assistant'")
        blocks = _blocks(message.get("content"))
        said = "\n".join(b.get("text", "") for b in blocks if b.get("type") == "text")
        texts.append(said)
        if message["role"] == "assistant":
            results = []
            for block in blocks:
                if block.get("type") == "tool_use":
                    args = block.get("input") if isinstance(block.get("input"), dict) else {}
                    calls[block.get("id", "")] = (block.get("name", ""), args)
                    texts.append(str(args))
            continue
        returned = [b for b in blocks if b.get("type") == "tool_result"]
        if returned:
            for block in returned:
                content = block.get("content")
                content = content if isinstance(content, str) else text_of(content)
                name, args = calls.get(block.get("tool_use_id", ""), ("", {}))
                results.append(ToolResult(block.get("tool_use_id", ""), content, name, args))
                texts.append(content)
        else:
            prompt, results = said, []
    return Conversation(reasoning=thinks(body), model=body["model"], prompt=prompt, seed=seed, system=system,
                        all_text=texts,
                        tools=_tools(body), tool_choice=_choice(body.get("tool_choice")), tool_results=results,
                        max_tokens=max_tokens, stream=bool(body.get("stream")), output_schema=output_schema(body))


def _stop(reply: Reply) -> str:
    return "refusal" if reply.refusal else STOP[reply.finish]


def _output_usage(reply: Reply, output_tokens: int) -> dict:
    """`output_tokens` (thinking included, as billed), and after thinking the part of it that was thinking."""
    details = {"output_tokens_details": {"thinking_tokens": reply.reasoning_tokens}} if reply.thinking else {}
    return {"output_tokens": output_tokens, **details}


def _message(conv: Conversation, reply: Reply, content: list, stop_reason, output_tokens: int) -> dict:
    return {"id": conv.make_id("msg_01", length=22), "type": "message", "role": "assistant", "model": conv.model,
            "content": content, "stop_reason": stop_reason, "stop_sequence": None,
            "usage": {"input_tokens": reply.prompt_tokens, "cache_creation_input_tokens": 0,
                      "cache_read_input_tokens": 0, "output_tokens": output_tokens, "service_tier": "standard"}}


def _blocks_of(conv: Conversation, reply: Reply) -> list[dict]:
    thought = "".join(reply.thinking)
    blocks = [{"type": "thinking", "thinking": thought, "signature": reasoning.signature(conv.seed, thought)}] \
        if reply.thinking else []
    blocks += [{"type": "text", "text": reply.text}] if reply.pieces or not reply.calls else []
    return blocks + [{"type": "tool_use", "id": conv.make_id("toolu_01", str(i), 22), "name": c.name,
                      "input": c.arguments} for i, c in enumerate(reply.calls)]


def frames(conv: Conversation, reply: Reply) -> Iterator[Frame]:
    def event(kind: str, type_: str, **fields) -> Frame:
        return kind, sse(dumps({"type": type_, **fields}), type_)

    yield event(META, "message_start", message=_message(conv, reply, [], None, 1))
    yield event(META, "ping")
    blocks = _blocks_of(conv, reply)
    for index, block in enumerate(blocks):
        if block["type"] == "thinking":
            start = {"type": "thinking", "thinking": "", "signature": ""}
            yield event(META, "content_block_start", index=index, content_block=start)
            for piece in reply.thinking:
                delta = {"type": "thinking_delta", "thinking": piece}
                yield event(TOKEN, "content_block_delta", index=index, delta=delta)
            delta = {"type": "signature_delta", "signature": block["signature"]}
            yield event(META, "content_block_delta", index=index, delta=delta)
        elif block["type"] == "text":
            yield event(META, "content_block_start", index=index, content_block={"type": "text", "text": ""})
            for piece in reply.pieces:
                yield event(TOKEN, "content_block_delta", index=index, delta={"type": "text_delta", "text": piece})
        else:
            yield event(META, "content_block_start", index=index, content_block={**block, "input": {}})
            call = reply.calls[index - (len(blocks) - len(reply.calls))]
            for fragment in call.fragments:
                delta = {"type": "input_json_delta", "partial_json": fragment}
                yield event(TOKEN, "content_block_delta", index=index, delta=delta)
        yield event(META, "content_block_stop", index=index)
    delta = {"stop_reason": _stop(reply), "stop_sequence": None}
    yield event(END, "message_delta", delta=delta, usage=_output_usage(reply, reply.completion_tokens))
    yield event(END, "message_stop")


def complete(conv: Conversation, reply: Reply) -> dict:
    message = _message(conv, reply, _blocks_of(conv, reply), _stop(reply), reply.completion_tokens)
    message["usage"] |= _output_usage(reply, reply.completion_tokens)
    return message


def error_frame(_frames_sent: int) -> bytes:
    error = {"type": "overloaded_error", "message": "Overloaded (StreamLab mock: error_event)"}
    return sse(dumps({"type": "error", "error": error}), "error")


MALFORMED_FRAME = sse(b"{not json", "content_block_delta")
