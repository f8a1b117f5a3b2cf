"""Lesson 15: several prompts streamed at once into side-by-side panes, with one client or one per request."""

import re

import pytest
from polling import wait_for

from streamlab.engine import lessons
from streamlab.hosting import providers

STEM = "15_concurrency"
QUESTIONS = lessons.load(STEM).prompt.splitlines()
ROW = re.compile(r"^answer (\d): first token ([\d.]+) s, done ([\d.]+) s$")
WALL = re.compile(r"^all (\d) \((shared|per request) client\): ([\d.]+) s wall time$")


@pytest.fixture
def answers(mock_url):
    client = providers.build_client("openai", providers.Settings(mock_url=mock_url, ttft_ms=0, token_ms=0))
    return [client.chat.completions.create(model="streamlab-mock", messages=[{"role": "user", "content": q}])
            .choices[0].message.content for q in QUESTIONS]


@pytest.mark.parametrize("clients", ["shared", "per request"])
def test_each_prompt_streams_into_its_own_pane(run_snippet, answers, clients):
    run = run_snippet(STEM, clients=clients)
    for i, answer in enumerate(answers, 1):
        assert run.text(f"answer {i}") == answer
        assert len(run.pieces(f"answer {i}")) > 10
    assert answers[0].startswith("Here are three: the Nile")


def test_the_streams_are_interleaved_not_one_after_another(run_snippet):
    run = run_snippet(STEM, pacing_ms=5)
    panes = [item[0] for item in run.items if item[0].startswith("answer")]
    first_of_last = panes.index("answer 3")
    last_of_first = len(panes) - 1 - panes[::-1].index("answer 1")
    assert first_of_last < last_of_first


@pytest.mark.parametrize("clients", ["shared", "per request"])
def test_timing_pane_reports_each_request_and_the_wall_time(run_snippet, clients):
    run = run_snippet(STEM, pacing_ms=5, clients=clients)
    lines = run.text("timing").splitlines()
    rows = [ROW.match(line) for line in lines[:-1]]
    assert all(rows) and sorted(m[1] for m in rows) == ["1", "2", "3"], lines
    wall = WALL.match(lines[-1])
    assert wall and wall[1] == "3" and wall[2] == clients
    for m in rows:
        assert 0 < float(m[2]) < float(m[3]) <= float(wall[3])
    # concurrent: the wall time is close to the slowest request, far below the sum of all three
    assert float(wall[3]) < 0.8 * sum(float(m[3]) for m in rows)


def test_only_the_first_three_prompts_are_asked(run_snippet):
    run = run_snippet(STEM, prompt="\n".join(QUESTIONS + ["Name three lakes."]))
    assert run.text("timing").splitlines()[-1].startswith("all 3 ")
    assert "lake" not in "".join(run.text(f"answer {i}") for i in (1, 2, 3)).lower()


@pytest.mark.parametrize("clients", ["shared", "per request"])
def test_stop_cancels_every_stream(mock_url, mock_stats, first_then_stop, clients):
    lesson = lessons.load(STEM)
    settings = providers.Settings(mock_url=mock_url, ttft_ms=0, token_ms=50, jitter_ms=0)
    client = providers.build_client("async_openai", settings)
    before = mock_stats()["streams_cancelled"]
    item, tasks = first_then_stop(lesson.start(client, lesson.prompt, settings.resolved_model, {"clients": clients}))
    assert item[0].startswith("answer ")
    assert len(tasks) == 3 and all(t.cancelled() for t in tasks)
    wait_for(lambda: mock_stats()["streams_cancelled"] >= before + 3, timeout=5)
    assert mock_stats()["streams_cancelled"] == before + 3  # the mock saw all three clients go away
