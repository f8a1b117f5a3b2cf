"""Messages a visitor reads are plain: a URL or model name shown as typed (no Markdown escapes, no broken link), a
host that cannot be resolved said in words (no Python class name), and a number outside its range answered by the
lesson's own status line in the page's language, naming the range (not Gradio's English toast)."""

import socket

import pytest
from lesson_pages import load
from playwright.sync_api import expect

from streamlab.hosting import providers, url_guard
from streamlab.hosting.safe_text import ProviderError
from streamlab.i18n import runtime
from streamlab.ui.provider_panel import describe


def test_a_typed_url_and_model_show_as_typed_in_the_provider_summary():
    settings = providers.Settings(provider="compatible", base_url="https://my_host.example/v1_beta",
                                  model="qwen_plus*2", api_key="sk-learner-key-0000")
    said = describe(settings)
    assert said.startswith("**OpenAI-compatible** at `https://my_host.example/v1_beta`, model `qwen_plus*2`, using ")
    assert "\\" not in said
    assert "`https://ev`il`" not in describe(providers.Settings(provider="compatible", base_url="https://ev`il"))


def test_a_host_that_cannot_be_resolved_is_said_in_words(monkeypatch):
    def no_answer(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(url_guard.socket, "getaddrinfo", no_answer)  # no lookup leaves the machine
    with pytest.raises(ProviderError) as unknown:
        url_guard.check_url("https://no-such-host.example/v1", public=True)
    assert str(unknown.value) == ("The base URL's host no-such-host.example could not be found: no address answers "
                                  "to that name. Check its spelling.")
    assert runtime.translate(str(unknown.value), "zh") == \
        "找不到 Base URL 的主机 no-such-host.example：没有地址对应这个名字。请检查拼写。"


def test_a_malformed_host_is_said_in_words():
    with pytest.raises(ProviderError) as malformed:  # an empty label: refused by the encoder, before any lookup
        url_guard.check_url("https://api..example.com/v1", public=True)
    assert str(malformed.value) == "The base URL's host api..example.com is not a valid host name."
    assert "Error" not in str(malformed.value)


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "The option “size” must be a whole number from 1 to 2000; got -1."),
    ("zh", "选项“size”必须是 1 到 2000 之间的整数；收到的是 -1。"),
])
def test_a_number_outside_its_range_gets_the_status_line_in_the_page_s_language(page, app_server, lang, said):
    load(page, f"{app_server.url}/?lesson=13_buffering&lang={lang}")
    field = page.locator("#tab-13_buffering input[type=number]").first
    expect(page.locator("#tab-13_buffering")).to_contain_text("1 – 2000")  # the range, shown beside the field
    field.fill("-1")
    field.press("Tab")
    page.locator("#run-13_buffering").click()
    status = page.locator("#status-13_buffering")
    expect(status).to_contain_text(said, timeout=30_000)
    expect(page.locator(".toast-wrap .toast-body, [data-testid=toast-body]")).to_have_count(0)
    if lang == "zh":
        assert "must be" not in status.inner_text() and "-1" in status.inner_text()
