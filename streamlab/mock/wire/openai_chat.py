"""OpenAI Chat Completions: `POST /openai/v1/chat/completions`, streaming (SSE `data:` chunks) and not."""

from __future__ import annotations

import time
from collections.abc import Iterator

from ..compose.conversation import Conversation, Reply, RequestError, load_args, require_int, text_of
from ..compose.tools import Tool, ToolResult
from .faults import dumps, sse
from .streaming import END, META, TOKEN, Frame

ROLES = ("system", "developer", "user", "assistant", "tool", "function")


def _tools(body: dict) -> list[Tool]:
    raw = body.get("tools") or []
    if not isinstance(raw, list):
        raise RequestError("Invalid 'tools': expected an array.", "tools", "invalid_type")
    found = []
    for i, tool in enumerate(raw):
        fn = tool.get("function") if isinstance(tool, dict) else None
        if not isinstance(fn, dict) or not isinstance(fn.get("name"), str):
            raise RequestError(f"Missing required parameter: 'tools[{i}].function.name'.", f"tools[{i}].function",
                               "missing_required_parameter")
        found.append(Tool(fn["name"], fn.get("description") or "", fn.get("parameters") or {}))
    return found


def _choice(raw) -> str:
    if isinstance(raw, dict):
        return "tool:" + str((raw.get("function") or {}).get("name", ""))
    return raw if raw in ("none", "required", "auto") else "auto"


def output_format(raw) -> tuple[dict | None, bool]:
    """(schema, json_mode) from `response_format`: json_schema (strict or not), json_object, or text."""
    if raw is None:
        return None, False
    kind = raw.get("type") if isinstance(raw, dict) else None
    if kind == "json_schema":
        spec = raw.get("json_schema")
        if not isinstance(spec, dict) or not isinstance(spec.get("name"), str):
            raise RequestError("Missing required parameter: 'response_format.json_schema.name'.",
                               "response_format.json_schema.name", "missing_required_parameter")
        return (spec.get("schema") if isinstance(spec.get("schema"), dict) else {"type": "object"}), False
    if kind == "json_object":
        return None, True
    if kind == "text":
        return None, False
    raise RequestError("Invalid value for 'response_format.type': expected one of 'text', 'json_object', "
                       "'json_schema'.", "response_format.type", "invalid_value")


def parse(body: dict, seed: str) -> Conversation:
    if not isinstance(body.get("model"), str) or not body["model"]:
        raise RequestError("you must provide a model parameter", "model", "missing_required_parameter")
    messages = body.get("messages")
    if messages is None:
        raise RequestError("Missing required parameter: 'messages'.", "messages", "missing_required_parameter")
    if not isinstance(messages, list) or not messages:
        raise RequestError("Invalid 'messages': expected a non-empty array of messages.", "messages",
                           "empty_array" if isinstance(messages, list) else "invalid_type")
    calls: dict[str, tuple[str, dict]] = {}
    results: list[ToolResult] = []
    system, prompt, texts = [], "", []
    for i, message in enumerate(messages):
        if not isinstance(message, dict) or message.get("role") not in ROLES:
            raise RequestError(f"Invalid value for 'messages[{i}].role': expected one of {', '.join(ROLES)}.",
                               f"messages[{i}].role", "invalid_value")
        role, content = message["role"], text_of(message.get("content"))
        texts.append(content)
        if role in ("system", "developer"):
            system.append(content)
        elif role == "user":
            prompt, results = content, []
        elif role == "assistant":
            results = []
            for call in message.get("tool_calls") or []:
                fn = call.get("function") or {}
                calls[call.get("id", "")] = (fn.get("name", ""), load_args(fn.get("arguments")))
                texts.append(str(fn.get("arguments", "")))
        elif role == "tool":
            name, args = calls.get(message.get("tool_call_id", ""), ("", {}))
            results.append(ToolResult(message.get("tool_call_id", ""), content, name, args))
    if body.get("stream_options") is not None and not body.get("stream"):
        raise RequestError("The 'stream_options' parameter is only allowed when 'stream' is enabled.",
                           "stream_options", "invalid_value")
    cap = require_int(body, "max_completion_tokens")
    cap = cap if cap is not None else require_int(body, "max_tokens")
    schema, json_mode = output_format(body.get("response_format"))
    return Conversation(model=body["model"], prompt=prompt, seed=seed, system="\n".join(system), all_text=texts,
                        tools=_tools(body), tool_choice=_choice(body.get("tool_choice")), tool_results=results,
                        max_tokens=cap, stream=bool(body.get("stream")), output_schema=schema,
                        output_json=json_mode, reasoning=thinks(body))


