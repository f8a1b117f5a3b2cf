"""Text made at run time, in the learner's language: status lines, the metrics table, the server's messages."""

from __future__ import annotations

import html
import re
from functools import cache

from streamlab.i18n import language
from streamlab.i18n.messages_zh import MESSAGES

STATUS = {
    "en": {"waiting": "⏳ Waiting for the first token…", "thinking": "💭 Thinking…", "running": "⏳ Streaming…",
           "done": "✅ Done.", "stopped": "⏹ **Stopped.**"},
    "zh": {"waiting": "⏳ 正在等待第一个 token…", "thinking": "💭 正在思考…", "running": "⏳ 正在流式输出…",
           "done": "✅ 完成。", "stopped": "⏹ **已停止。**"},
}
METRIC_NAMES_ZH = {
    "first token": "首 token 延迟", "chunks": "分块数", "characters": "字符数", "elapsed": "耗时",
    "chunks/s": "分块/秒", "tokens in / out": "输入 / 输出 token", "first thinking": "首个思考 token",
    "of which reasoning": "其中推理 token",
}
CHART_TITLE_ZH = ("When each chunk arrived", "每个分块到达的时间")
# Output pane names (a snippet's PANES): the panes' labels and the chart's rows.
PANE_NAMES_ZH: dict[str, str] = {
    "output": "输出", "chunks": "分块", "tool calls": "工具调用", "events": "事件", "stats": "统计",
    "tool input": "工具输入", "wire": "线上原始数据", "parsed": "解析结果", "curl": "curl 命令",
    "streaming": "流式", "blocking": "非流式", "timing": "计时", "attempts": "尝试记录",
    "answer 1": "回答 1", "answer 2": "回答 2", "answer 3": "回答 3", "arguments": "参数", "refusal": "拒答",
    "answer": "回答", "thinking": "思考过程", "broken": "有 bug 的版本", "fixed": "修复后的版本",
}


@cache
def _compiled() -> tuple[tuple[re.Pattern, str], ...]:
    """Each English template as a pattern: its `{name}`s match any text, carried into the Chinese."""
    compiled = []
    for english, chinese in MESSAGES:
        parts = re.split(r"\{(\w+)\}", english)
        pattern = "".join(re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+?)" for i, part in enumerate(parts))
        replacement = re.sub(r"\{(\w+)\}", r"\\g<\1>", chinese)
        compiled.append((re.compile(pattern, re.DOTALL), replacement))
    return tuple(compiled)


def translate(text: str, lang: str) -> str:
    """`text` (a message the server wrote in English) in `lang`; values inside it are kept as they are."""
    if language(lang) != "zh" or not text:
        return text
    for pattern, replacement in _compiled():
        text = pattern.sub(replacement, text)
    text = re.sub(r"(?<=[。；：！？）])\s+(?=[\u4e00-\u9fff*])", "", text)  # no space after full-width stops
    return re.sub(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])", "", text)


def status_line(state: str, lang: str, message: str = "") -> str:
    """The line under Run: waiting, running, done, stopped (with its message) or error (the message)."""
    words = STATUS[language(lang)]
    if state == "error":
        return f"⚠️ **{translate(message, lang)}**"
    if state == "stopped":
        return f"{words['stopped']} {translate(message, lang)}"
    return words[state]


def metrics_table(markdown: str, lang: str) -> str:
    """The metrics table with its column names in `lang` (the figures are the same in every language)."""
    if language(lang) != "zh" or not markdown:
        return markdown
    head, _, rest = markdown.partition("\n")
    cells = [METRIC_NAMES_ZH.get(cell.strip(), cell.strip()) for cell in head.strip("| ").split(" | ")]
    return f"| {' | '.join(cells)} |\n{rest}"


def chart(svg: str, lang: str) -> str:
    """The arrivals chart with its title and row names in `lang`."""
    if language(lang) != "zh" or not svg:
        return svg
    svg = svg.replace(*CHART_TITLE_ZH)
    for name, chinese in PANE_NAMES_ZH.items():
        svg = svg.replace(f'fill="currentColor">{html.escape(name)}</text>', f'fill="currentColor">{chinese}</text>')
    return svg
