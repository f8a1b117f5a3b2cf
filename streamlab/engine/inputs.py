"""What a run accepts from a visitor: a prompt cleaned of what no prompt needs, options inside what the tab
offers. Anything else is refused with a message naming the field, never a crash."""

from __future__ import annotations

import math

from streamlab.engine.lessons import Lesson, Option
from streamlab.hosting.safe_text import ProviderError, short

MAX_PROMPT_CHARS = 8000
MAX_TEXT_OPTION_CHARS = 200
KEEP = {"\n", "\t"}


def no_lone_surrogates(text: str) -> str:
    """Lone surrogates (half a UTF-16 pair, which JSON can carry and UTF-8 cannot) become U+FFFD."""
    if not any("\ud800" <= ch <= "\udfff" for ch in text):
        return text
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def clean_text(text: str) -> str:
    """Lone surrogates become U+FFFD; control characters other than newline and tab are dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = no_lone_surrogates(text)
    return "".join(ch for ch in text if ch in KEEP or (ord(ch) >= 32 and not 0x7F <= ord(ch) <= 0x9F))


def prompt(value) -> str:
    if value is not None and not isinstance(value, str):
        raise ProviderError("The prompt must be text.")
    text = clean_text(value or "")
    if not text.strip():
        raise ProviderError("Type a prompt first: the box above Run is empty.")
    if len(text) > MAX_PROMPT_CHARS:
        raise ProviderError(
            f"The prompt is {len(text):,} characters; keep it under {MAX_PROMPT_CHARS:,} for a lesson run.")
    return text


def _shown(value) -> str:
    text = repr(value)
    return short(text if len(text) <= 40 else text[:37] + "…")


def option(spec: Option, value):
    """`value` for `spec` if the tab could have sent it; ProviderError naming the option otherwise."""
    name = f"The option “{spec.label}”"
    if value is None:
        return spec.default
    if spec.choices:
        if isinstance(value, str) and value in spec.choices:
            return value
        raise ProviderError(f"{name} must be one of: {', '.join(map(str, spec.choices))}; got {_shown(value)}.")
    if isinstance(spec.default, bool):
        if isinstance(value, bool):
            return value
        raise ProviderError(f"{name} must be true or false; got {_shown(value)}.")
    if isinstance(spec.default, (int, float)):
        low, high = spec.limits
        whole = isinstance(spec.default, int)
        kind = "a whole number" if whole else "a number"
        ok = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
        if ok and whole:
            ok = float(value).is_integer()
        if not ok or not low <= value <= high:
            raise ProviderError(f"{name} must be {kind} from {low} to {high}; got {_shown(value)}.")
        return int(value) if whole else float(value)
    if not isinstance(value, str) or len(value) > MAX_TEXT_OPTION_CHARS:
        raise ProviderError(f"{name} must be text of at most {MAX_TEXT_OPTION_CHARS} characters.")
    return clean_text(value)


def options(lesson: Lesson, given: dict) -> dict:
    return {spec.name: option(spec, given.get(spec.name)) for spec in lesson.options}


MAX_HISTORY_MESSAGES = 40
MAX_HISTORY_CHARS = 40_000


def history(value) -> list[dict]:
    """A chat lesson's conversation so far, as the tab keeps it: user and assistant turns of text, within
    limits (a longer chat is refused with a plain message: Clear it and start again)."""
    turns = []
    for turn in value or []:
        if not isinstance(turn, dict) or turn.get("role") not in ("user", "assistant") or \
                not isinstance(turn.get("content"), str):
            raise ProviderError("The conversation kept for this chat is not valid: press Clear and start again.")
        turns.append({"role": turn["role"], "content": clean_text(turn["content"])})
    if len(turns) > MAX_HISTORY_MESSAGES or sum(len(t["content"]) for t in turns) > MAX_HISTORY_CHARS:
        raise ProviderError(f"This chat is longer than a lesson keeps ({MAX_HISTORY_MESSAGES} messages, "
                            f"{MAX_HISTORY_CHARS:,} characters): press Clear to start a new one.")
    return turns
