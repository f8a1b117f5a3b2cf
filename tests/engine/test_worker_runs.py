"""Runs in worker processes (streamlab.engine.worker_pool) behave as runs in the web process: they stream as the answer
arrives, Stop closes the upstream stream, a failure comes back as the same plain message, and a worker that
dies ends its runs with a message and is replaced."""

import asyncio
import os
import signal

import pytest
from polling import wait_for

from streamlab.engine import lessons, runner, worker_pool, worker_process
from streamlab.hosting import providers

KEY = "sk-learner-SECRET-0123456789abcdef"


@pytest.fixture(scope="module")
def pool():
    started = worker_pool.Pool(1).start()
    yield started
    started.close()


def frames_of(lesson, settings, pool=None, session="worker-test", on_frame=None):
    async def collect():
        frames = []
        async for frame in runner.run(lesson, settings, lesson.prompt, {}, session, 0.02, pool=pool):
            frames.append((dict(frame.panes), frame.status, frame.message))
            if on_frame:
                on_frame(frame)
        return frames
    return asyncio.run(collect())


def test_a_run_in_a_worker_streams_growing_text_to_the_same_answer(pool, mock_url, monkeypatch):
    lesson = lessons.load("01_basic")
    settings = providers.Settings(mock_url=mock_url, ttft_ms=0, token_ms=15, jitter_ms=0)
    alone = frames_of(lesson, settings)[-1][0]["output"]  # the same run in this process
    # the web process builds no client: the worker does, so the run cannot be happening here
    monkeypatch.setattr(providers, "build_client", lambda *a, **k: pytest.fail("a client built in the web process"))
    frames = frames_of(lesson, settings, pool)
    texts = [panes["output"] for panes, _, _ in frames]
    growing = [t for i, t in enumerate(texts) if t and t != texts[i - 1]]
    assert len(growing) >= 4, f"only {len(growing)} distinct states reached the UI"
    assert all(later.startswith(earlier) for earlier, later in zip(growing, growing[1:]))
    assert frames[-1][1:] == ("done", "")
    assert texts[-1] == alone and alone


# sync, async, and a sync one whose connection is made in a thread it starts itself (lesson 19's server)
@pytest.mark.parametrize("stem", ["01_basic", "02_async", "19_broken_server"])
def test_stop_in_a_worker_closes_the_upstream_during_a_stall(stem, pool, mock_url, mock_stats):
    lesson = lessons.load(stem)
    settings = providers.Settings(mock_url=mock_url, ttft_ms=0, token_ms=0, jitter_ms=0, fault="stall")
    before = mock_stats()
    session = f"worker-stall-{stem}"

    async def whole():
        frames = []

        async def consume():
            async for frame in runner.run(lesson, settings, lesson.prompt, {}, session, 0.02, pool=pool):
                frames.append((dict(frame.panes), frame.status, frame.message))

        task = asyncio.create_task(consume())
        opened = await asyncio.to_thread(
            wait_for, lambda: mock_stats()["streams_started"] > before["streams_started"], 30, 0.02)
        assert opened, "the stream started"
        await asyncio.sleep(0.3)  # the stall is under way: the worker's snippet waits on a read
        assert runner.request_stop(session, stem)
        # counted from Stop: the run ends in this loop while the worker cuts its sockets, within one second
        closed = asyncio.create_task(asyncio.to_thread(
            wait_for, lambda: mock_stats()["open_streams"] == before["open_streams"], 1.0, 0.02))
        await asyncio.wait_for(task, 10)
        return frames, await closed

    frames, closed = asyncio.run(whole())
    assert frames[-1][1] == "stopped"
    assert closed, "the mock still had the stream open a second after Stop"
    assert mock_stats()["streams_cancelled"] == before["streams_cancelled"] + 1


@pytest.mark.parametrize("fault, status", [("rate_limit", "failed"), ("error_event", "incomplete")])
def test_a_failure_in_a_worker_is_the_same_plain_message(fault, status, pool, mock_url):
    lesson = lessons.load("01_basic")
    settings = providers.Settings(provider="mock", api_key=KEY, mock_url=mock_url, ttft_ms=0, token_ms=0,
                                  jitter_ms=0, fault=fault)
    here = frames_of(lesson, settings)[-1]
    there = frames_of(lesson, settings, pool)[-1]
    assert there[1] == here[1] == status
    assert there[2] == here[2] and there[2].strip()
    assert "Traceback" not in there[2] and KEY not in there[2] and KEY not in str(there[0])
    if status == "incomplete":
        assert there[0]["output"] == here[0]["output"] != "", "the partial text is kept"


def test_a_worker_that_dies_ends_its_run_with_a_message_and_is_replaced(mock_url):
    lesson = lessons.load("01_basic")
    settings = providers.Settings(mock_url=mock_url, ttft_ms=0, token_ms=100, jitter_ms=0)
    own = worker_pool.Pool(1).start()
    try:
        killed = []

        def kill_once_streaming(frame):
            if frame.panes["output"] and not killed:
                killed.append(own.pids()[0])
                os.kill(killed[0], signal.SIGKILL)

        frames = frames_of(lesson, settings, own, "worker-killed", kill_once_streaming)
        assert killed, "the run streamed before its worker was killed"
        assert frames[-1][1] == "incomplete" and frames[-1][2] == worker_pool.GONE
        assert frames[-1][0]["output"], "the partial text is kept"

        again = frames_of(lesson, providers.Settings(mock_url=mock_url, ttft_ms=0, token_ms=0, jitter_ms=0), own)
        assert again[-1][1] == "done" and again[-1][0]["output"]
        assert own.pids() and own.pids()[0] != killed[0]
    finally:
        own.close()


UNPICKLABLE = '''
import threading
CLIENT = "openai"
PROMPT = "go"

def stream(client, prompt):
    yield "before "
    yield "log", threading.Lock()  # pickle cannot carry a lock to the web process
    yield "after"
'''


def test_a_value_pickle_cannot_carry_arrives_as_its_text_and_the_rest_as_it_is(lesson_root, mock_url):
    root = lesson_root(**{"01_odd": UNPICKLABLE.replace("CLIENT", "PANES = ('output', 'log')\nCLIENT")})
    own = worker_pool.Pool(1, root).start()
    try:
        frames = frames_of(lessons.load("01_odd", root), providers.Settings(mock_url=mock_url), own)
    finally:
        own.close()
    panes, status, message = frames[-1]
    assert (status, message) == ("done", "")
    assert panes["output"] == "before after"
    assert panes["log"].startswith("<unlocked _thread.lock object at ")


class RecordingPipe:
    def __init__(self):
        self.writes: list[list] = []

    def send(self, batch):
        self.writes.append(list(batch))


def test_the_sender_batches_a_burst_in_order_and_sends_a_lone_piece_at_once():
    pipe = RecordingPipe()
    sender = worker_process._Sender(pipe)
    sender.send((1, "item", "alone"))
    assert wait_for(lambda: pipe.writes == [[(1, "item", "alone")]], 5, 0.001), "a lone piece goes by itself"
    burst = [(run_id, "item", f"piece {i}") for i in range(200) for run_id in (2, 3)]
    for message in burst:
        sender.send(message)
    assert wait_for(lambda: sum(map(len, pipe.writes)) == 1 + len(burst), 10, 0.01)
    assert [m for write in pipe.writes[1:] for m in write] == burst, "every piece, in the order the runs made them"
    assert len(pipe.writes) - 1 < len(burst) / 4, f"{len(pipe.writes) - 1} writes for {len(burst)} pieces"
