"""The page's own words in every language, for Gradio's i18n: the page shows them in the learner's language.

`t(key)` is what a component is given in place of a string; `translations()` builds the `gr.I18n` the app is
mounted with: the fixed strings below, plus each lesson's title, prose and default prompt (from
`lessons/<lang>/NN_slug.md` and `lessons/<lang>/prompts.json`).
"""

from __future__ import annotations

import json

from gradio.i18n import I18n, I18nData

from streamlab.engine import lessons
from streamlab.i18n import runtime

INTRO_EN = (
    "# StreamLab\n"
    "Learn LLM response streaming by watching it happen. Pick a lesson from the list: read it, read the code, press "
    "**Run**, and the answer streams beside the very code producing it. No key needed — a built-in mock speaks "
    "the real OpenAI and Anthropic wire formats. Open **Provider** to use your own key."
)
INTRO_ZH = (
    "# StreamLab\n"
    "边看边学大模型的流式输出。从课程列表里选一课：读讲解，读代码，按下**运行**，回答就在产生它的代码旁边逐字流出。"
    "无需密钥：内置的模拟服务说的是真实的 OpenAI 和 Anthropic 线上格式。想用自己的密钥，请打开**服务商**面板。"
)

UI: dict[str, tuple[str, str]] = {
    "meta.lang": ("en", "zh"),
    "intro": (INTRO_EN, INTRO_ZH),
    "language": ("Language", "语言"),
    "provider.panel": ("Provider", "服务商"),
    "provider.choice": ("Provider", "服务商"),
    "provider.mock": ("Mock (no key)", "模拟服务（无需密钥）"),
    "provider.compatible": ("OpenAI-compatible", "OpenAI 兼容"),
    "provider.recorded": ("Recorded (offline)", "录制回放（离线）"),
    "record": ("Record runs on this provider (saved as cassettes, replayed by Recorded)",
               "录制在这个服务商上的运行（保存为录制文件，可用“录制回放”重放）"),
    "model": ("Model", "模型"),
    "preset": ("Endpoint preset", "端点预设"),
    "preset.custom": ("Custom URL", "自定义 URL"),
    "preset.server": ("This server's endpoint", "本服务器的端点"),
    "base_url": ("Base URL", "Base URL（接口地址）"),
    "api_key": ("API key", "API 密钥"),
    "api_key.placeholder": ("sk-…  (stays in this browser session)", "sk-…（只保存在本浏览器会话中）"),
    "speed": ("Mock speed", "模拟速度"),
    "speed.realistic": ("realistic", "真实"),
    "speed.fast": ("fast", "快速"),
    "speed.instant": ("instant", "即时"),
    "speed.slow": ("slow", "慢速"),
    "fault": ("Mock fault (every run fails this way)", "模拟故障（每次运行都会这样失败）"),
    "fault.none": ("none", "无"),
    "mock.reset": ("Back to normal", "恢复正常"),
    "prompt": ("Prompt", "提示词"),
    "run": ("Run", "运行"),
    "stop": ("Stop", "停止"),
    "wire.openai": ("Speaks the **OpenAI Chat Completions format**.", "使用 **OpenAI Chat Completions 格式**。"),
    "wire.anthropic": ("Speaks the **Anthropic Messages format**.", "使用 **Anthropic Messages 格式**。"),
    "wire.responses": ("Speaks the **OpenAI Responses format**.", "使用 **OpenAI Responses 格式**。"),
    "nav.label": ("Lessons", "课程"),
    "nav.present": ("Presenter mode", "演示模式"),
    "nav.previous": ("Previous", "上一课"),
    "nav.next": ("Next", "下一课"),
    "nav.done": ("run to the end", "已运行完成"),
    "nav.solved": ("exercise solved", "练习已完成"),
    "nav.clear": ("Clear my progress", "清除学习进度"),
    "chapter.basics": ("Basics", "基础"),
    "chapter.structure": ("Tools & structure", "工具与结构化输出"),
    "chapter.wire": ("Providers & the wire", "服务商与线上格式"),
    "chapter.production": ("Production & the web", "生产环境与 Web"),
    "chapter.pitfalls": ("The tutorials' bugs", "教程里的 bug"),
    "chapter.more": ("More lessons", "更多课程"),
    "code.standalone": ("Greyed lines: the `__main__` block that lets the file run on its own.",
                        "灰色的行：让这个文件可以单独运行的 `__main__` 代码块。"),
    "code.reset": ("Reset to the lesson's code", "恢复为课程的代码"),
    "code.read_only.public": ("Read-only: a public server runs each lesson's own code. To change the code and run "
                              "it, run StreamLab on your own machine (README, first command).",
                              "只读：公开部署的服务器只运行每一课自己的代码。想修改代码并运行，请在你自己的电脑上运行 "
                              "StreamLab（见 README 的第一条命令）。"),
    "code.read_only.network": ("Read-only: this server is reachable from other machines, so it runs each lesson's own "
                               "code. To change the code and run it, run StreamLab on your own machine.",
                               "只读：这个服务器可以从其他机器访问，所以只运行每一课自己的代码。想修改代码并运行，"
                               "请在你自己的电脑上运行 StreamLab。"),
    "code.read_only.off": ("Read-only: this page runs each lesson's own code.",
                           "只读：这个页面只运行每一课自己的代码。"),
    "chat.clear": ("Clear the conversation", "清空对话"),
    "exercise.title": ("Exercise: fix the tutorials' code yourself", "练习：亲手修好教程里的代码"),
    "exercise.check": ("Check my fix", "检查我的修改"),
    "no_lessons": ("No lessons found in `snippets/`.", "在 `snippets/` 中没有找到课程。"),
    "error_tab": ("### This lesson could not be loaded\n\nThe other lessons work as usual.",
                  "### 这一课无法加载\n\n其他课程照常可用。"),
}
# A lesson option's label is its keyword in the snippet ("max attempts" for `max_attempts`), so the control names
# the code; in Chinese the meaning comes first and the keyword stays beside it.
OPTION_LABELS_ZH: dict[str, str] = {
    "audience": "受众", "buffer": "缓冲方式", "size": "每批字符数", "interval_ms": "刷新间隔（毫秒）",
    "tools": "提供工具", "wire": "线上格式", "max_tokens": "最大 token 数", "fault": "故障",
    "max_attempts": "最大尝试次数", "read_timeout_s": "读取超时（秒）", "clients": "客户端", "thinking": "思考",
    "shape": "结构化方式", "bug": "缺陷", "network": "网络", "give_up_after_s": "放弃等待（秒）", "split": "切分数据流",
    "system": "系统提示词",
}


