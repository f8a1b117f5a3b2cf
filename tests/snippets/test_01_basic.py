"""Lesson 1: a sync Chat Completions stream, one yielded piece per delta, closed when stopped."""

import pytest
from polling import wait_for

from streamlab.engine import lessons
from streamlab.hosting import providers

STEM = "01_basic"
PROMPT = lessons.load(STEM).prompt


@pytest.fixture
def reference(mock_url):
    """A plain (non-streaming) request to the mock: what the stream must add up to."""
    client = providers.build_client("openai", providers.Settings(mock_url=mock_url, ttft_ms=0, token_ms=0))
    return lambda prompt: client.chat.completions.create(
        model="streamlab-mock", messages=[{"role": "user", "content": prompt}]).choices[0].message.content


def test_pieces_join_to_the_non_streamed_answer(run_snippet, reference):
    run = run_snippet(STEM)
    assert run.text() == reference(PROMPT)
    assert run.text().startswith("Streaming an LLM response means the server sends the answer in small pieces")


def test_answer_arrives_as_many_non_empty_pieces_in_order(run_snippet):
    pieces = run_snippet(STEM).pieces()
    assert len(pieces) > 20
    assert all(isinstance(p, str) and p for p in pieces)  # the role chunk and the finish chunk yield nothing
    assert max(map(len, pieces)) < 20  # each piece is a delta, not the text accumulated so far


def test_the_prompt_argument_is_what_gets_sent(run_snippet):
    assert run_snippet(STEM, prompt="Say hello in five words").text() == "Hello there, how are you?"


def test_closing_the_generator_early_closes_the_upstream_stream(mock_url, mock_stats):
    """What Stop does in the app: close the generator at a yield; the `with` block must hang up."""
    before = mock_stats()
    lesson = lessons.load(STEM)
    settings = providers.Settings(mock_url=mock_url, ttft_ms=0, token_ms=50, jitter_ms=0)
    gen = lesson.start(providers.build_client("openai", settings, max_retries=0), PROMPT, "streamlab-mock", {})
    assert [next(gen), next(gen)]
    gen.close()
    wait_for(lambda: mock_stats()["streams_cancelled"] != before["streams_cancelled"], timeout=5)
    after = mock_stats()
    assert after["streams_cancelled"] == before["streams_cancelled"] + 1
    assert after["streams_completed"] == before["streams_completed"]
    assert after["open_streams"] == before["open_streams"]
