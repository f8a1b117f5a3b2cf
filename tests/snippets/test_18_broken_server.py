"""Lesson 18: two server-side bugs run broken, then fixed. A sync client in `async def` makes a second request
wait for the first; `wait_for` around the request leaves a stalled stream waiting, a deadline per chunk ends it."""

import re

import openai
import pytest

STEM = "18_broken_server"
TIMING = re.compile(r"\n\nrequest A streamed from [\d.]+ s to [\d.]+ s; request B, due when A's first byte went "
                    r"out, waited [\d.]+ s for its own first byte: (after A had finished|while A was still streaming)"
                    r"\n\Z")


@pytest.fixture
def answer(mock_answer):
    from streamlab.engine import lessons

    return mock_answer(lessons.load(STEM).prompt)


def test_a_sync_client_in_async_def_makes_the_second_request_wait_for_the_first(run_snippet, answer):
    run = run_snippet(STEM, mock_fault="split", bug="sync_in_async")
    broken, fixed = TIMING.search(run.text("broken")), TIMING.search(run.text("fixed"))
    assert broken[1] == "after A had finished" and fixed[1] == "while A was still streaming"
    assert run.text("broken")[:broken.start()] == run.text("fixed")[:fixed.start()] == answer


def test_wait_for_guards_the_request_but_only_a_deadline_per_chunk_ends_a_stall(run_snippet):
    run = run_snippet(STEM, bug="wait_for_stall", read_timeout_s=0.3, give_up_after_s=3.0)
    broken = re.fullmatch(r"\n✗ still waiting ([\d.]+) s into the stream: this demo's cap stopped it, a server "
                          r"would wait for ever\n", run.text("broken"))
    fixed = re.fullmatch(r"\n✓ no chunk for 0.3 s: gave up ([\d.]+) s into the stream, the text so far kept\n",
                         run.text("fixed"))
    assert broken and fixed and float(broken[1]) > float(fixed[1]) >= 0.3


def test_with_no_stall_both_stall_guards_stream_the_answer(run_snippet, answer):
    run = run_snippet(STEM, mock_fault="split", bug="wait_for_stall")  # a fault chosen in the panel wins
    assert run.text("broken") == run.text("fixed") == answer


@pytest.mark.parametrize("bug", ["sync_in_async", "wait_for_stall"])
def test_a_provider_failure_is_shown_in_the_broken_pane_and_ends_the_run_with_the_error(run_snippet, bug):
    run = run_snippet(STEM, mock_fault="server_error", bug=bug, raises=True)
    assert isinstance(run.error, openai.InternalServerError)
    assert run.text("broken").startswith("\n✗ InternalServerError: ") and run.text("fixed") == ""


def test_a_request_that_times_out_before_the_stream_opens_is_an_error_not_a_stall(run_snippet):
    run = run_snippet(STEM, bug="wait_for_stall", give_up_after_s=0.001, raises=True)  # below the tab's range
    assert isinstance(run.error, TimeoutError) and run.text("broken") == run.text("fixed") == ""
