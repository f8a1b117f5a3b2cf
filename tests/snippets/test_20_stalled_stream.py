"""Lesson 20: `wait_for` around the request leaves a stalled stream waiting; a deadline per chunk ends it, with
the text so far kept."""

import re

import openai
import pytest

STEM = "20_stalled_stream"


@pytest.fixture
def answer(mock_answer):
    from streamlab.engine import lessons

    return mock_answer(lessons.load(STEM).prompt)


def test_wait_for_guards_the_request_but_only_a_deadline_per_chunk_ends_a_stall(run_snippet, answer):
    run = run_snippet(STEM, read_timeout_s=0.3, give_up_after_s=3.0)
    broken = re.fullmatch(r"(.+)\n✗ still waiting ([\d.]+) s into the stream: this demo's cap stopped it, a server "
                          r"would wait for ever\n", run.text("broken"), re.S)
    fixed = re.fullmatch(r"(.+)\n✓ no chunk for 0.3 s: gave up ([\d.]+) s into the stream, the text so far kept\n",
                         run.text("fixed"), re.S)
    assert broken and fixed and float(broken[2]) > float(fixed[2]) >= 0.3
    # the text before the silence streams piece by piece, the same in both, and is kept
    assert broken[1] == fixed[1] and answer.startswith(broken[1]) and len(broken[1]) < len(answer)
    shown = {pane: [piece for piece in run.pieces(pane) if piece] for pane in ("broken", "fixed")}
    assert shown["broken"][:-1] == shown["fixed"][:-1] and len(shown["broken"]) == 12 + 1, "12 tokens, then the end"


def test_with_no_stall_both_stall_guards_stream_the_answer(run_snippet, answer):
    run = run_snippet(STEM, mock_fault="split")  # a fault chosen in the panel wins
    assert run.text("broken") == run.text("fixed") == answer


def test_a_provider_failure_is_shown_in_the_broken_pane_and_ends_the_run_with_the_error(run_snippet):
    run = run_snippet(STEM, mock_fault="server_error", raises=True)
    assert isinstance(run.error, openai.InternalServerError)
    assert run.text("broken").startswith("\n✗ InternalServerError: ") and run.text("fixed") == ""


def test_a_request_that_times_out_before_the_stream_opens_is_an_error_not_a_stall(run_snippet):
    run = run_snippet(STEM, give_up_after_s=0.001, raises=True)  # below the tab's range
    assert isinstance(run.error, TimeoutError) and run.text("broken") == run.text("fixed") == ""
