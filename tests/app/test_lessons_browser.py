"""A learner in Chromium: open the app, run every lesson tab on the mock, watch it grow, press Stop once."""

import os
import re
import tempfile
from pathlib import Path

import pytest
from lesson_pages import open_lesson
from playwright.sync_api import expect
from polling import wait_for

from streamlab.engine import lessons

LESSONS = [lesson for lesson in lessons.discover() if not lesson.error]
SCREENSHOT = Path(__file__).resolve().parents[2] / "assets" / "screenshot.png"


def open_tab(page, lesson):
    """Open the lesson with one click in the course list."""
    open_lesson(page, lesson.stem)
    expect(page.locator(f"#run-{lesson.stem}")).to_be_visible()


# Records in the page itself, every 5 ms, each distinct state of the output panes until the status matches:
# no round trip to the test process between two looks, so a loaded machine does not hide a state.
RECORD_OUTPUT = """([stem, until]) => {
    const done = new RegExp(until);
    // a text pane's value; a chat window's (lesson 5) last answer
    const read = () => Array.from(document.querySelectorAll(`[id^="pane-${stem}-"]`)).map(pane => {
        const text = pane.querySelector("textarea"), answers = pane.querySelectorAll("[data-testid=bot]");
        return text ? text.value : answers.length ? answers[answers.length - 1].innerText : "";
    });
    // the arrival chart's ticks: one "M" per chunk in its rows' paths
    const ticks = () => Array.from(document.querySelectorAll(`#chart-${stem} path.ticks`))
        .reduce((n, path) => n + (path.getAttribute("d").match(/M/g) || []).length, 0);
    const record = window.__streamlabWatch = {seen: [], charts: [], finished: false};
    const look = () => {
        const panes = read(), last = record.seen[record.seen.length - 1];
        if (panes.some(Boolean) && (!last || JSON.stringify(last) !== JSON.stringify(panes))) record.seen.push(panes);
        const drawn = ticks();
        if (drawn && drawn !== record.charts[record.charts.length - 1]) record.charts.push(drawn);
        if (done.test(document.querySelector(`#status-${stem}`).innerText)) {
            record.finished = true;
            clearInterval(timer);
        }
    };
    const timer = setInterval(look, 5);
    look();
}"""


def start_watching(page, lesson, until: str) -> None:
    """Record from now on every distinct state the lesson's panes show, until its status matches `until`."""
    page.evaluate(RECORD_OUTPUT, [lesson.stem, until])


def watched(page, deadline_s=60.0) -> list[list[str]]:
    """Wait for the recording to end; the distinct states the panes showed, in order."""
    page.wait_for_function("() => window.__streamlabWatch.finished", timeout=deadline_s * 1000)
    return page.evaluate("() => window.__streamlabWatch.seen")


@pytest.fixture
def app_page(page, app_server):
    page.goto(app_server.url)
    expect(page.locator("#lesson-tabs")).to_be_visible(timeout=90_000)  # a first load on a busy machine
    expect(page.locator("html[data-sl-ready]")).to_be_attached(timeout=90_000)  # every event wired: Run works
    return page


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.stem)
def test_lesson_output_grows_live_to_its_final_text(app_page, lesson):
    open_tab(app_page, lesson)
    first_line = lesson.source.splitlines()[0]
    expect(app_page.locator(f"#code-{lesson.stem}")).to_contain_text(first_line)  # the file itself, shown
    start_watching(app_page, lesson, "Done|Failed|Incomplete|Stopped")
    app_page.locator(f"#run-{lesson.stem}").click()
    seen = watched(app_page)
    status = app_page.locator(f"#status-{lesson.stem}").inner_text()
    assert "Done" in status, status
    assert len(seen) >= 3, f"the output showed only {len(seen)} distinct states"
    for earlier, later in zip(seen, seen[1:]):
        assert all(b.startswith(a) for a, b in zip(earlier, later)), "every pane only grows"
    assert seen[-1][0], "the main pane ends with text"
    expect(app_page.locator(f"#status-{lesson.stem} svg.run-icon-done")).to_be_visible()  # drawn, not a glyph
    metrics = app_page.locator(f"#metrics-{lesson.stem}")
    expect(metrics).to_contain_text("first token")
    for pane in lesson.measured:  # the metrics name the panes they measure
        expect(metrics.locator("td", has_text=re.compile(f"^{re.escape(pane)}$"))).to_have_count(1)
    expect(app_page.locator(f"#chart-{lesson.stem} svg")).to_be_visible()


