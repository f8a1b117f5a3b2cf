"""Text a visitor may be shown: known keys and key-shaped strings hidden (`scrub`), text from outside made one plain
line (`short`), and `ProviderError`, a refusal whose message is already plain. The bottom of the app's layers: every
message that names a key, a URL or a provider's words passes through here."""

from __future__ import annotations

import html
import re

# Things that look like keys even when we do not know them (provider messages echo parts of keys).
KEY_PATTERNS = re.compile(r"(sk-[A-Za-z0-9_\-*]{4,}|sk-ant-[A-Za-z0-9_\-*]{4,}|Bearer\s+\S+|api[_-]?key[=:]\s*\S+)",
                          re.IGNORECASE)
HIDDEN = "[hidden]"
MAX_DETAIL_CHARS = 300
MARKDOWN = str.maketrans({c: "\\" + c for c in "\\`*_[]"})


class ProviderError(Exception):
    """A provider choice or a request that cannot work as set; the message tells the learner what to do."""


def scrub(text: str, secrets: list[str] = (), key_shapes: bool = True) -> str:
    """Hide the known secrets; with `key_shapes`, anything shaped like a key too (for error messages, not
    for lesson output, where `Bearer $OPENAI_API_KEY` is a teaching placeholder)."""
    for secret in sorted(secrets, key=len, reverse=True):
        if secret:
            text = text.replace(secret, HIDDEN)
    return KEY_PATTERNS.sub(HIDDEN, text) if key_shapes else text


def _one_line(text) -> str:
    """`text` as one printable line of at most MAX_DETAIL_CHARS characters."""
    line = " ".join("".join(ch if ch.isprintable() else " " for ch in str(text)).split())
    return line[:MAX_DETAIL_CHARS - 1] + "…" if len(line) > MAX_DETAIL_CHARS else line


def short(text: str) -> str:
    """Text from outside (a provider's message) made safe to show: one line, at most MAX_DETAIL_CHARS
    characters, HTML and Markdown escaped so it is shown as written and never rendered."""
    return html.escape(_one_line(text), quote=False).translate(MARKDOWN)


def code(text: str) -> str:
    """Text from outside shown as code (a URL, a model name): one line, at most MAX_DETAIL_CHARS characters, in a
    Markdown code span, where nothing is escaped or linked, so `my_host` reads as typed (`short` would show
    `my\\_host` inside a link)."""
    line = _one_line(text).replace("`", "ˋ")
    return f"`{line}`" if line else ""
