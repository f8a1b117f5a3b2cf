"""Lesson 18: each tutorial SDK call runs broken, then fixed. Under the mock's `split` fault the SDK's own parser
copes; the broken call fails the way the prose says, and the fixed one yields the mock's exact answer."""

import openai
import pytest

STEM = "18_broken_sdk_calls"


@pytest.fixture
def answer(mock_answer):
    from streamlab.engine import lessons

    return mock_answer(lessons.load(STEM).prompt)


def test_the_whole_answer_arrives_then_choices_0_raises_on_the_usage_chunk(run_snippet, answer):
    run = run_snippet(STEM, mock_fault="split", bug="choices_0")
    assert run.text("fixed") == answer
    assert run.text("broken") == f"{answer}\n✗ IndexError: list index out of range\n"  # usage: choices == []


def test_the_pre_1_0_api_raises_before_any_request_and_the_1_x_client_streams(run_snippet, answer, mock_stats):
    before = mock_stats()["requests"]
    run = run_snippet(STEM, mock_fault="split", bug="pre_v1_api")
    assert run.text("broken").startswith("\n✗ APIRemovedInV1: You tried to access openai.ChatCompletion, but this "
                                         "is no longer supported in openai>=1.0.0")
    assert run.text("fixed") == answer and mock_stats()["requests"] == before + 1


def test_a_provider_failure_is_shown_in_the_broken_pane_and_ends_the_run_with_the_error(run_snippet):
    run = run_snippet(STEM, mock_fault="server_error", raises=True)
    assert isinstance(run.error, openai.InternalServerError)
    assert run.text("broken").startswith("\n✗ InternalServerError: ") and run.text("fixed") == ""
