"""OpenAI Responses API: `POST /openai/v1/responses`, typed SSE events (`event:` + `data:`) and not streaming."""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator

from ..compose import reasoning
from ..compose.conversation import Conversation, Reply, RequestError, load_args, require_int, text_of
from ..compose.tools import Tool, ToolResult
from .faults import dumps, sse
from .streaming import END, META, TOKEN, Frame


def _tools(body: dict) -> list[Tool]:
    raw = body.get("tools") or []
    if not isinstance(raw, list):
        raise RequestError("Invalid 'tools': expected an array.", "tools", "invalid_type")
    found = []
    for i, tool in enumerate(raw):
        if not isinstance(tool, dict) or tool.get("type") != "function":
            continue  # built-in tools (web search, ...) are not simulated
        spec = tool.get("function") if isinstance(tool.get("function"), dict) else tool
        if not isinstance(spec.get("name"), str):
            raise RequestError(f"Missing required parameter: 'tools[{i}].name'.", f"tools[{i}].name",
                               "missing_required_parameter")
        found.append(Tool(spec["name"], spec.get("description") or "", spec.get("parameters") or {}))
    return found


def _choice(raw) -> str:
    if isinstance(raw, dict):
        return "tool:" + str(raw.get("name", ""))
    return raw if raw in ("none", "required", "auto") else "auto"


def output_format(body: dict) -> tuple[dict | None, bool]:
    """(schema, json_mode) from `text.format`: json_schema, json_object, or text."""
    fmt = (body.get("text") or {}).get("format") if isinstance(body.get("text"), dict) else None
    kind = fmt.get("type") if isinstance(fmt, dict) else None
    if kind == "json_schema":
        if not isinstance(fmt.get("name"), str):
            raise RequestError("Missing required parameter: 'text.format.name'.", "text.format.name",
                               "missing_required_parameter")
        return (fmt.get("schema") if isinstance(fmt.get("schema"), dict) else {"type": "object"}), False
    return None, kind == "json_object"


def parse(body: dict, seed: str) -> Conversation:
    if not isinstance(body.get("model"), str) or not body["model"]:
        raise RequestError("Missing required parameter: 'model'.", "model", "missing_required_parameter")
    items = body.get("input")
    if items is None:
        raise RequestError("Missing required parameter: 'input'.", "input", "missing_required_parameter")
    if isinstance(items, str):
        items = [{"role": "user", "content": items}]
    if not isinstance(items, list) or not items:
        raise RequestError("Invalid 'input': expected a string or a non-empty array of input items.", "input",
                           "invalid_value")
    instructions = body.get("instructions") if isinstance(body.get("instructions"), str) else ""
    calls: dict[str, tuple[str, dict]] = {}
    results: list[ToolResult] = []
    prompt, texts = "", [instructions] if instructions else []
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise RequestError(f"Invalid 'input[{i}]': expected an object.", f"input[{i}]", "invalid_type")
        kind = item.get("type", "message")
        if kind == "message":
            content = text_of(item.get("content"))
            texts.append(content)
            if item.get("role") == "user":
                prompt, results = content, []
            elif item.get("role") == "assistant":
                results = []
        elif kind == "function_call":
            calls[item.get("call_id", "")] = (item.get("name", ""), load_args(item.get("arguments")))
            texts.append(str(item.get("arguments", "")))
        elif kind == "function_call_output":
            output = item.get("output")
            content = output if isinstance(output, str) else text_of(output)
            name, args = calls.get(item.get("call_id", ""), ("", {}))
            results.append(ToolResult(item.get("call_id", ""), content, name, args))
            texts.append(content)
    schema, json_mode = output_format(body)
    return Conversation(model=body["model"], prompt=prompt, seed=seed, system=instructions, all_text=texts,
                        tools=_tools(body), tool_choice=_choice(body.get("tool_choice")), tool_results=results,
                        max_tokens=require_int(body, "max_output_tokens"), stream=bool(body.get("stream")),
                        output_schema=schema, output_json=json_mode, reasoning=thinks(body))


def thinks(body: dict) -> bool:
    """Whether the request asks to see the model's reasoning: `reasoning.summary` (auto, concise or detailed)."""
    asked = body.get("reasoning")
    return isinstance(asked, dict) and asked.get("summary") in ("auto", "concise", "detailed")


def _usage(reply: Reply) -> dict:
    return {"input_tokens": reply.prompt_tokens, "input_tokens_details": {"cached_tokens": 0, "cache_write_tokens": 0},
            "output_tokens": reply.completion_tokens,
            "output_tokens_details": {"reasoning_tokens": reply.reasoning_tokens},
            "total_tokens": reply.prompt_tokens + reply.completion_tokens}


