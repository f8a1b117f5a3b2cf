"""Run one snippet from a terminal: `python snippets/01_basic.py`.

With a key in `.env` (see `.env.example`) the snippet talks to that provider; with none, the mock is
started in this process on a free port, so the snippet needs nothing else running.
"""

from __future__ import annotations

import asyncio
import inspect
import sys
from contextlib import ExitStack
from pathlib import Path

from dotenv import load_dotenv

from streamlab import lessons, providers


def _print(item) -> None:
    if isinstance(item, tuple):
        pane, value = item
        print(f"\n[{pane}] {str(value).rstrip()}", end="", flush=True)
    else:
        print(item, end="", flush=True)


async def _drain(agen) -> None:
    async for item in agen:
        _print(item)


def run(module_name: str = "__main__") -> None:
    """Stream the snippet module `module_name` with its default prompt and options, printing as it goes."""
    module = sys.modules[module_name]
    path = Path(module.__file__).resolve()
    lesson = lessons.load(path.stem, path.parent.parent)
    if lesson.error:
        sys.exit(lesson.error)
    lesson._module = module  # already imported: it is the program running
    load_dotenv()
    with ExitStack() as stack:
        settings = providers.settings_from_env()
        if settings.provider == "mock":
            from streamlab.mock.server import start_in_thread

            settings = providers.Settings(mock_url=stack.enter_context(start_in_thread()).url)
        options = {o.name: o.default for o in lesson.options}
        client = providers.build_client(lesson.kind_for(options), settings)
        stream = lesson.start(client, lesson.prompt, settings.resolved_model, options)
        if inspect.isasyncgen(stream):
            asyncio.run(_drain(stream))
        else:
            for item in stream:
                _print(item)
        print()
