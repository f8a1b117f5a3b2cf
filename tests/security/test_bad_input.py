"""Input a visitor sends through the API, outside what the page offers, is refused with a clear message or
cleaned; it never crashes a run, and the server keeps serving."""

import re

import pytest
from gradio_session import GradioSession, choose, run

from streamlab.engine import inputs, lessons
from streamlab.hosting import safe_text
from streamlab.hosting.mode import Hosting
from streamlab.hosting.providers import ProviderError
from streamlab.web.background import BackgroundServer


@pytest.fixture(scope="module")
def app():
    with BackgroundServer(concurrency=8, hosting=Hosting(public=True, runs_per_minute=1000)) as server:
        yield server


@pytest.fixture
def visitor(app):
    session = GradioSession(app.url)
    choose(session, "mock")
    return session


def outcome(visitor, stem, *values) -> str:
    """What the visitor is told: the run's status, or the message of an event Gradio refused."""
    try:
        return run(visitor, stem, *values)[1]
    except RuntimeError as refused:  # Gradio's own checks (e.g. a number field's minimum) came first
        return str(refused)


@pytest.mark.parametrize(("size", "said"), [
    (-5, "must be a whole number from 1 to 2000; got -5."), (0, "must be a whole number from 1 to 2000; got 0."),
    (10**12, "must be a whole number from 1 to 2000; got 1000000000000."),
    ("40", "Expected a `float | None`"), ([1], "Expected a `float | None`"), ({"a": 1}, "Expected a `float | None`"),
    ("x" * 1_000_000, "Expected a `float | None`"), (float("nan"), "cannot convert float NaN to integer"),
    (float("inf"), "cannot convert float infinity to integer"),
])
def test_an_option_outside_what_the_tab_offers_is_refused(visitor, size, said):
    told = outcome(visitor, "13_buffering", "Say hello.", "size", size, 200)
    assert said in told and "Done" not in told, told
    assert len(told) < 2000


@pytest.mark.parametrize(("value", "said"), [
    (True, "must be a whole number from 1 to 2000; got True"), (2.5, "got 2.5"), ("40", "got '40'"),
    (float("nan"), "got nan"), (float("-inf"), "got -inf"), (10**100, "got 1000000000"),
    ([1], "got \\[1\\]"),  # Markdown brackets escaped
])
def test_the_runner_refuses_a_number_option_outside_its_range_whatever_called_it(value, said):
    size = next(o for o in lessons.load("13_buffering").options if o.name == "size")
    with pytest.raises(ProviderError, match=re.escape(said)):
        inputs.option(size, value)


def test_the_runner_refuses_a_flag_that_is_not_true_or_false():
    tools = next(o for o in lessons.load("11_raw_wire").options if o.name == "tools")
    with pytest.raises(ProviderError, match="“tools” must be true or false; got 'yes'"):
        inputs.option(tools, "yes")


def test_a_choice_the_tab_does_not_offer_is_refused(visitor):
    told = outcome(visitor, "13_buffering", "Say hello.", "sideways", 40, 200)
    assert "sideways is not in the list of choices: ['size', 'time', 'none']" in told
    buffer = next(o for o in lessons.load("13_buffering").options if o.name == "buffer")
    with pytest.raises(ProviderError, match="must be one of: size, time, none; got '&lt;b&gt;'"):
        inputs.option(buffer, "<b>")  # the runner's own check, for any caller, escapes what it repeats


def test_control_characters_and_lone_surrogates_in_a_prompt_are_cleaned(visitor):
    text, status = run(visitor, "01_basic", "Say\x00 hello\x1b[31m\ud800 in five words.\x7f")
    assert status.endswith("Done."), status
    assert text


def test_a_megabyte_prompt_gets_a_message(visitor):
    text, status = run(visitor, "01_basic", "a" * 1_000_000)
    assert "The prompt is 1,000,000 characters; keep it under 8,000" in status and text == ""


def test_a_megabyte_model_name_gets_a_message(visitor):
    choose(visitor, "compatible", base_url="https://api.example.com/v1", key="sk-visitor", model="m" * 1_000_000)
    _, status = run(visitor, "01_basic", "Say hello.")
    assert "The model name is 400 characters; the limit is 200." in status  # the panel keeps at most 400


def test_text_from_outside_is_shown_as_written_never_rendered():
    shown = safe_text.short("<img src=x onerror=alert(1)> **bold** [link](javascript:x) " + "y" * 500)
    assert shown.startswith("&lt;img src=x onerror=alert(1)&gt; \\*\\*bold\\*\\* \\[link\\](javascript:x)")
    assert len(shown) < safe_text.MAX_DETAIL_CHARS + 40 and shown.endswith("…")


def test_the_server_still_serves_after_all_that(visitor):
    assert run(visitor, "01_basic", "Say hello.")[1].endswith("Done.")
