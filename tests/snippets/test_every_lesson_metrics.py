"""Every lesson's metrics measure what its panes show: for each measured pane, the chunk figure is the number
of pieces that pane received and the character figure is the length of its text; where a lesson's own pane
states a count (lesson 3's chunks with text, lesson 13's UI updates, lesson 14's chunks of the attempt, lesson
12's stream_chunk events), the figure is that count."""

import asyncio
import re

import pytest

from streamlab.engine import lessons, runner
from streamlab.hosting import providers

LESSONS = [lesson for lesson in lessons.discover() if not lesson.error]


def stated(stem: str, panes: dict) -> dict[str, int]:
    """The counts a lesson's own panes state, by the pane they count."""
    found = {
        "03_usage": lambda: {"output": re.search(r"(\d+) with text", panes.get("chunks", ""))},
        "13_buffering": lambda: {"output": re.search(r"→ (\d+) UI updates", panes.get("stats", ""))},
        "14_resilience": lambda: {"output": re.search(r"complete after (\d+) chunks", panes.get("attempts", ""))},
        "16_web_integration": lambda: {"output": len(re.findall(r"^event: stream_chunk$", panes.get("wire", ""),
                                                                 re.M))},
    }.get(stem, dict)()
    return {pane: int(m[1]) if isinstance(m, re.Match) else m for pane, m in found.items()}


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.stem)
def test_chunk_and_character_figures_are_the_panes_own(mock_url, run_snippet, lesson):
    settings = providers.Settings(mock_url=mock_url, ttft_ms=0, token_ms=0, jitter_ms=0)

    async def last_frame():
        async for frame in runner.run(lesson, settings, lesson.prompt, {}, session=f"figures-{lesson.stem}"):
            pass
        return frame
    frame = asyncio.run(last_frame())
    assert frame.status == "done", frame.message
    figures = frame.metrics.summary()["panes"]
    assert list(figures) == list(lesson.measured)
    pieces = run_snippet(lesson.stem)  # the same run, straight from the snippet: what each pane was given
    for pane in lesson.measured:
        noted = sum(len(t) for t in pieces.pieces(pane)) - sum(len(t) for t in pieces.pieces(pane, notes=False))
        assert figures[pane]["chars"] == len(frame.panes[pane]) - noted, pane  # a note is shown, never measured
        given = pieces.pieces(pane, notes=False)
        if pane == lesson.panes[0] and pane != "output":  # a bare str goes to the first pane, whatever its name
            given += [item for item in pieces.items if isinstance(item, str)]
        assert figures[pane]["chunks"] == len([p for p in given if p]), pane
    for pane, count in stated(lesson.stem, frame.panes).items():
        assert figures[pane]["chunks"] == count, f"{pane}: the figure says {figures[pane]['chunks']}, the pane {count}"
    if lesson.stem in ("03_usage", "13_buffering", "14_resilience", "16_web_integration"):
        assert stated(lesson.stem, frame.panes), "the pane's own count was found"
    table = frame.metrics.markdown()
    assert all(f"| {pane} |" in table for pane in lesson.measured), "the metrics name the panes they measure"
