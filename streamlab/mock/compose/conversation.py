"""A request in provider-neutral form, and the reply the mock plans for it."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace

from ..words import schema, text
from . import answer as composed
from . import reasoning, tools
from .tools import Tool, ToolCall, ToolResult

_B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


class RequestError(ValueError):
    """A request the real provider would refuse with a 4xx; carries what its error body says."""

    def __init__(self, message: str, param: str | None = None, code: str | None = None, status: int = 400):
        super().__init__(message)
        self.message, self.param, self.code, self.status = message, param, code, status


@dataclass
class Conversation:
    model: str
    prompt: str  # the text of the last user message
    seed: str  # hash of the request, minus how it is delivered (stream flags)
    system: str = ""
    all_text: list[str] = field(default_factory=list)  # everything the model would read, to count tokens
    tools: list[Tool] = field(default_factory=list)
    tool_choice: str = "auto"  # auto | none | required | tool:<name>
    tool_results: list[ToolResult] = field(default_factory=list)  # results this turn must answer
    max_tokens: int | None = None
    stream: bool = False
    output_schema: dict | None = None  # structured output: the answer is JSON valid against this schema
    output_json: bool = False  # JSON mode: the answer is a JSON object, no schema
    reasoning: bool = False  # the request asks the model to think first and to show its thinking

    @property
    def prompt_tokens(self) -> int:
        counted = sum(text.count_tokens(t) + 4 for t in self.all_text) + 3
        if self.tools:
            counted += len(json.dumps([t.__dict__ for t in self.tools])) // 4
        return counted

    def make_id(self, prefix: str, salt: str = "", length: int = 24) -> str:
        number = int(text.stable_hash(self.seed, prefix, salt), 16)
        chars = []
        for _ in range(length):
            number, rest = divmod(number, 62)
            chars.append(_B62[rest])
        return prefix + "".join(chars)


@dataclass
class Reply:
    pieces: list[str]  # the text, in token-sized pieces, already cut to max_tokens
    finish: str  # stop | length | tool_calls
    calls: list[ToolCall] = field(default_factory=list)
    prompt_tokens: int = 0
    refusal: bool = False  # the pieces are a refusal (structured outputs), not the answer
    thinking: list[str] = field(default_factory=list)  # what the model thinks first, in pieces (reasoning.py)

    @property
    def text(self) -> str:
        return "".join(self.pieces)

    @property
    def completion_tokens(self) -> int:
        return len(self.thinking) + len(self.pieces) + sum(len(c.fragments) + 1 for c in self.calls)

    @property
    def reasoning_tokens(self) -> int:
        return len(self.thinking)

    @property
    def tokens_streamed(self) -> int:
        """How many token frames the stream carries (thinking, text pieces and argument fragments)."""
        return len(self.thinking) + len(self.pieces) + sum(len(c.fragments) for c in self.calls)


def seed_of(body: dict, path: str) -> str:
    kept = {k: v for k, v in body.items() if k not in ("stream", "stream_options")}
    return text.stable_hash(path, json.dumps(kept, sort_keys=True, ensure_ascii=False, default=str))


REFUSED = re.compile(r"\b(bomb|explosives?|nerve agent|bioweapon|malware|ransomware|hack into|steal (?:a|an|the|"
                     r"someone's)|counterfeit money)\b", re.IGNORECASE)
REFUSAL = "I'm sorry, but I can't help with that request."


def json_pieces(document: str) -> list[str]:
    """JSON cut where a model's tokens fall: words and numbers, with the punctuation and space before them."""
    return re.findall(r" ?\w+| ?[^\w\s]+|\s+", document) or [document]


def structured(conv: Conversation) -> Reply | None:
    """The reply to a request for structured output: JSON for its schema, or a refusal; None otherwise."""
    if conv.output_schema is None and not conv.output_json:
        return None
    if REFUSED.search(conv.prompt):
        return Reply(text.tokenize(REFUSAL), "stop", prompt_tokens=conv.prompt_tokens, refusal=True)
    if conv.output_schema is not None:
        document = schema.generate(conv.output_schema, conv.prompt, conv.seed)
    else:
        document = {"answer": composed.answer(conv.prompt, _seed(conv), conv.system, conv.all_text)}
    pieces, finish = json_pieces(schema.dumps(document)), "stop"
    if conv.max_tokens is not None and len(pieces) > conv.max_tokens:
        pieces, finish = pieces[: conv.max_tokens], "length"
    return Reply(pieces, finish, prompt_tokens=conv.prompt_tokens)


def _seed(conv: Conversation) -> str:
    """What picks among an answer's phrasings: the prompt alone, so every API (and stream or not) says the same."""
    return text.stable_hash(text.normalise(conv.prompt))


def plan(conv: Conversation, *, preamble: bool = False) -> Reply:
    """What the model answers, after its thinking when the request asks for it. The thinking counts against
    max_tokens, as on the real APIs: what it uses, the answer cannot."""
    if not conv.reasoning:
        return _answer(conv, preamble)
    thinking = reasoning.pieces(conv.prompt)
    if conv.max_tokens is not None:
        thinking = thinking[: conv.max_tokens]
        conv = replace(conv, max_tokens=conv.max_tokens - len(thinking))
    reply = _answer(conv, preamble)
    reply.thinking = thinking
    return reply


def _answer(conv: Conversation, preamble: bool) -> Reply:
    """Tool calls, an answer from tool results, structured output, or text (cut to max_tokens)."""
    calls: list[ToolCall] = []
    if conv.tool_results or not tools.plan_calls(conv.tools, conv.tool_choice, conv.prompt, conv.system):
        reply = structured(conv)  # after tool results too: the final answer takes the requested shape
        if reply is not None:
            return reply
    if conv.tool_results:
        answer = tools.answer_from_results(conv.tool_results, conv.prompt, conv.seed)
    else:
        calls = tools.plan_calls(conv.tools, conv.tool_choice, conv.prompt, conv.system)
        # The text depends on the prompt alone, so every API (and stream or not) gives the same answer to it.
        answer = tools.preamble(calls, conv.prompt) if calls and preamble else "" if calls else \
            composed.answer(conv.prompt, _seed(conv), conv.system, conv.all_text)
    pieces = text.tokenize(answer)
    finish = "tool_calls" if calls else "stop"
    if conv.max_tokens is not None and len(pieces) > conv.max_tokens:
        pieces, finish, calls = pieces[: conv.max_tokens], "length", []
    return Reply(pieces, finish, calls, conv.prompt_tokens)


def require_int(body: dict, name: str, minimum: int = 1) -> int | None:
    value = body.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise RequestError(f"Invalid '{name}': expected an integer >= {minimum}, got {value!r}.", name,
                           "invalid_value")
    return value


def text_of(content) -> str:
    """Plain text of message content: a string, or a list of parts with text."""
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "\n".join(p.get("text", "") for p in content if isinstance(p, dict) and isinstance(p.get("text"), str))
    raise RequestError("Invalid message content: expected a string or a list of content parts.", "content")


def load_args(raw) -> dict:
    if isinstance(raw, dict):
        return raw
    try:
        value = json.loads(raw or "{}")
    except (TypeError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}
