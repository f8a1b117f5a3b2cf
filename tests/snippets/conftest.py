"""Run a lesson's snippet function against the mock and collect everything it yields."""

import asyncio
import inspect
from pathlib import Path

import pytest

from streamlab.engine import lessons
from streamlab.engine.lessons import MAIN_PANE
from streamlab.hosting import providers


class Run:
    def __init__(self, items, error=None):
        self.items = items
        self.error = error  # what the snippet raised, for a run started with raises=True

    def pieces(self, pane=MAIN_PANE, notes=True):
        """The strings yielded to `pane`, in order; with `notes`, its notes too (("note", (pane, text)): shown in the
        pane, not answer text)."""
        shown = [("note", i[1]) if isinstance(i, tuple) and i[0] == lessons.NOTE else i for i in self.items]
        return [i if isinstance(i, str) else i[1][1] if i[0] == "note" else i[1] for i in shown
                if (pane == MAIN_PANE and isinstance(i, str)) or (isinstance(i, tuple) and i[0] == pane)
                or (notes and isinstance(i, tuple) and i[0] == "note" and i[1][0] == pane)]

    def text(self, pane=MAIN_PANE):
        return "".join(self.pieces(pane))

    @property
    def usage(self):
        found = [i[1] for i in self.items if isinstance(i, tuple) and i[0] == lessons.USAGE]
        return found[-1] if found else None


async def _collect_async(agen, items):
    async for item in agen:
        items.append(item)


def _collect(stream, items):
    if inspect.isasyncgen(stream):
        asyncio.run(_collect_async(stream, items))
    else:
        items.extend(stream)


@pytest.fixture
def run_snippet(mock_url):
    """run_snippet(stem, prompt=None, mock_fault="", pacing_ms=0, raises=False, history=None, **options) -> Run, on
    the mock (`history`: a chat lesson's conversation so far).

    With `raises=True` the snippet must raise: the Run holds what it yielded before, and `.error`."""

    def run(stem, prompt=None, mock_fault="", pacing_ms=0, raises=False, history=None, **options):
        lesson = lessons.load(stem)
        assert not lesson.error, lesson.error
        settings = providers.Settings(mock_url=mock_url, ttft_ms=pacing_ms, token_ms=pacing_ms, jitter_ms=0,
                                      fault=mock_fault)
        chosen = {o.name: o.default for o in lesson.options} | options
        client = providers.build_client(lesson.kind_for(chosen), settings, max_retries=0)
        stream = lesson.start(client, lesson.prompt if prompt is None else prompt, settings.resolved_model, chosen,
                              history)
        items = []
        if not raises:
            _collect(stream, items)
            return Run(items)
        with pytest.raises(Exception) as raised:
            _collect(stream, items)
        return Run(items, raised.value)

    return run


@pytest.fixture
def mock_answer(mock_url):
    """mock_answer(prompt) → the mock's whole answer, asked without streaming: what a stream must add up to."""

    def ask(prompt):
        settings = providers.Settings(mock_url=mock_url, ttft_ms=0, token_ms=0, jitter_ms=0)
        with providers.build_client("openai", settings, max_retries=0) as client:
            reply = client.chat.completions.create(model=settings.resolved_model,
                                                   messages=[{"role": "user", "content": prompt}])
        return reply.choices[0].message.content

    return ask


def _from_a_snippet(task: asyncio.Task) -> bool:
    code = getattr(task.get_coro(), "cr_code", None)
    return code is not None and Path(code.co_filename).parent.name == "snippets"


@pytest.fixture
def first_then_stop():
    """first_then_stop(gen) → (first item, the other tasks): take one item from an async lesson's generator,
    close it as Stop does, and let every task it started finish; the tasks show how each one ended."""

    async def stop(gen):
        item = await anext(gen)
        await gen.aclose()  # what Stop does to an async generator
        others = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        await asyncio.gather(*others, return_exceptions=True)
        # the lesson's own tasks (an HTTP client's connection attempts may still be about on a loaded machine)
        return item, [t for t in others if _from_a_snippet(t)]

    return lambda gen: asyncio.run(stop(gen))
