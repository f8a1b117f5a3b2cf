"""Lesson 16: each tutorial bug runs broken, then fixed. Under the mock's `split` fault (every SSE frame cut
into writes mid-line and mid-character) the broken version fails the way the prose says, and the fixed one
yields the mock's exact answer."""

import re

import openai
import pytest

STEM = "16_broken_vs_fixed"
LOST = re.compile(r"\n✗ (\d+) characters lost, with no error\n\Z")
TIMING = re.compile(r"\n\nrequest A streamed from [\d.]+ s to [\d.]+ s; request B, due when A's first byte went "
                    r"out, waited [\d.]+ s for its own first byte: (after A had finished|while A was still streaming)"
                    r"\n\Z")


@pytest.fixture
def answer(mock_answer):
    from streamlab import lessons

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


@pytest.mark.parametrize("bug, error", [
    ("json_done", "JSONDecodeError: Expecting value: line 1 column 2 (char 1)"),  # json.loads("[DONE]")
    ("choices_0", "IndexError: list index out of range"),  # the usage chunk's choices == []
])
def test_the_whole_answer_arrives_then_the_broken_version_raises_on_the_last_chunk(run_snippet, answer, bug, error):
    run = split_run(run_snippet, bug)
    assert run.text("fixed") == answer
    assert run.text("broken") == f"{answer}\n✗ {error}\n"


def test_the_pre_1_0_api_raises_before_any_request_and_the_1_x_client_streams(run_snippet, answer, mock_stats):
    before = mock_stats()["requests"]
    run = split_run(run_snippet, "pre_v1_api")
    assert run.text("broken").startswith("\n✗ APIRemovedInV1: You tried to access openai.ChatCompletion, but this "
                                         "is no longer supported in openai>=1.0.0")
    assert run.text("fixed") == answer and mock_stats()["requests"] == before + 1


def test_a_sync_client_in_async_def_makes_the_second_request_wait_for_the_first(run_snippet, answer):
    run = split_run(run_snippet, "sync_in_async")
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
    run = split_run(run_snippet, "wait_for_stall")  # a fault chosen in the panel wins over the lesson's stall
    assert run.text("broken") == run.text("fixed") == answer


@pytest.mark.parametrize("bug", ["sse_lines", "sse_decode"])
def test_on_a_fast_local_connection_the_broken_parsers_pass(run_snippet, answer, bug):
    run = run_snippet(STEM, bug=bug, network="whole")
    assert run.text("broken") == run.text("fixed") == answer


def test_a_provider_failure_is_shown_in_the_broken_pane_and_ends_the_run_with_the_error(run_snippet):
    run = run_snippet(STEM, mock_fault="server_error", raises=True)
    assert isinstance(run.error, openai.InternalServerError)
    assert run.text("broken").startswith("\n✗ InternalServerError: ") and run.text("fixed") == ""


def test_a_request_that_times_out_before_the_stream_opens_is_an_error_not_a_stall(run_snippet):
    run = run_snippet(STEM, bug="wait_for_stall", give_up_after_s=0.001, raises=True)  # below the tab's range
    assert isinstance(run.error, TimeoutError) and run.text("broken") == run.text("fixed") == ""
