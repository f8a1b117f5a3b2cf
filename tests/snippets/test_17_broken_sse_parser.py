"""Lesson 17: each bug of a hand-written SSE parser runs broken, then fixed. Under the mock's `split` fault (every
SSE frame cut into writes mid-line and mid-character) the broken parser fails the way the prose says, and the
fixed one yields the mock's exact answer."""

import re

import openai
import pytest

STEM = "17_broken_sse_parser"
LOST = re.compile(r"\n✗ (\d+) characters lost, with no error\n\Z")


@pytest.fixture
def answer(mock_answer):
    from streamlab.engine import lessons

    return mock_answer(lessons.load(STEM).prompt)


def split_run(run_snippet, bug, **options):
    return run_snippet(STEM, mock_fault="split", bug=bug, **options)


def test_a_parser_that_splits_each_read_on_newlines_loses_words_silently(run_snippet, answer):
    run = split_run(run_snippet, "sse_lines")
    assert run.text("fixed") == answer
    broken = run.text("broken")
    lost = LOST.search(broken)
    assert lost and "✗ " not in broken[:lost.start()], "no exception: the words are just gone"
    kept = broken[:lost.start()]
    assert len(kept) < len(answer) and int(lost[1]) == len(answer) - len(kept)
    rest = iter(answer)
    assert all(ch in rest for ch in kept), "what is left is the answer with holes, in order"


def test_decoding_each_read_on_its_own_raises_on_a_character_cut_in_two(run_snippet, answer):
    run = split_run(run_snippet, "sse_decode")
    assert run.text("fixed") == answer
    kept, _, error = run.text("broken").partition("\n✗ ")
    assert answer.startswith(kept) and len(kept) < len(answer)
    assert re.fullmatch(r"UnicodeDecodeError: 'utf-8' codec can't decode byte 0x[0-9a-f]{2} in position \d+: "
                        r"unexpected end of data\n", error)


def test_the_whole_answer_arrives_then_json_loads_raises_on_done(run_snippet, answer):
    run = split_run(run_snippet, "json_done")
    assert run.text("fixed") == answer
    assert run.text("broken") == f"{answer}\n✗ JSONDecodeError: Expecting value: line 1 column 2 (char 1)\n"


@pytest.mark.parametrize("bug", ["sse_lines", "sse_decode"])
def test_on_a_fast_local_connection_the_broken_parsers_pass(run_snippet, answer, bug):
    run = run_snippet(STEM, bug=bug, network="whole")
    assert run.text("broken") == run.text("fixed") == answer


def test_a_provider_failure_is_shown_in_the_broken_pane_and_ends_the_run_with_the_error(run_snippet):
    run = run_snippet(STEM, mock_fault="server_error", raises=True)
    assert isinstance(run.error, openai.InternalServerError)
    assert run.text("broken").startswith("\n✗ InternalServerError: ") and run.text("fixed") == ""


def test_an_error_event_in_the_stream_ends_the_run_with_its_message(run_snippet):
    run = run_snippet(STEM, mock_fault="error_event", raises=True)
    assert isinstance(run.error, RuntimeError) and str(run.error).startswith("The stream carried an error event: ")
    assert run.text("fixed") == ""