def thinks(body: dict) -> bool:
    """Whether an OpenAI-compatible provider streams `reasoning_content` for this request: DeepSeek's reasoning
    model always does, Qwen's models when `enable_thinking` is true. OpenAI's own models never show theirs here."""
    return body["model"].startswith("deepseek-reasoner") or body.get("enable_thinking") is True


def usage(reply: Reply) -> dict:
    return {"prompt_tokens": reply.prompt_tokens, "completion_tokens": reply.completion_tokens,
            "total_tokens": reply.prompt_tokens + reply.completion_tokens,
            "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
            "completion_tokens_details": {"reasoning_tokens": reply.reasoning_tokens, "audio_tokens": 0,
                                          "accepted_prediction_tokens": 0, "rejected_prediction_tokens": 0}}


def frames(conv: Conversation, reply: Reply, include_usage: bool) -> Iterator[Frame]:
    head = {"id": conv.make_id("chatcmpl-", length=29), "object": "chat.completion.chunk",
            "created": int(time.time()), "model": conv.model, "system_fingerprint": None}
    if include_usage:
        head["usage"] = None

    def chunk(delta: dict, finish: str | None = None) -> bytes:
        choice = {"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}
        return sse(dumps({**head, "choices": [choice]}))

    first = {"role": "assistant", "content": None if reply.calls or reply.refusal or conv.reasoning else ""}
    first |= {"refusal": ""} if reply.refusal else {}
    # DeepSeek's shape: while it thinks, `content` is null; once it answers, `reasoning_content` is null
    first |= {"reasoning_content": ""} if conv.reasoning else {}
    yield META, chunk(first)
    for piece in reply.thinking:
        yield TOKEN, chunk({"content": None, "reasoning_content": piece})
    field = "refusal" if reply.refusal else "content"
    thought = {"reasoning_content": None} if conv.reasoning else {}
    for piece in reply.pieces:
        yield TOKEN, chunk({field: piece, **thought})
    for i, call in enumerate(reply.calls):
        first = {"index": i, "id": conv.make_id("call_", str(i)), "type": "function",
                 "function": {"name": call.name, "arguments": ""}}
        yield META, chunk({"tool_calls": [first]})
        for fragment in call.fragments:
            yield TOKEN, chunk({"tool_calls": [{"index": i, "function": {"arguments": fragment}}]})
    yield END, chunk({}, reply.finish)
    if include_usage:
        yield END, sse(dumps({**head, "choices": [], "usage": usage(reply)}))
    yield END, sse(b"[DONE]")


def complete(conv: Conversation, reply: Reply) -> dict:
    message = {"role": "assistant", "content": None if reply.calls or reply.refusal else reply.text,
               "refusal": reply.text if reply.refusal else None, "annotations": []}
    if conv.reasoning:
        message["reasoning_content"] = "".join(reply.thinking)
    if reply.calls:
        message["tool_calls"] = [{"id": conv.make_id("call_", str(i)), "type": "function",
                                  "function": {"name": c.name, "arguments": c.arguments_json}}
                                 for i, c in enumerate(reply.calls)]
    return {"id": conv.make_id("chatcmpl-", length=29), "object": "chat.completion", "created": int(time.time()),
            "model": conv.model, "system_fingerprint": None,
            "choices": [{"index": 0, "message": message, "logprobs": None, "finish_reason": reply.finish}],
            "usage": usage(reply)}


def error_frame(_frames_sent: int) -> bytes:
    error = {"message": "The server had an error while processing your request. (StreamLab mock: error_event)",
             "type": "server_error", "param": None, "code": None}
    return sse(dumps({"error": error}))


MALFORMED_FRAME = sse(b"{not json")
