"""Text made at run time, in the learner's language: status lines, the metrics table, the server's messages."""

from __future__ import annotations

import html
import re
from functools import cache

from streamlab.i18n import language
from streamlab.i18n.messages_edit_zh import EDIT_MESSAGES
from streamlab.i18n.messages_zh import MESSAGES

STATUS = {
    "en": {"waiting": "Waiting for the first token…", "thinking": "Thinking…", "running": "Streaming…", "done": "Done.",
           "stopped": "**Stopped.**", "failed": "**Failed.**", "incomplete": "**Incomplete.**"},
    "zh": {"waiting": "正在等待第一个 token…", "thinking": "正在思考…", "running": "正在流式输出…", "done": "完成。",
           "stopped": "**已停止。**", "failed": "**失败。**", "incomplete": "**不完整。**"},
}
# The status line's icons: inline SVG drawn in the page's colours, so no emoji font is needed.
_SVG = ('<svg class="run-icon run-icon-{state}" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" '
        'xmlns="http://www.w3.org/2000/svg">{body}</svg>')
ICONS = {state: _SVG.format(state=state, body=body) for state, body in {
    "running": '<circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" stroke-width="2" '
               'stroke-dasharray="26 12"/>',
    "done": '<circle cx="8" cy="8" r="7.5" fill="#16a34a"/><path d="M4.5 8.3l2.3 2.3 4.7-4.9" fill="none" '
            'stroke="#fff" stroke-width="1.8"/>',
    "stopped": '<rect x="2" y="2" width="12" height="12" rx="2" fill="#71717a"/>',
    "failed": '<circle cx="8" cy="8" r="7.5" fill="#dc2626"/><path d="M5.2 5.2l5.6 5.6M10.8 5.2l-5.6 5.6" '
              'stroke="#fff" stroke-width="1.8"/>',
    "incomplete": '<path d="M8 1l7.5 13.5h-15z" fill="#d97706"/><path d="M8 5.5v4.5M8 11.5v1.5" stroke="#fff" '
                  'stroke-width="1.8"/>',
}.items()}
ICONS["waiting"] = ICONS["thinking"] = ICONS["running"]
METRIC_NAMES_ZH = {
    "pane": "输出栏", "first token": "首 token 延迟", "chunks": "分块数", "characters": "字符数", "elapsed": "耗时",
    "chunks/s": "分块/秒", "tokens in / out": "输入 / 输出 token", "of which reasoning": "其中推理 token",
}
CHART_TITLE_ZH = ("When each chunk arrived", "每个分块到达的时间")
# Output pane names (a snippet's PANES): the panes' labels and the chart's rows.
PANE_NAMES_ZH: dict[str, str] = {
    "output": "输出", "chunks": "分块", "tool calls": "工具调用", "events": "事件", "stats": "统计",
    "tool input": "工具输入", "wire": "线上原始数据", "parsed": "解析结果", "curl": "curl 命令",
    "streaming": "流式", "blocking": "非流式", "timing": "计时", "attempts": "尝试记录",
    "answer 1": "回答 1", "answer 2": "回答 2", "answer 3": "回答 3", "arguments": "参数", "refusal": "拒答",
    "answer": "回答", "thinking": "思考过程", "broken": "有 bug 的版本", "fixed": "修复后的版本",
    "messages sent": "发送的消息",
}


@cache
def _compiled() -> tuple[tuple[re.Pattern, str], ...]:
    """Each English template as a pattern: its `{name}`s match any text, carried into the Chinese."""
    compiled = []
    for english, chinese in EDIT_MESSAGES + MESSAGES:
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
    """The line under Run: an icon, then waiting, running, done, or how the run ended (stopped, failed,
    incomplete) and the message that says why."""
    words = STATUS[language(lang)]
    said = f" {translate(message, lang)}" if message and state in ("done", "stopped", "failed", "incomplete") else ""
    return f"{ICONS[state]} {words[state]}{said}"


def metrics_table(markdown: str, lang: str) -> str:
    """The metrics (`Metrics.markdown`) with its names in `lang`: column names, pane names, the run's figures."""
    if language(lang) != "zh" or not markdown:
        return markdown
    head, _, rest = markdown.partition("\n")
    cells = [METRIC_NAMES_ZH.get(cell.strip(), cell.strip()) for cell in head.strip("| ").split(" | ")]
    rest = re.sub(r"(?m)^\| ([^|]+?) \|", lambda m: f"| {PANE_NAMES_ZH.get(m[1], m[1])} |", rest)
    rest = re.sub(r"(?m)(^|· )(elapsed|tokens in / out|of which reasoning) \*\*",
                  lambda m: f"{m[1]}{METRIC_NAMES_ZH[m[2]]} **", rest)
    return f"| {' | '.join(cells)} |\n{rest}"


def chart(svg: str, lang: str) -> str:
    """The arrivals chart with its title and row names in `lang`."""
    if language(lang) != "zh" or not svg:
        return svg
    svg = svg.replace(*CHART_TITLE_ZH)
    for name, chinese in PANE_NAMES_ZH.items():
        svg = svg.replace(f'fill="currentColor">{html.escape(name)}</text>', f'fill="currentColor">{chinese}</text>')
    return svg
