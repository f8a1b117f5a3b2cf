"""Lesson 19: a sync client in `async def` makes a second request wait for the first, broken; fixed, it does not."""

import re

import openai
import pytest

STEM = "19_broken_server"
TIMING = re.compile(r"\n\nrequest A streamed from [\d.]+ s to [\d.]+ s; request B, due when A's first byte went "
                    r"out, waited [\d.]+ s for its own first byte: (after A had finished|while A was still streaming)"
                    r"\n\Z")


@pytest.fixture
def answer(mock_answer):
    from streamlab.engine import lessons

    return mock_answer(lessons.load(STEM).prompt)


def test_a_sync_client_in_async_def_makes_the_second_request_wait_for_the_first(run_snippet, answer):
    run = run_snippet(STEM, mock_fault="split")
    broken, fixed = TIMING.search(run.text("broken")), TIMING.search(run.text("fixed"))
    assert broken[1] == "after A had finished" and fixed[1] == "while A was still streaming"
    assert run.text("broken")[:broken.start()] == run.text("fixed")[:fixed.start()] == answer


def test_a_provider_failure_is_shown_in_the_broken_pane_and_ends_the_run_with_the_error(run_snippet):
    run = run_snippet(STEM, mock_fault="server_error", raises=True)
    assert isinstance(run.error, openai.InternalServerError)
    assert run.text("broken").startswith("\n✗ InternalServerError: ") and run.text("fixed") == ""
