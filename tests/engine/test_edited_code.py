"""Edited code runs as the lesson's code does (the same runner, panes, metrics), each run in a process of its own:
its errors name the editor's line, Stop and the wall clock end code that never yields, and a server that does
not allow editing refuses it."""

import asyncio
import time

import pytest
from polling import wait_for

from streamlab.engine import lessons, runner
from streamlab.engine.edited_runs import EditedRuns
from streamlab.hosting import providers
from streamlab.hosting.editing import Editing

LESSON = lessons.load("01_basic")
LAST_LINE = "                yield chunk.choices[0].delta.content"
UPPER = LESSON.source.replace(LAST_LINE, LAST_LINE + ".upper()")
PROMPT = "Say this is a test"


def edit(before: str, after: str) -> str:
    assert before in LESSON.source
    return LESSON.source.replace(before, after, 1)


@pytest.fixture(scope="module")
def edits():
    runs = EditedRuns(Editing(enabled=True, wall_s=4))
    yield runs
    runs.close()


@pytest.fixture
def settings(mock_url):
    return providers.Settings(mock_url=mock_url, token_ms=5, ttft_ms=20)


async def frames_of(settings, source, edits, session="s", lesson=LESSON, prompt=PROMPT, stop_after=None):
    seen, started = [], time.perf_counter()
    async for frame in runner.run(lesson, settings, prompt, {}, session, source=source, edits=edits):
        seen.append((time.perf_counter() - started, frame.status, dict(frame.panes), frame.message))
        if stop_after is not None and time.perf_counter() - started > stop_after and not frame.final:
            runner.request_stop(session, lesson.stem)
    return seen


def test_an_edit_runs_and_streams_what_the_edited_code_yields(settings, edits):
    original = asyncio.run(frames_of(settings, None, edits))[-1][2]["output"]
    seen = asyncio.run(frames_of(settings, UPPER, edits))
    texts = [panes["output"] for _, _, panes, _ in seen]
    assert seen[-1][1] == "done" and texts[-1] == original.upper() == "THIS IS A TEST."
    growing = [t for i, t in enumerate(texts) if t and t != texts[i - 1]]
    assert len(growing) >= 2 and all(b.startswith(a) for a, b in zip(growing, growing[1:]))  # streamed, in order


def test_the_lesson_s_own_text_sent_back_is_not_an_edit(settings):
    sent_back = LESSON.source.replace("\n", "\r\n").rstrip()  # as an editor may: CRLF, no last newline
    seen = asyncio.run(frames_of(settings, sent_back, None))  # no edited runs at all
    assert seen[-1][1] == "done" and seen[-1][2]["output"] == "This is a test."


@pytest.mark.parametrize(("source", "said"), [
    (edit("def stream(client", "def stream((client"), "Line 7 of the editor is not valid Python: "),
    (edit("CLIENT = ", "x = 1 / 0\nCLIENT = "),
     "Your code raised ZeroDivisionError: division by zero (line 3 of the editor: x = 1 / 0)."),
    (edit("        for chunk in chunks:", "        for chunk in chunks:\n            chunk.missing"),
     "Your code raised AttributeError: 'ChatCompletionChunk' object has no attribute 'missing' (line 14 of the "
     "editor: chunk.missing)."),
    (edit("def stream(", "def answer("), "The edited code defines no stream() function."),
    (edit('PROMPT = ', 'PANES = ("output", "extra")\nPROMPT = '),
     "The edit changed PANES to ('output', 'extra'); this page shows the lesson's panes ('output',). Keep PANES"),
])
def test_an_edit_that_cannot_run_says_why_and_names_the_editor_s_line(settings, edits, source, said):
    final = asyncio.run(frames_of(settings, source, edits))[-1]
    assert final[1] == "failed" and final[2]["output"] == ""
    assert said in final[3].replace("\\", "")  # the message is Markdown: `_` and `[` come escaped


def test_an_option_the_edit_adds_runs_with_its_default_and_the_run_says_so(settings, edits):
    source = edit('model: str = "gpt-5-mini"):', 'model: str = "gpt-5-mini", shout: bool = True):').replace(
        LAST_LINE, LAST_LINE + ".upper() if shout else chunk.choices[0].delta.content")
    final = asyncio.run(frames_of(settings, source, edits))[-1]
    assert final[1] == "done" and final[2]["output"] == "THIS IS A TEST."
    assert final[3] == "Your edit adds the option shout: the page has no control for it, so the run used the default."


def test_text_streamed_before_the_edited_code_fails_is_kept(settings, edits):
    source = edit("                yield chunk.choices[0].delta.content",
                  "                yield chunk.choices[0].delta.content\n                if 'test' in chunk.choices[0]"
                  ".delta.content: raise ValueError('stop here')")
    final = asyncio.run(frames_of(settings, source, edits))[-1]
    assert final[1] == "incomplete" and final[2]["output"].startswith("This is a") and "." not in final[2]["output"]
    assert "Your code raised ValueError: stop here (line 16 of the editor" in final[3]


def test_stop_ends_an_endless_loop_within_a_second_and_its_process_goes(settings, edits):
    source = edit("        for chunk in chunks:", "        yield 'looping'\n        while True:\n            pass\n"
                                                   "        for chunk in chunks:")
    seen = asyncio.run(frames_of(settings, source, edits, session="stopper", stop_after=0.5))
    stopped_at = next(t for t, status, _, _ in seen if status == "stopped")
    first_stop_asked = next(t for t, _, panes, _ in seen if t > 0.5)
    assert stopped_at - first_stop_asked < 1.0, seen[-3:]
    assert seen[-1][2]["output"] == "looping"  # what it yielded before the loop is kept
    assert wait_for(lambda: not edits.pids(), timeout=3), "the edited run's process was not ended"


def test_the_wall_clock_ends_an_endless_loop_without_stop_and_the_next_run_works(settings, edits):
    source = edit("CLIENT = ", "while True:\n    pass\nCLIENT = ")  # loops while the module is imported
    seen = asyncio.run(frames_of(settings, source, edits))
    assert seen[-1][1] == "failed" and 3.9 < seen[-1][0] < 6, seen[-1]
    assert seen[-1][3] == "Your code ran for 4 s, the limit for edited code here, so it was ended."
    assert asyncio.run(frames_of(settings, UPPER, edits))[-1][2]["output"] == "THIS IS A TEST."


def test_memory_without_bound_ends_with_a_plain_message(settings):
    edits = EditedRuns(Editing(enabled=True, memory_mb=1024))
    try:
        source = edit("        for chunk in chunks:", "        hoard = [bytearray(10**8) for _ in range(50)]\n"
                                                       "        for chunk in chunks:")
        final = asyncio.run(frames_of(settings, source, edits))[-1]
    finally:
        edits.close()
    assert final[1] == "failed" and final[3].startswith("Your code ran out of memory (the limit is 1,024 MB) (line 13")


@pytest.mark.parametrize("why", ["public", "network"])
def test_a_server_that_does_not_allow_editing_refuses_edited_code_and_runs_nothing(settings, why, tmp_path):
    marker = tmp_path / "ran"
    source = edit("CLIENT = ", f"open({str(marker)!r}, 'w').write('ran')\nCLIENT = ")
    edits = EditedRuns(Editing(enabled=False, why_off=why))
    final = asyncio.run(frames_of(settings, source, edits))[-1]
    assert final[1] == "failed" and final[2]["output"] == "" and "editing is off" in final[3]
    assert not marker.exists() and not edits.pids()
