"""Every lesson, run the way its tab runs it, under every fault the mock can inject.

A run that meets a fault must never look like a success: it ends as failed (nothing of the answer arrived) or
incomplete (some did), with a plain message — the runner's own, or the words of a lesson that catches faults
itself and declares the outcome with a ("status", …) item. `stall` is left out: it waits for a read timeout,
and lessons 14 and 16 prove that path in their own tests. `split` is no failure
(the whole answer arrives, only cut into awkward writes): under it every lesson ends done.
"""

import asyncio

import pytest

from streamlab.engine import lessons, runner
from streamlab.hosting import providers
from streamlab.mock.wire.faults import FAULTS, WIRE_FAULTS

LESSONS = lessons.discover()


async def _last_frame(lesson, settings):
    frame = None
    async for frame in runner.run(lesson, settings, lesson.prompt, {}, session=f"faults-{lesson.stem}"):
        pass
    return frame


async def _run_all(settings):
    async with asyncio.timeout(60):  # every fault ends a run quickly: retries are a few seconds at most
        return await asyncio.gather(*(_last_frame(lesson, settings) for lesson in LESSONS))


def test_every_lesson_loads():
    snippets = list((lessons.ROOT / "snippets").glob("[0-9][0-9]_*.py"))
    assert len(LESSONS) == len(snippets) >= 13 and not [lesson.stem for lesson in LESSONS if lesson.error]


@pytest.mark.parametrize("fault", [f for f in FAULTS if f != "stall" and f not in WIRE_FAULTS])
def test_no_lesson_reports_success_when_the_provider_fails(mock_url, fault):
    settings = providers.Settings(mock_url=mock_url, fault=fault, ttft_ms=0, token_ms=0, jitter_ms=0)
    frames = asyncio.run(_run_all(settings))
    wrong = []
    for lesson, frame in zip(LESSONS, frames):
        if frame.status not in ("failed", "incomplete"):
            wrong.append(f"{lesson.stem}: ended {frame.status!r} under the {fault} fault")
        elif not frame.message or "Traceback" in frame.message:
            wrong.append(f"{lesson.stem}: {frame.status} without a plain message: {frame.message!r}")
        elif (frame.status == "incomplete") != (frame.metrics.chunks > 0):
            wrong.append(f"{lesson.stem}: {frame.status} with {frame.metrics.chunks} chunks of the answer")
        if frame.metrics.first_at is not None and not any(frame.panes[p] for p in lesson.measured):
            wrong.append(f"{lesson.stem}: a first token with no answer text")
    assert not wrong, "\n".join(wrong)


def test_every_lesson_ends_done_when_the_answer_arrives_in_awkward_pieces(mock_url):
    settings = providers.Settings(mock_url=mock_url, fault="split", ttft_ms=0, token_ms=0, jitter_ms=0)
    frames = asyncio.run(_run_all(settings))
    wrong = [f"{lesson.stem}: {frame.status} {frame.message!r}" for lesson, frame in zip(LESSONS, frames)
             if frame.status != "done"]
    assert not wrong, "\n".join(wrong)