def test_the_arrival_chart_grows_while_the_answer_streams(app_page):
    lesson = by_stem("01_basic")
    open_tab(app_page, lesson)
    start_watching(app_page, lesson, "Done|Failed|Incomplete|Stopped")
    app_page.locator(f"#run-{lesson.stem}").click()
    watched(app_page)
    charts = app_page.evaluate("() => window.__streamlabWatch.charts")  # ticks drawn, each distinct state
    assert len(charts) >= 3, f"the chart was drawn {len(charts)} times: {charts}"
    assert charts == sorted(charts), "ticks are only added"


def by_stem(stem):
    return next(lesson for lesson in LESSONS if lesson.stem == stem)


def run_resilience(page, fault, max_attempts):
    """Run lesson 14 with its own fault option; return the lesson."""
    lesson = by_stem("14_resilience")
    open_tab(page, lesson)
    tab = page.locator(f"#tab-{lesson.stem}")
    tab.get_by_label("fault").click()
    page.get_by_role("option", name=fault, exact=True).click()
    tab.get_by_label("max attempts").fill(str(max_attempts))
    page.locator(f"#run-{lesson.stem}").click()
    return lesson


def test_resilience_under_rate_limit_ends_failed_in_the_status_line(app_page):
    lesson = run_resilience(app_page, "rate_limit", 2)
    status = app_page.locator(f"#status-{lesson.stem}")
    expect(status).to_contain_text("Failed. Gave up after 2 attempts (RateLimitError)", timeout=90_000)
    expect(status.locator("svg.run-icon-failed")).to_be_visible()
    assert "Done" not in status.inner_text()
    assert app_page.locator(f"#pane-{lesson.stem}-0 textarea").input_value() == ""  # no failure words as answer
    expect(app_page.locator(f"#metrics-{lesson.stem} td").nth(1)).to_have_text("—")  # no first token
    app_page.screenshot(path=str(Path(tempfile.gettempdir()) / "status_failed.png"))


def test_elapsed_grows_while_a_stalled_first_token_is_awaited(app_page):
    lesson = run_resilience(app_page, "stall", 1)
    metrics = app_page.locator(f"#metrics-{lesson.stem}")
    expect(metrics).to_contain_text(re.compile(r"elapsed 1\.\d s"), timeout=10_000)  # 2 s read timeout: still waiting
    expect(app_page.locator(f"#status-{lesson.stem}")).to_contain_text("Waiting for the first token")
    expect(app_page.locator(f"#status-{lesson.stem}")).to_contain_text("Failed", timeout=20_000)


def test_web_lesson_shows_the_server_code_and_the_javascript_side_by_side(app_page):
    lesson = next(lesson for lesson in LESSONS if lesson.attributes.get("PAGE_SCRIPT"))
    open_tab(app_page, lesson)
    python, script = app_page.locator(f"#code-{lesson.stem}"), app_page.locator(f"#script-{lesson.stem}")
    script_path = lessons.ROOT / lesson.attributes["PAGE_SCRIPT"]
    expect(python).to_contain_text(lesson.source.splitlines()[0])  # the editor renders the lines in view
    expect(script).to_contain_text(script_path.read_text(encoding="utf-8").splitlines()[0])
    left, right = python.bounding_box(), script.bounding_box()
    assert left["x"] + left["width"] <= right["x"], "the JavaScript sits to the right of the Python"
    assert abs(left["y"] - right["y"]) < 5, "both panels start on the same line"