def _response(conv: Conversation, body_status: str, output: list, usage: dict | None, created: int) -> dict:
    incomplete = body_status == "incomplete"
    return {"id": conv.make_id("resp_", length=40), "object": "response", "created_at": created,
            "status": body_status, "background": False, "error": None,
            "incomplete_details": {"reason": "max_output_tokens"} if incomplete else None,
            "instructions": conv.system or None, "max_output_tokens": conv.max_tokens, "model": conv.model,
            "output": output, "parallel_tool_calls": True, "previous_response_id": None,
            "reasoning": {"effort": None, "summary": None}, "service_tier": "default", "store": False,
            "temperature": 1.0, "text": {"format": {"type": "text"}, "verbosity": "medium"},
            "tool_choice": "auto", "tools": [{"type": "function", "name": t.name, "description": t.description,
                                              "parameters": t.schema, "strict": False} for t in conv.tools],
            "top_p": 1.0, "truncation": "disabled", "usage": usage, "user": None, "metadata": {}}


def _summary(reply: Reply, done: bool) -> list[dict]:
    return [{"type": "summary_text", "text": "".join(part)} for part in reasoning.parts(reply.thinking)] if done else []


def _items(conv: Conversation, reply: Reply, done: bool) -> list[dict]:
    items = [{"id": conv.make_id("rs_", length=40), "type": "reasoning", "summary": _summary(reply, done)}] \
        if reply.thinking else []
    if reply.pieces or not reply.calls:
        part = {"type": "output_text", "annotations": [], "logprobs": [], "text": reply.text if done else ""}
        if reply.refusal:
            part = {"type": "refusal", "refusal": reply.text if done else ""}
        status = ("incomplete" if reply.finish == "length" else "completed") if done else "in_progress"
        items.append({"id": conv.make_id("msg_", length=40), "type": "message", "status": status,
                      "content": [part] if done else [], "role": "assistant"})
    for i, call in enumerate(reply.calls):
        items.append({"id": conv.make_id("fc_", str(i), 40), "type": "function_call",
                      "status": "completed" if done else "in_progress", "arguments": call.arguments_json if done
                      else "", "call_id": conv.make_id("call_", str(i)), "name": call.name})
    return items


def frames(conv: Conversation, reply: Reply) -> Iterator[Frame]:
    seq, created = itertools.count(), int(time.time())

    def event(kind: str, type_: str, **fields) -> Frame:
        return kind, sse(dumps({"type": type_, "sequence_number": next(seq), **fields}), type_)

    yield event(META, "response.created", response=_response(conv, "in_progress", [], None, created))
    yield event(META, "response.in_progress", response=_response(conv, "in_progress", [], None, created))
    started, finished = _items(conv, reply, False), _items(conv, reply, True)
    for index, (item, final) in enumerate(zip(started, finished)):
        at = {"item_id": item["id"], "output_index": index}
        yield event(META, "response.output_item.added", output_index=index, item=item)
        if item["type"] == "reasoning":
            for summary_index, part in enumerate(reasoning.parts(reply.thinking)):
                at_part = {**at, "summary_index": summary_index}
                yield event(META, "response.reasoning_summary_part.added", **at_part,
                            part={"type": "summary_text", "text": ""})
                for piece in part:
                    yield event(TOKEN, "response.reasoning_summary_text.delta", **at_part, delta=piece)
                yield event(META, "response.reasoning_summary_text.done", **at_part, text="".join(part))
                yield event(META, "response.reasoning_summary_part.done", **at_part,
                            part=final["summary"][summary_index])
        elif item["type"] == "message":
            part = final["content"][0]
            if reply.refusal:
                yield event(META, "response.content_part.added", **at, content_index=0, part={**part, "refusal": ""})
                for piece in reply.pieces:
                    yield event(TOKEN, "response.refusal.delta", **at, content_index=0, delta=piece)
                yield event(META, "response.refusal.done", **at, content_index=0, refusal=reply.text)
            else:
                yield event(META, "response.content_part.added", **at, content_index=0, part={**part, "text": ""})
                for piece in reply.pieces:
                    yield event(TOKEN, "response.output_text.delta", **at, content_index=0, delta=piece, logprobs=[])
                yield event(META, "response.output_text.done", **at, content_index=0, text=reply.text, logprobs=[])
            yield event(META, "response.content_part.done", **at, content_index=0, part=part)
        else:
            call = reply.calls[index - (len(started) - len(reply.calls))]
            for fragment in call.fragments:
                yield event(TOKEN, "response.function_call_arguments.delta", **at, delta=fragment)
            yield event(META, "response.function_call_arguments.done", **at, name=call.name,
                        arguments=call.arguments_json)
        yield event(META, "response.output_item.done", output_index=index, item=final)
    status = "incomplete" if reply.finish == "length" else "completed"
    yield event(END, f"response.{status}", response=_response(conv, status, finished, _usage(reply), created))


def complete(conv: Conversation, reply: Reply) -> dict:
    status = "incomplete" if reply.finish == "length" else "completed"
    return _response(conv, status, _items(conv, reply, True), _usage(reply), int(time.time()))


def error_frame(frames_sent: int) -> bytes:
    data = {"type": "error", "code": "server_error", "param": None, "sequence_number": frames_sent,
            "message": "The server had an error while processing your request. (StreamLab mock: error_event)"}
    return sse(dumps(data), "error")


MALFORMED_FRAME = sse(b"{not json", "response.output_text.delta")
