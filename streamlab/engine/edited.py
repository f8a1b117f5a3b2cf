"""Code a learner changed in the page's editor: read its contract, and say plainly what went wrong in it.

The edited text is a lesson of its own, read by the same rules as a snippet file (`lessons.describe`), under the
file name `EDITOR`, so a traceback's frames of the learner's code are told apart from the app's and the SDK's.
Its panes must stay the lesson's (the page has those panes); options may change: one the edit adds runs with its
default (the page has no control for it), and the run's note says so.
"""

from __future__ import annotations

import traceback
from dataclasses import replace
from pathlib import Path

from streamlab.engine import errors
from streamlab.engine.lessons import Lesson, describe
from streamlab.hosting.safe_text import ProviderError, scrub, short

EDITOR = "<editor>"  # the file name of edited code: its frames in a traceback are the learner's
MAX_SOURCE_CHARS = 60_000
SDK_MODULES = ("openai", "anthropic", "httpx", "httpx2", "httpcore", "langchain_core", "langchain_openai")
REFUSED = {"public": "This public server runs each lesson's own code only: editing is off. To change the code and "
                     "run it, run StreamLab on your own machine (README, first command).",
           "network": "This server is reachable from other machines, so it runs each lesson's own code only: "
                      "editing is off. To change the code and run it, run StreamLab on your own machine (README, "
                      "first command), or ask the operator about STREAMLAB_ALLOW_EDIT."}
OFF = "This server runs each lesson's own code only: editing is off."


class EditError(ProviderError):
    """Edited code that cannot run as a lesson: the message names the editor's line when there is one."""


class RunLimit(ProviderError):
    """An edited run that reached a limit (its wall-clock time) and was ended."""


def normalise(source: str) -> str:
    return source.replace("\r\n", "\n").replace("\r", "\n")


def is_edit(lesson: Lesson, source: str | None) -> bool:
    """Whether `source` (the editor's text) differs from the lesson's own code; None means "the lesson's"; blank
    space at the end is no difference."""
    return source is not None and normalise(source).rstrip() != lesson.source.rstrip()  # an editor may drop the
    # file's last newline


def from_source(stem: str, source: str) -> Lesson:
    """A lesson made from edited text, as a worker of edited code builds it (no check against a page)."""
    lesson = Lesson(stem, Path(EDITOR), Path(EDITOR), source=normalise(source))
    try:
        describe(lesson)
    except SyntaxError as exc:
        where = f"Line {exc.lineno} of the editor" if exc.lineno else "The editor's code"
        raise EditError(f"{where} is not valid Python: {short(exc.msg or 'syntax error')}.") from None
    except (TypeError, ImportError, ValueError) as exc:
        said = str(exc).replace(f"{EDITOR} ", "The edited code ")
        raise EditError(f"{short(said[:1].upper() + said[1:])}.".replace("..", ".")) from None
    return lesson


def prepare(lesson: Lesson, source: str) -> tuple[Lesson, str]:
    """(the edited lesson, a note on what the page cannot follow) for `source` typed in `lesson`'s editor."""
    if len(source) > MAX_SOURCE_CHARS:
        raise EditError(f"The edited code is {len(source):,} characters; the limit is {MAX_SOURCE_CHARS:,}.")
    edited = replace(from_source(lesson.stem, source), prose=lesson.prose, title=lesson.title)
    if edited.panes != lesson.panes:
        raise EditError(f"The edit changed PANES to {edited.panes}; this page shows the lesson's panes "
                        f"{lesson.panes}. Keep PANES as it was.")
    controls = {o.name for o in lesson.options}
    added = [o.name for o in edited.options if o.name not in controls]
    note = (f"Your edit adds the option{'s' if len(added) > 1 else ''} {', '.join(added)}: the page has no control "
            f"for {'them' if len(added) > 1 else 'it'}, so the run used the default." if added else "")
    return edited, note


def _editor_frame(exc: BaseException) -> traceback.FrameSummary | None:
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == EDITOR]
    return frames[-1] if frames else None


def _from_sdk(exc: BaseException) -> bool:
    """A provider's failure as the SDK reports it (a status, a request that failed): not a mistake in the code,
    such as the SDK's APIRemovedInV1 for a call of openai < 1.0."""
    for error in (exc, exc.__cause__):
        if error is None or type(error).__module__.split(".")[0] not in SDK_MODULES:
            continue
        if type(error).__module__.split(".")[0] in ("httpx", "httpx2", "httpcore") or \
                getattr(error, "status_code", None) is not None or getattr(error, "request", None) is not None:
            return True
    return False


def explain(exc: BaseException, secrets=(), mid_stream: bool = False, memory_mb: int = 0) -> str:
    """What an edited run raised, for the learner: a provider's failure as any run's, anything else as "your code
    raised …", and the editor's line it came from."""
    frame = _editor_frame(exc)
    where = f" (line {frame.lineno} of the editor: {short(frame.line or '')})" if frame else ""
    if isinstance(exc, MemoryError):
        limit = f" (the limit is {memory_mb:,} MB)" if memory_mb else ""
        message = f"Your code ran out of memory{limit}{where}."
    elif isinstance(exc, ProviderError) or _from_sdk(exc) or errors.refusal_behind(exc) is not None:
        message = errors.describe(exc, mid_stream, secrets)
        message += f" It came from line {frame.lineno} of the editor: {short(frame.line or '')}." if frame else ""
    else:
        first = next((line.strip() for line in str(exc).splitlines() if line.strip()), "")
        said = short(scrub(first, secrets)) if first else ""
        message = f"Your code raised {type(exc).__name__}{': ' + said if said else ''}{where}."
    if mid_stream and "partial text" not in message:
        message += " " + errors.INCOMPLETE
    return scrub(message, secrets)