def test_stop_mid_stream_keeps_the_partial_text(app_page, app_server):
    lesson = LESSONS[0]
    open_tab(app_page, lesson)
    app_page.locator(f"#prompt-{lesson.stem} textarea").fill(
        "Write a long, detailed explanation of how rivers shape valleys over millions of years.")
    before = app_server.stats()["streams_cancelled"]
    app_page.locator(f"#run-{lesson.stem}").click()
    pane = app_page.locator(f"#pane-{lesson.stem}-0 textarea")
    expect(pane).not_to_have_value("", timeout=20_000)
    expect(pane).to_have_value(re.compile(r"\S+\s+\S+\s+\S+"))  # a few words in: mid-stream
    if os.environ.get("STREAMLAB_UPDATE_SCREENSHOT") == "1":
        app_page.screenshot(path=str(SCREENSHOT))
    app_page.locator(f"#stop-{lesson.stem}").click()
    expect(app_page.locator(f"#status-{lesson.stem}")).to_contain_text("Stopped")
    partial = pane.input_value()
    assert partial, "the partial text stays"
    app_page.wait_for_timeout(500)  # a stopped run must not keep writing: the text is still the same
    assert pane.input_value() == partial
    wait_for(lambda: app_server.stats()["streams_cancelled"] > before, timeout=5, every=0.05)
    assert app_server.stats()["streams_cancelled"] == before + 1


def test_reasoning_lesson_fills_the_thinking_pane_before_the_answer(app_page):
    lesson = next(lesson for lesson in LESSONS if "thinking" in lesson.panes)
    answer, thinking = 0, lesson.panes.index("thinking")  # the first pane is the main one: the answer
    open_tab(app_page, lesson)
    app_page.locator(f"#run-{lesson.stem}").click()
    expect(app_page.locator(f"#status-{lesson.stem}")).to_contain_text("Thinking…")
    start_watching(app_page, lesson, r"Done\.|Failed\.|Incomplete\.")
    seen = watched(app_page)
    first_answer = next(i for i, panes in enumerate(seen) if panes[answer])
    assert first_answer > 0 and not seen[0][answer] and seen[0][thinking], "the thinking shows alone first"
    assert seen[first_answer][thinking] == seen[-1][thinking], "the thinking is complete when the answer begins"
    metrics = app_page.locator(f"#metrics-{lesson.stem}")
    expect(metrics.locator("td").filter(has_text="thinking")).to_have_count(1)  # its own row: first thinking token
    expect(metrics).to_contain_text("of which reasoning")


def test_the_browser_bugs_lesson_run_also_runs_both_panes_of_its_page_with_the_tabs_prompt_and_split(app_page):
    lesson = by_stem("21_broken_vs_fixed_browser")
    open_tab(app_page, lesson)
    page = app_page.frame_locator(f"#page-{lesson.stem} iframe")
    expect(page.locator("#bug")).to_have_value("split_lines")  # the bug is picked on the page
    # whole frames with a prompt of the test's own; then the lesson's prompt (a long answer: many lines to cut)
    for prompt, split in (("Say hello in five words.", False), (lesson.prompt, True)):
        app_page.locator(f"#prompt-{lesson.stem} textarea").fill(prompt)
        app_page.locator(f"#tab-{lesson.stem}").get_by_label("split").set_checked(split)
        app_page.locator(f"#run-{lesson.stem}").click()
        expect(app_page.locator(f"#status-{lesson.stem}")).to_contain_text("Done.", timeout=60_000)
        expect(page.locator("#prompt")).to_have_value(prompt)
        expect(page.locator("#split")).to_be_checked(checked=split)
        expect(page.locator("#fixed .status")).to_have_text("done: [DONE]", timeout=60_000)
        expect(page.locator("#broken .status")).not_to_have_text("streaming…", timeout=60_000)
        broken, fixed = page.locator("#broken .output").text_content(), page.locator("#fixed .output").text_content()
        assert fixed.strip(), "the fixed pane shows the answer"
        if split:  # the network cuts lines: the tutorial's parser loses words, and says so
            assert broken != fixed
            expect(page.locator("#broken .error")).to_contain_text("characters lost, with no error")
        else:  # every frame whole: the broken reader passes too
            assert broken == fixed


