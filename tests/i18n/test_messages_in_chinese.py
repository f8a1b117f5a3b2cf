"""Every message the server writes to a learner, made by the code that makes it, reads as Chinese in zh.

The messages come from the real producers (errors, limits, URL checks, provider resolution, input checks,
the hosting note, the provider summary), so a new or reworded English message without its Chinese shows
up here as English words left in the translation.
"""

import ipaddress
import re

import pytest

from streamlab.engine import errors, inputs, lessons, runner
from streamlab.engine.metrics import Metrics
from streamlab.hosting import providers, url_guard
from streamlab.hosting.limits import LimitReached, Limits
from streamlab.hosting.mode import Hosting
from streamlab.hosting.providers import ProviderError, Settings
from streamlab.i18n import language, runtime
from streamlab.i18n.messages_zh import MESSAGES
from streamlab.ui import provider_panel

# Words that stay as they are in Chinese text: product and protocol names, code, HTTP reason phrases.
KEPT = {"OpenAI", "Anthropic", "StreamLab", "Chat", "Completions", "Messages", "Base", "URL", "API", "JSON", "NAT",
        "https", "http", "Unauthorized", "Mock", "UTC", "env", "user", "pass", "host", "true", "false", "token"}
# Values this test puts into messages, which a message shows as given: an exception's name, option names and
# choices, provider ids, a URL scheme, model names; the `error` event a page receives.
VALUES = {"SomethingElse", "buffer", "size", "time", "none", "nope", "max", "attempts", "mock", "openai", "anthropic",
          "compatible", "recorded", "ftp", "gpt", "mini", "qwen", "plus", "cut", "RateLimitError",
          "AuthenticationError", "error"}
URL = re.compile(r"https?://\S+?(?=[）)，,\s]|$)")
ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}")


def english_left(text: str) -> list[str]:
    return [w for w in ENGLISH_WORD.findall(URL.sub("", text)) if w not in KEPT | VALUES]


class Fake(Exception):
    def __init__(self, name="APIStatusError", status=None, message=None, retry_after=None):
        super().__init__(message or "")
        self.__class__ = type(name, (Fake,), {})
        self.status_code = status
        self.body = {"error": {"message": message}} if message else None
        self.response = type("R", (), {"headers": {"retry-after": retry_after} if retry_after else {}})()


def _raised(call) -> str:
    with pytest.raises(ProviderError) as caught:
        call()
    return str(caught.value)


def produced_messages() -> list[str]:
    said = [errors.describe(Fake(status=status, message=None, retry_after="7"), mid_stream=mid)
            for status in (401, 403, 404, 429, 500, 400, 529) for mid in (False, True)]
    said += [errors.describe(Fake(name=name), mid_stream=mid) for mid in (False, True) for name in
             ("APITimeoutError", "APIConnectionError", "JSONDecodeError", "IncompleteRead", "SomethingElse")]
    said.append(errors.describe(url_guard.AddressRefused("A run may open only internet connections.")))
    refused = url_guard.refusal(ipaddress.ip_address("10.0.0.1"))
    said.append(f"Refused to connect to 10.0.0.1: it is {refused}, and {url_guard.PUBLIC_RULE}.")
    said += [url_guard.refusal(ipaddress.ip_address(ip)) for ip in
             ("127.0.0.1", "0.0.0.0", "169.254.169.254", "224.0.0.1", "100.64.0.1", "192.168.1.1", "240.0.0.1")]
    said += [_raised(lambda url=url, public=public: url_guard.check_url(url, public=public, look_up=False))
             for url, public in (("ftp://x.example", False), ("https://u:p@x.example", False), ("https://", False),
                                 ("http://x.example/v1", True), ("https://127.0.0.1/v1", True),
                                 ("https://exa mple.com", False), ("https://" + "a" * 400, False))]
    said += [_raised(lambda s=s: providers.resolve(s, Hosting(public=True))) for s in (
        Settings(provider="openai"), Settings(provider="compatible"), Settings(provider="nope"),
        Settings(provider="compatible", base_url="https://api.example.com/v1"), Settings(model="m" * 300))]
    said += [_raised(lambda kind=kind, s=s: providers.check(kind, s)) for kind, s in (
        ("openai", Settings(provider="anthropic")), ("anthropic", Settings(provider="openai")),
        ("openai", Settings(provider="mock")))]
    said += [_raised(lambda v=v: inputs.prompt(v)) for v in ("", 5, "x" * 50_000)]
    options = {o.name: o for o in lessons.load("14_resilience").options}
    mode = next(o for o in lessons.load("13_buffering").options if o.choices)
    said += [_raised(lambda o=o, v=v: inputs.option(o, v)) for o, v in (
        (mode, "nope"), (options["max_attempts"], 99999), (options["max_attempts"], "x"))]
    def two(hosting, first, second):
        limits = Limits(Hosting(public=True, share_server_keys=True, **hosting))
        getattr(limits, first[0])(*first[1:])
        with pytest.raises(LimitReached) as caught:
            getattr(limits, second[0])(*second[1:])
        return str(caught.value)

    said += [two({}, ("admit", "s", "01_basic"), ("admit", "s", "01_basic")),
             two({"runs_per_minute": 1}, ("admit", "s", "01_basic"), ("admit", "s", "02_async")),
             two({"shared_runs_per_minute": 1}, ("admit_shared", "s", "openai"), ("admit_shared", "s", "openai")),
             two({"shared_runs_per_minute_total": 1}, ("admit_shared", "a", "x"), ("admit_shared", "b", "x")),
             two({"shared_runs_per_day": 1}, ("admit_shared", "a", "x"), ("admit_shared", "b", "x"))]
    said += [Hosting().note(), Hosting(public=True).note(), Hosting(public=True, share_server_keys=True).note()]
    said += [provider_panel.describe(s, Hosting()) for s in (
        Settings(), Settings(fault="cut", ttft_ms=0, token_ms=0, jitter_ms=0),
        Settings(provider="compatible", base_url="https://api.example.com/v1", api_key="sk-learner"),
        Settings(provider="openai", api_key="sk-learner"), Settings(provider="recorded", replay_speed=3.0))]
    said.append("Stopped after 12 chunks. The partial text is kept.")
    said += [runner.REPLAYED, runner.NOT_RECORDED, runner.PARTLY_RECORDED]
    said += [provider_panel.mock_note(s) for s in (
        Settings(fault="cut"), Settings(ttft_ms=1200, token_ms=120, jitter_ms=40),
        Settings(fault="cut", ttft_ms=0, token_ms=0, jitter_ms=0))]
    said += declared_outcomes()
    return said