def option_label(option: lessons.Option) -> I18nData | str:
    """The label of a lesson option's control, in the learner's language when it has a translation."""
    return t(f"option.{option.name}") if option.name in OPTION_LABELS_ZH else option.label


def t(key: str) -> I18nData:
    """A string the page shows in the learner's language (a key of `translations()`)."""
    return I18nData(key)


def pane(name: str) -> I18nData:
    return t(f"pane.{name}")


def lesson_key(lesson: lessons.Lesson, part: str) -> I18nData:
    return t(f"lesson.{lesson.stem}.{part}")


def _prompts(folder) -> dict[str, str]:
    path = folder / "prompts.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def _lesson_texts(found: list[lessons.Lesson]) -> dict[str, dict[str, str]]:
    """Each lesson's tab title, prose and default prompt, in English and in every language folder present
    (`lessons/<lang>/NN_slug.md`, `lessons/<lang>/prompts.json`); what a language lacks is shown in English."""
    texts: dict[str, dict[str, str]] = {"en": {}}
    languages: dict = {}  # each lessons folder's language folders with their prompts, read once
    for lesson in found:
        if lesson.error:
            continue
        base = f"lesson.{lesson.stem}"
        texts["en"].update({f"{base}.tab": f"{lesson.number}. {lesson.title}", f"{base}.title": lesson.title,
                            f"{base}.prose": lesson.prose,
                            f"{base}.prompt": lesson.prompt})
        root = lesson.prose_path.parent
        if root not in languages:
            languages[root] = [(folder, _prompts(folder)) for folder in sorted(p for p in root.iterdir() if p.is_dir())]
        for folder, prompts in languages[root]:
            own = texts.setdefault(folder.name, {})
            prose_path = folder / lesson.prose_path.name
            if prose_path.exists():
                prose = prose_path.read_text(encoding="utf-8")
                own[f"{base}.title"] = lessons.title_of(prose, lesson.stem)
                own[f"{base}.tab"] = f"{lesson.number}. {own[f'{base}.title']}"
                own[f"{base}.prose"] = prose
            if prompts.get(lesson.stem):
                own[f"{base}.prompt"] = prompts[lesson.stem]
    return texts


def translations(found: list[lessons.Lesson], made: dict[str, str] | None = None,
                 exercises: dict | None = None) -> I18n:
    """The page's i18n: fixed strings, pane names, lessons, exercises' instructions, and `made` (English strings
    made when the page is built, such as the hosting note, translated by `runtime.translate`)."""
    texts = _lesson_texts(found)
    zh = texts.setdefault("zh", {})
    for stem, exercise in (exercises or {}).items():
        for lang in ("en", "zh"):
            texts.setdefault(lang, {})[f"exercise.{stem}.task"] = exercise.task.get(lang) or exercise.task.get("en", "")
    for key, (english, chinese) in UI.items():
        texts["en"][key], zh[key] = english, chinese
    for name, chinese in runtime.PANE_NAMES_ZH.items():
        texts["en"][f"pane.{name}"], zh[f"pane.{name}"] = name, chinese
    for name, chinese in OPTION_LABELS_ZH.items():
        texts["en"][f"option.{name}"], zh[f"option.{name}"] = name.replace("_", " "), f"{chinese} · {name}"
    for key, english in (made or {}).items():
        texts["en"][key], zh[key] = english, runtime.translate(english, "zh")
    return I18n(**texts)
