import asyncio

from polling import wait_for

from streamlab.engine import errors, lessons, runner
from streamlab.hosting import providers

SETTINGS = providers.Settings(mock_url="http://127.0.0.1:9/mock")  # never contacted: these snippets ignore the client

SYNC = '''
import time
CLIENT = "openai"
PROMPT = "go"
closed = []

def stream(client, prompt, *, pieces: int = 5, delay_ms: int = 0):
    try:
        for i in range(pieces):
            time.sleep(delay_ms / 1000)
            yield f"{i},"
        yield ("usage", {"prompt_tokens": 1, "completion_tokens": pieces, "total_tokens": pieces + 1})
    finally:
        closed.append(True)
'''

ASYNC = '''
import asyncio
from typing import Literal
CLIENT = "async_openai"
PANES = ("output", "log")
closed = []

async def stream(client, prompt, *, mode: Literal["upper", "lower"] = "lower", delay_ms: int = 0):
    try:
        for word in prompt.split():
            await asyncio.sleep(delay_ms / 1000)
            yield word.upper() if mode == "upper" else word
            yield ("log", "+")
    finally:
        closed.append(True)
'''

FAILING = '''
def stream(client, prompt):
    yield "partial text"
    raise RuntimeError("upstream said no to sk-test-SECRET-123456")
'''


def frames_of(lesson, prompt="go", options=None, settings=SETTINGS, session="s", frame_s=0.05, on_frame=None):
    async def collect():
        frames = []
        async for frame in runner.run(lesson, settings, prompt, options, session, frame_s):
            frames.append((dict(frame.panes), frame.status, frame.message, frame.final))
            if on_frame:
                on_frame(len(frames))
        return frames, frame
    return asyncio.run(collect())


def test_sync_snippet_streams_every_piece_and_ends_done(lesson_root):
    lesson = lessons.load("01_sync", lesson_root(**{"01_sync": SYNC}))
    frames, last = frames_of(lesson, options={"pieces": 5, "delay_ms": 20})
    texts = [f[0]["output"] for f in frames]
    assert texts[-1] == "0,1,2,3,4,"
    assert all(b.startswith(a) for a, b in zip(texts, texts[1:])), "frames only ever grow"
    assert len(set(texts)) >= 4, "intermediate values are shown, not just the end"
    assert frames[-1][1:] == ("done", "", True)
    assert last.metrics.chunks == 5 and last.metrics.usage["completion_tokens"] == 5
    assert last.metrics.ended is not None  # the run's elapsed time is fixed when it ends
    assert lesson.module.closed == [True]


def test_fast_stream_is_coalesced_into_few_frames_without_losing_text(lesson_root):
    lesson = lessons.load("01_sync", lesson_root(**{"01_sync": SYNC}))
    frames, last = frames_of(lesson, options={"pieces": 2000}, frame_s=0.2)
    assert frames[-1][0]["output"] == "".join(f"{i}," for i in range(2000))
    assert last.metrics.chunks == 2000
    assert last.updates < 100, f"{last.updates} UI updates for 2000 chunks"


def test_first_piece_is_shown_before_the_next_arrives(lesson_root):
    lesson = lessons.load("01_sync", lesson_root(**{"01_sync": SYNC}))
    frames, _ = frames_of(lesson, options={"pieces": 2, "delay_ms": 300}, frame_s=0.05)
    assert "0," in [f[0]["output"] for f in frames]


def test_async_snippet_fills_its_panes_and_options_reach_it(lesson_root):
    lesson = lessons.load("02_async", lesson_root(**{"02_async": ASYNC}))
    frames, _ = frames_of(lesson, prompt="a b c", options={"mode": "upper"})
    assert frames[-1][0] == {"output": "ABC", "log": "+++"}
    assert frames[-1][1] == "done"


def test_a_choice_the_tab_does_not_offer_is_refused_with_a_message(lesson_root):
    lesson = lessons.load("02_async", lesson_root(**{"02_async": ASYNC}))
    frames, _ = frames_of(lesson, prompt="a B", options={"mode": "sideways"})
    assert frames[-1][0]["output"] == ""
    assert frames[-1][1] == "failed"
    assert frames[-1][2] == "The option “mode” must be one of: upper, lower; got 'sideways'."


def test_failure_keeps_partial_text_and_shows_a_message_without_the_key(lesson_root):
    lesson = lessons.load("03_fail", lesson_root(**{"03_fail": FAILING}))
    settings = providers.Settings(provider="openai", api_key="sk-test-SECRET-123456")
    frames, _ = frames_of(lesson, settings=settings)
    panes, status, message, final = frames[-1]
    assert panes["output"] == "partial text"
    assert status == "incomplete" and final  # text had arrived before the failure
    assert "upstream said no" in message
    assert "SECRET" not in message
    assert message.endswith(errors.INCOMPLETE)  # text had arrived: the learner is told it is not the whole answer


def test_stop_ends_the_run_keeps_text_and_closes_the_snippet(lesson_root):
    lesson = lessons.load("01_sync", lesson_root(**{"01_sync": SYNC}))

    def stop_after_three(n):
        if n == 3:
            assert runner.request_stop("s", "01_sync")

    frames, last = frames_of(lesson, options={"pieces": 1000, "delay_ms": 10}, on_frame=stop_after_three)
    panes, status, message, _ = frames[-1]
    assert status == "stopped" and "partial text is kept" in message
    assert 0 < last.metrics.chunks < 1000 and panes["output"]
    wait_for(lambda: lesson.module.closed, timeout=2)
    assert lesson.module.closed == [True], "the snippet's generator was closed"
    assert not runner.request_stop("s", "01_sync"), "nothing left running"


