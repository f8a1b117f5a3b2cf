"""Every lesson's Run endpoint, called the way a browser or gradio_client calls it, on the mock."""

import time

import httpx2
import pytest
from gradio_client import Client
from polling import wait_for

from streamlab.engine import lessons

LESSONS = [lesson for lesson in lessons.discover() if not lesson.error]
# Outputs of a run endpoint: one value per pane, then status, metrics, chart.


@pytest.fixture(scope="module")
def client(app_server):
    return Client(app_server.url, verbose=False, httpx_kwargs={"timeout": 60})


def test_every_snippet_loads():
    assert [lesson.error for lesson in lessons.discover()] == [""] * len(LESSONS)
    assert len(LESSONS) >= 6


# A lesson whose default prompt has a short answer (lesson 11's is ~7 tokens, ~0.2 s) can arrive in one or two UI
# updates on a loaded machine; asked for a longer one, it shows whether the endpoint streams at all.
LONGER_PROMPTS = {"11_raw_wire": "Write 60 words about the history of the printing press."}


def main_text(value) -> str:
    """The main pane's text: a text pane's value, or a chat window's (lesson 5) last answer."""
    if isinstance(value, list):
        answers = [m for m in value if isinstance(m, dict) and m.get("role") == "assistant"]
        content = answers[-1]["content"] if answers else ""
        return content if isinstance(content, str) else "".join(part.get("text", "") for part in content)
    return value or ""


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.stem)
def test_run_endpoint_streams_several_values_before_the_final_one(client, lesson):
    defaults = [o.default for o in lesson.options]
    job = client.submit(LONGER_PROMPTS.get(lesson.stem, lesson.prompt), *defaults, api_name=f"/run_{lesson.stem}")
    final = job.result(timeout=120)
    main_values = [main_text(out[0]) for out in job.outputs()]
    distinct = list(dict.fromkeys(v for v in main_values if v))
    assert len(distinct) >= 3, f"only {len(distinct)} distinct intermediate values: {distinct[:3]}"
    assert all(b.startswith(a) for a, b in zip(distinct, distinct[1:])), "the text only grows"
    assert distinct[-1] == main_text(final[0])
    status = final[len(lesson.panes)]
    assert "run-icon-done" in status and status.endswith("Done."), status
    assert "first token" in final[len(lesson.panes) + 1]
    assert final[-1].startswith("<svg"), "the arrival chart comes with the final frame"


def test_code_panel_shows_each_snippet_file_byte_for_byte(app_server):
    config = httpx2.get(f"{app_server.url}/config", timeout=10).json()
    panels = {c["props"].get("elem_id"): c["props"].get("value") for c in config["components"]
              if c.get("type") == "code"}
    for lesson in LESSONS:
        source = lesson.snippet_path.read_text(encoding="utf-8")
        # Gradio's Code strips surrounding whitespace, so a file may differ from its panel only by the final
        # newline every text file ends with.
        assert source == source.strip() + "\n", f"{lesson.stem}: stray whitespace around the file"
        assert panels[f"code-{lesson.stem}"] + "\n" == source, lesson.stem
    pages = [lesson for lesson in LESSONS if lesson.attributes.get("PAGE_SCRIPT")]
    for web in pages:
        script = (lessons.ROOT / web.attributes["PAGE_SCRIPT"]).read_text(encoding="utf-8")
        assert panels[f"script-{web.stem}"] + "\n" == script  # the JavaScript the embedded page runs
    assert [key for key in panels if key.startswith("script-")] == [f"script-{web.stem}" for web in pages]
    assert "script-16_web_integration" in panels


def test_lesson_prose_is_on_the_page_in_each_language(app_server):
    config = httpx2.get(f"{app_server.url}/config", timeout=10).json()
    markdown = "\n".join(str(c["props"].get("value")) for c in config["components"] if c.get("type") == "markdown")
    texts = config["i18n_translations"]  # the page shows a Markdown's key in the learner's language
    for lesson in LESSONS:
        assert f'"key": "lesson.{lesson.stem}.prose"' in markdown, lesson.stem
        assert lesson.prose.strip() and texts["en"][f"lesson.{lesson.stem}.prose"] == lesson.prose, lesson.stem
        chinese = lessons.ROOT / "lessons" / "zh" / lesson.prose_path.name
        assert texts["zh"][f"lesson.{lesson.stem}.prose"] == chinese.read_text(encoding="utf-8"), lesson.stem


@pytest.mark.parametrize("stem", ["01_basic", "02_async"])  # a snippet in a thread, and one on the event loop
def test_stop_closes_the_upstream_stream_and_keeps_the_partial_text(client, app_server, stem):
    before = app_server.stats()["streams_cancelled"]
    defaults = [o.default for o in lessons.load(stem).options]
    job = client.submit("Tell me a long story about rivers and the sea, in many sentences.", *defaults,
                        api_name=f"/run_{stem}")
    assert wait_for(lambda: any(out[0] for out in job.outputs()), timeout=20), "the run started streaming"
    client.predict(api_name=f"/stop_{stem}")
    text, status = job.result(timeout=30)[:2]
    assert "run-icon-stopped" in status and "partial text is kept" in status
    assert text
    wait_for(lambda: app_server.stats()["streams_cancelled"] > before, timeout=5, every=0.05)
    assert app_server.stats()["streams_cancelled"] == before + 1
    wait_for(lambda: app_server.stats()["open_streams"] == 0, timeout=5, every=0.05)
    assert app_server.stats()["open_streams"] == 0


def test_empty_prompt_is_answered_with_a_message(client):
    result = client.predict("", api_name="/run_01_basic")
    assert result[0] == "" and "Type a prompt first" in result[1]


def test_a_room_of_learners_is_served_at_once(app_server):
    """Eight learners pressing Run together stream at the same time instead of queueing one by one.

    Watched from the learners' side (no request to the server while it is busy): when the first run ends,
    most of the others are already showing text. Runs queued one by one would show one."""
    lesson = LESSONS[0]
    # a generous HTTP timeout: on a loaded machine (the suite runs in parallel) a request may wait a while
    clients = [Client(app_server.url, verbose=False, httpx_kwargs={"timeout": 60}) for _ in range(8)]
    jobs = [c.submit(lesson.prompt, api_name=f"/run_{lesson.stem}") for c in clients]
    text_at: dict[int, float] = {}
    done_at: dict[int, float] = {}
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(done_at) < len(jobs):
        now = time.monotonic()
        for i, job in enumerate(jobs):
            if i not in text_at and any(out[0] for out in job.outputs()):
                text_at[i] = now
            if i not in done_at and job.done():
                done_at[i] = now
        time.sleep(0.02)
    results = [job.result(timeout=60) for job in jobs]
    assert all(r[1].endswith("Done.") for r in results)
    first_end = min(done_at.values())
    streaming_together = sum(1 for t in text_at.values() if t <= first_end)
    assert streaming_together >= 6, f"only {streaming_together} of 8 showed text before the first run ended"