def declared_outcomes() -> list[str]:
    """The words lessons 14 and 16 declare as a run's outcome, as the runner hands them to the status line."""
    said = [runner._declared(f"failed: gave up after {n} attempt{'s' if n > 1 else ''} ({what})", [])[1]
            for n, what in ((3, "RateLimitError"), (1, "stalled"), (1, "AuthenticationError"))]
    said += [runner._declared(f"incomplete: the stream broke after 12 chunks ({what})", [])[1]
             for what in ("connection dropped", "error event")]
    web = lessons.load("16_web_integration").module
    status = (401, 429, 500, 0)
    explained = [web.explain(type("E", (Exception,), {"status_code": s})()) for s in status]
    timeout = web.openai.APITimeoutError(request=web.httpx2.Request("POST", "http://127.0.0.1/"))
    explained += [web.explain(e) for e in (timeout, ValueError("x"), web.httpx2.TransportError("x"))]
    said += [runner._declared(f"{outcome}: the page got an error event: {message}", [])[1]
             for message in explained for outcome in ("failed",)]
    return said


@pytest.mark.parametrize("message", produced_messages())
def test_each_message_reads_as_chinese(message):
    chinese = runtime.translate(message, "zh")
    assert re.search(r"[\u4e00-\u9fff]", chinese), chinese
    assert not english_left(chinese), chinese


def test_values_inside_a_message_are_kept_as_they_are():
    message = "The provider had a server error (502): upstream \\_down\\_. Run again in a moment."
    assert runtime.translate(message, "zh") == "服务商发生了服务器错误（502）: upstream \\_down\\_.请稍后再运行。"
    assert runtime.translate(message, "en") == message


def test_every_template_has_chinese_with_the_same_values():
    for english, chinese in MESSAGES:
        assert re.search(r"[\u4e00-\u9fff]", chinese), english
        assert sorted(re.findall(r"\{(\w+)\}", english)) == sorted(re.findall(r"\{(\w+)\}", chinese)), english


@pytest.mark.parametrize("tag, expected", [("zh-CN", "zh"), ("zh-TW", "zh"), ("zh", "zh"), ("ZH_hk", "zh"),
                                           ("en-US", "en"), ("fr", "en"), ("", "en"), (None, "en")])
def test_browser_language_tags_map_to_the_course_languages(tag, expected):
    assert language(tag) == expected


def test_status_lines_and_metrics_in_chinese():
    assert runtime.status_line("done", "zh") == runtime.ICONS["done"] + " 完成。"
    assert runtime.status_line("stopped", "zh", "Stopped after 3 chunks. The partial text is kept.") == (
        runtime.ICONS["stopped"] + " **已停止。** 在第 3 个分块后停止。部分文本已保留。")
    assert runtime.status_line("failed", "zh", "Gave up after 3 attempts (RateLimitError)") == (
        runtime.ICONS["failed"] + " **失败。** 尝试 3 次后放弃（RateLimitError）")
    metrics = Metrics(measured=("answer 1",), started=0.0)
    metrics.record("answer 1", "Nile", now=0.25)
    metrics.usage = {"prompt_tokens": 3, "completion_tokens": 5}
    table = metrics.markdown(now=1.0)
    zh = runtime.metrics_table(table, "zh").splitlines()
    assert zh[0] == "| 输出栏 | 首 token 延迟 | 分块数 | 字符数 | 分块/秒 |"
    assert zh[2].startswith("| 回答 1 | 250 ms | 1 | 4 |") and zh[-1] == "耗时 **1.0 s** · 输入 / 输出 token **3 / 5**"
    assert runtime.metrics_table(table, "en") == table


@pytest.mark.parametrize("state", ["waiting", "running", "done", "stopped", "failed", "incomplete"])
def test_status_icons_are_drawn_not_emoji(state):
    line = runtime.status_line(state, "en", "why")
    icon, _, words = line.partition("</svg>")
    assert icon.startswith("<svg ") and words.strip()
    assert not re.search("[\U0001F000-\U0001FAFF\u2300-\u23FF\u2600-\u27BF\uFE0F]", line), line
