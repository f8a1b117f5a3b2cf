"""Exercises on the tutorials' bugs: the learner's fix, run against each case that breaks the tutorials' code.

`lessons/exercises.json` names, for a lesson stem, the exercise's starting code (`exercises/NN_slug.py`, a
snippet of the usual contract), how many rounds each case runs, and its cases: a mock fault and a prompt each.
`check` runs the learner's code for every case and round, each run in a process of its own as any edited run
(streamlab.engine.edited_runs), against the built-in mock; a case passes when every round ended `done` with
exactly the text the mock sent (read by the official SDK from the same mock, without the fault).
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, replace
from pathlib import Path

from streamlab.engine import errors, lessons, runner
from streamlab.engine.edited_runs import EditedRuns
from streamlab.engine.lessons import ROOT, Lesson
from streamlab.hosting import providers

FILE = "exercises.json"
PACE = {"ttft_ms": 20, "token_ms": 2, "jitter_ms": 0}  # checks run at the mock's fast pace, faults as they are


@dataclass(frozen=True)
class Case:
    id: str
    fault: str
    prompt: str
    names: dict  # language → what the case is


@dataclass(frozen=True)
class Exercise:
    stem: str
    lesson: Lesson  # the starting code, as a lesson
    rounds: int
    cases: tuple[Case, ...]
    task: dict  # language → the exercise's instructions


@dataclass(frozen=True)
class Result:
    case: Case
    passed: bool
    why: str = ""  # what went wrong (English; the page translates it)


def load_all(root: Path = ROOT) -> dict[str, Exercise]:
    path = root / "lessons" / FILE
    table = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    found = {}
    for stem, entry in table.items():
        start = Path(entry["start"])
        lesson = lessons.Lesson(stem, root / start, root / start)
        lesson.source = lesson.snippet_path.read_text(encoding="utf-8")
        lessons.describe(lesson)
        cases = tuple(Case(c["id"], c.get("fault", ""), c["prompt"], {k: c[k] for k in ("en", "zh") if k in c})
                      for c in entry["cases"])
        found[stem] = Exercise(stem, lesson, int(entry.get("rounds", 1)), cases, entry.get("task", {}))
    return found


async def answer_sent(settings: providers.Settings, prompt: str) -> str:
    """The whole answer the mock sends for `prompt`, read by the official SDK on a network without faults."""
    client = providers.build_client("async_openai", settings)
    try:
        text = []
        async with await client.chat.completions.create(
                model=settings.resolved_model, messages=[{"role": "user", "content": prompt}], stream=True) as chunks:
            async for chunk in chunks:
                text += [choice.delta.content or "" for choice in chunk.choices]
        return "".join(text)
    finally:
        await client.close()


def _why(frame: runner.Frame, text: str, expected: str) -> str:
    if frame.status != "done":  # the learner sees no partial text here: only why it failed
        return (frame.message.replace(" " + errors.INCOMPLETE, "") or f"The run ended {frame.status}.")
    if text == expected:
        return ""
    if len(text) < len(expected):
        return f"Lost {len(expected) - len(text)} characters of the answer, with no error."
    if len(text) > len(expected):
        return (f"Your code yielded {len(text) - len(expected)} characters more than the answer sent (repeated or "
                "extra text).")
    at = next(i for i, (a, b) in enumerate(zip(text, expected)) if a != b)
    return f"The text differs from the answer sent from character {at + 1} on."


async def _run_case(exercise: Exercise, case: Case, source: str, settings: providers.Settings, edits: EditedRuns,
                    session: str) -> Result:
    settings = replace(settings, fault=case.fault)
    expected = await answer_sent(replace(settings, fault=""), case.prompt)
    for round_ in range(exercise.rounds):
        last = None
        async for frame in runner.run(exercise.lesson, settings, case.prompt, {}, f"{session}:{case.id}:{round_}",
                                      source=source, edits=edits, fresh=True):
            last = frame
        why = _why(last, last.panes.get(lessons.MAIN_PANE, ""), expected)
        if why:
            return Result(case, False, why if exercise.rounds == 1 else f"Round {round_ + 1}: {why}")
    return Result(case, True)


async def check(exercise: Exercise, source: str, mock: providers.MockUrls, edits: EditedRuns | None,
                session: str = "") -> list[Result]:
    """Every case of `exercise` run on `source` (cases at once, rounds one after another)."""
    settings = mock.apply(providers.Settings(provider="mock", **PACE))
    return list(await asyncio.gather(*(_run_case(exercise, case, source, settings, edits, session)
                                       for case in exercise.cases)))