def test_the_browser_bugs_page_keeps_only_its_bug_picker_and_the_tabs_stop_stops_both_panes(app_page, app_server):
    lesson = by_stem("21_broken_vs_fixed_browser")
    open_tab(app_page, lesson)
    page = app_page.frame_locator(f"#page-{lesson.stem} iframe")
    expect(page.locator("#bug")).to_be_visible()  # one form: the tab's prompt, split, Run and Stop; the bug here
    for own in ("#prompt", "#split", "#send", "#stop"):
        expect(page.locator(own)).to_be_hidden()
    expect(page.locator(".embedded-only")).to_contain_text("Stop stops both")
    app_page.locator(f"#prompt-{lesson.stem} textarea").fill(
        "Write a long, detailed explanation of how rivers shape valleys over millions of years.")
    before = app_server.stats()["streams_cancelled"]
    app_page.locator(f"#run-{lesson.stem}").click()
    for pane in ("#broken", "#fixed"):  # a few words in: both panes mid-stream
        expect(page.locator(f"{pane} .output")).to_have_text(re.compile(r"\S+\s+\S+\s+\S+"), timeout=60_000)
    app_page.locator(f"#stop-{lesson.stem}").click()
    expect(app_page.locator(f"#status-{lesson.stem}")).to_contain_text("Stopped")
    for pane in ("#broken", "#fixed"):
        expect(page.locator(f"{pane} .status")).to_have_text("stopped by you")
        expect(page.locator(f"{pane} .output")).not_to_have_text("")  # the partial text stays
    # the Python run's stream and the page's two relayed ones: each closed upstream
    assert wait_for(lambda: app_server.stats()["streams_cancelled"] >= before + 3, timeout=10, every=0.05), \
        app_server.stats()
    assert wait_for(lambda: app_server.stats()["open_streams"] == 0, timeout=10, every=0.05), app_server.stats()


def test_web_lesson_run_drives_the_python_run_and_the_embedded_page_with_one_form(app_page):
    lesson = by_stem("16_web_integration")
    open_tab(app_page, lesson)
    page = app_page.frame_locator(f"#page-{lesson.stem} iframe")
    expect(page.locator("#ask")).to_be_hidden()  # embedded: the page has no form of its own
    expect(page.locator(".embedded-only")).to_contain_text("Run and Stop drive this page")
    app_page.locator(f"#prompt-{lesson.stem} textarea").fill("Say hello in five words.")
    app_page.locator(f"#run-{lesson.stem}").click()
    status = app_page.locator(f"#status-{lesson.stem}")
    expect(status).to_contain_text("Done.", timeout=60_000)
    answer = app_page.locator(f"#pane-{lesson.stem}-0 textarea").input_value()
    for reader in ("#fetch", "#eventsource"):  # the page got the same prompt: the mock gives the same answer
        expect(page.locator(f"{reader} .status")).to_have_text("done", timeout=60_000)
        expect(page.locator(f"{reader} .output")).to_have_text(answer)
    tab = app_page.locator(f"#tab-{lesson.stem}")
    tab.get_by_label("fault").click()
    app_page.get_by_role("option", name="rate_limit", exact=True).click()
    app_page.locator(f"#run-{lesson.stem}").click()
    expect(status).to_contain_text("Failed. The page got an error event: The provider is rate limiting", timeout=60_000)
    for reader in ("#fetch", "#eventsource"):
        expect(page.locator(f"{reader} .error")).to_contain_text("rate limiting", timeout=60_000)
    app_page.locator(f"#page-{lesson.stem}").screenshot(path=str(Path(tempfile.gettempdir()) / "lesson12.png"))
