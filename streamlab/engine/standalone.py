"""Run one snippet from a terminal: `python snippets/01_basic.py`.

With a key in `.env` (see `.env.example`) the snippet talks to that provider; with none, the mock is
started in this process on a free port, so the snippet needs nothing else running. A prompt and the
lesson's options can be given as arguments, as in the tab:
`python snippets/11_raw_wire.py "What's the weather in Paris?" --wire anthropic --tools` (`--help` lists them).
"""

from __future__ import annotations

import argparse
import asyncio
import inspect
import sys
from contextlib import ExitStack
from pathlib import Path

from dotenv import load_dotenv

from streamlab.engine import lessons
from streamlab.hosting import providers


class _Printer:
    """Prints what a snippet yields as it comes: the main pane's text bare, another pane's under a `[pane]`
    label, written again only when the pane changes, so a pane that streams piece by piece reads as text."""

    def __init__(self, main: str):
        self.main, self.last, self.line_start = main, None, True

    def __call__(self, item) -> None:
        pane, value = item if isinstance(item, tuple) else (self.main, item)
        if pane == lessons.NOTE and isinstance(value, tuple):  # ("note", (pane, text)): shown in that pane
            pane, value = value
        if pane != self.last and (self.last is not None or pane != self.main):
            print(("" if self.line_start else "\n") + f"[{pane}] ", end="")
        text = str(value)
        print(text, end="", flush=True)
        self.last, self.line_start = pane, text.endswith("\n") or (self.line_start and not text)


async def _drain(agen, show) -> None:
    async for item in agen:
        show(item)


def _arguments(lesson: lessons.Lesson, argv: list[str]) -> tuple[str, dict]:
    """(prompt, options) from the command line; the tab's defaults for whatever is not given."""
    parser = argparse.ArgumentParser(prog=lesson.snippet_path.name, description=lesson.title)
    parser.add_argument("prompt", nargs="?", default=lesson.prompt, help=f"default: {lesson.prompt!r}")
    for option in lesson.options:
        flag = "--" + option.name.replace("_", "-")
        if isinstance(option.default, bool):
            parser.add_argument(flag, dest=option.name, action=argparse.BooleanOptionalAction, default=option.default)
        else:
            parser.add_argument(flag, dest=option.name, default=option.default, choices=option.choices or None,
                                type=type(option.default), help=f"default: {option.default}")
    args = vars(parser.parse_args(argv))
    return args.pop("prompt"), args


def run(module_name: str = "__main__", argv: list[str] | None = None) -> None:
    """Stream the snippet module `module_name`, printing as it goes; `argv` (default: the command line)
    may give a prompt and the lesson's options."""
    module = sys.modules[module_name]
    path = Path(module.__file__).resolve()
    lesson = lessons.load(path.stem, path.parent.parent)
    if lesson.error:
        sys.exit(lesson.error)
    lesson._module = module  # already imported: it is the program running
    prompt, options = _arguments(lesson, sys.argv[1:] if argv is None else argv)
    load_dotenv()
    with ExitStack() as stack:
        settings = providers.settings_from_env()
        if settings.provider == "mock":
            from streamlab.mock.server import start_in_thread

            settings = providers.Settings(mock_url=stack.enter_context(start_in_thread()).url)
        client = providers.build_client(lesson.kind_for(options), settings)
        stream = lesson.start(client, prompt, settings.resolved_model, options)
        show = _Printer(lesson.panes[0])
        if inspect.isasyncgen(stream):
            asyncio.run(_drain(stream, show))
        else:
            for item in stream:
                show(item)
        print()