def test_leaving_mid_run_cancels_the_async_snippet(lesson_root):
    lesson = lessons.load("02_async", lesson_root(**{"02_async": ASYNC}))

    async def leave_early():
        agen = runner.run(lesson, SETTINGS, "w " * 500, {"delay_ms": 10}, "s", 0.05)
        async for frame in agen:
            if frame.metrics.chunks > 3:
                break
        await agen.aclose()

    asyncio.run(leave_early())
    assert lesson.module.closed == [True]


def test_empty_prompt_is_a_message_not_a_crash(lesson_root):
    lesson = lessons.load("01_sync", lesson_root(**{"01_sync": SYNC}))
    frames, _ = frames_of(lesson, prompt="   ")
    assert frames[-1][1] == "failed" and "Type a prompt first" in frames[-1][2]


def test_wrong_wire_for_the_provider_is_explained(lesson_root):
    lesson = lessons.load("01_sync", lesson_root(**{"01_sync": SYNC}))
    frames, _ = frames_of(lesson, settings=providers.Settings(provider="anthropic", api_key="k" * 10))
    assert frames[-1][1] == "failed" and "OpenAI's wire format" in frames[-1][2]


def test_missing_key_for_a_real_provider_says_what_to_do(lesson_root, monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    lesson = lessons.load("01_sync", lesson_root(**{"01_sync": SYNC}))
    frames, _ = frames_of(lesson, settings=providers.Settings(provider="openai"))
    assert frames[-1][1] == "failed" and "No API key for OpenAI. Paste your key" in frames[-1][2]


ECHOING = '''
def stream(client, prompt):
    yield "partial"
    yield ("attempts", "attempt 1: 401 your api key: myprovider-LEAKCHECK-0042 is invalid")
'''


def test_a_key_echoed_into_any_pane_by_a_snippet_is_hidden(lesson_root):
    lesson = lessons.load("04_echo", lesson_root(**{"04_echo": ECHOING}))
    settings = providers.Settings(provider="compatible", base_url="http://127.0.0.1:9/v1",
                                  api_key="myprovider-LEAKCHECK-0042")
    frames, _ = frames_of(lesson, settings=settings)
    assert all("LEAKCHECK" not in text for panes, *_ in frames for text in panes.values())
    assert "[hidden]" in frames[-1][0]["attempts"]


def test_a_room_shares_one_update_budget(monkeypatch):
    monkeypatch.setattr(runner, "UPDATES_PER_S", 200.0)
    monkeypatch.setattr(runner, "_streaming", [1])
    assert runner.frame_interval(0.05) == 0.05  # alone: the run's own cap, 20 updates a second
    monkeypatch.setattr(runner, "_streaming", [100])
    assert runner.frame_interval(0.05) == 0.5  # 100 runs: 2 updates a second each, 200 in all


def test_runs_count_themselves_while_they_stream_and_not_after(lesson_root):
    lesson = lessons.load("01_sync", lesson_root(**{"01_sync": SYNC}))
    seen = []

    async def watch():
        async for frame in runner.run(lesson, SETTINGS, "go", {"pieces": 3, "delay_ms": 20}, "budget", 0.01):
            seen.append(runner._streaming[0])
    before = runner._streaming[0]
    asyncio.run(watch())
    assert max(seen) == before + 1 and runner._streaming[0] == before


DECLARING = '''
import time
PANES = ("output", "log")

def stream(client, prompt, *, outcome: str = "failed", wait_ms: int = 0):
    time.sleep(wait_ms / 1000)
    if outcome == "incomplete":
        yield "Once upon"
        yield "status", "incomplete: the stream broke after 1 chunks (connection dropped)"
    else:
        yield "log", "attempt 1: RateLimitError"
        yield "status", "failed: gave up after 1 attempt (RateLimitError)"
'''


def test_a_snippet_that_declares_failure_ends_failed_not_done(lesson_root):
    lesson = lessons.load("05_declares", lesson_root(**{"05_declares": DECLARING}))
    frames, last = frames_of(lesson)
    panes, status, message, _ = frames[-1]
    assert (status, message) == ("failed", "Gave up after 1 attempt (RateLimitError)")
    assert panes == {"output": "", "log": "attempt 1: RateLimitError"}  # the status words are in no pane
    assert last.metrics.chunks == 0 and last.metrics.first_at is None


def test_a_snippet_that_declares_partial_text_ends_incomplete(lesson_root):
    lesson = lessons.load("05_declares", lesson_root(**{"05_declares": DECLARING}))
    frames, last = frames_of(lesson, options={"outcome": "incomplete"})
    assert frames[-1][1:3] == ("incomplete", "The stream broke after 1 chunks (connection dropped)")
    assert frames[-1][0]["output"] == "Once upon" and last.metrics.chars == len("Once upon")


def test_frames_keep_coming_while_the_first_token_is_awaited(lesson_root):
    lesson = lessons.load("05_declares", lesson_root(**{"05_declares": DECLARING}))
    seen = []

    async def watch():
        async for frame in runner.run(lesson, SETTINGS, "go", {"wait_ms": 1300}, "ticks", 0.05):
            seen.append(frame.metrics.summary()["elapsed_s"])
    asyncio.run(watch())
    waiting = seen[:-1]
    assert len(waiting) >= 3, f"only {len(waiting)} frames during a 1.3 s silence"
    assert waiting[-1] >= 0.9 and waiting == sorted(waiting), "elapsed grows while nothing arrives"
