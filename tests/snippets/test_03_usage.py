"""Lesson 3: usage arrives in a last chunk with `choices == []`; the snippet shows it and does not crash."""

import json
import re

import pytest

from streamlab.engine import lessons
from streamlab.hosting import providers

STEM = "03_usage"
PROMPT = lessons.load(STEM).prompt


@pytest.fixture
def reference(mock_url):
    """A plain (non-streaming) request to the mock for the lesson's prompt."""
    client = providers.build_client("openai", providers.Settings(mock_url=mock_url, ttft_ms=0, token_ms=0))
    return client.chat.completions.create(model="streamlab-mock", messages=[{"role": "user", "content": PROMPT}])


def test_text_streams_in_pieces_that_join_to_the_non_streamed_answer(run_snippet, reference):
    run = run_snippet(STEM)
    assert len(run.pieces()) > 20 and all(run.pieces())
    assert run.text() == reference.choices[0].message.content
    assert run.text().startswith("A token is the unit a language model reads and writes")


def test_usage_chunk_has_empty_choices(run_snippet):
    lines = run_snippet(STEM).text("chunks").splitlines()
    header = next(i for i, line in enumerate(lines) if line.endswith("has choices == []:"))
    chunk = json.loads(lines[header + 1])
    assert chunk["choices"] == []
    assert chunk["object"] == "chat.completion.chunk"
    assert chunk["usage"]["total_tokens"] > 0


def test_usage_matches_a_non_streamed_request_and_is_yielded_last(run_snippet, reference):
    run = run_snippet(STEM)
    expected = reference.usage
    assert run.usage["prompt_tokens"] == expected.prompt_tokens
    assert run.usage["completion_tokens"] == expected.completion_tokens
    assert run.usage["total_tokens"] == expected.prompt_tokens + expected.completion_tokens
    assert run.items[-1] == ("usage", run.usage)


def test_chunks_pane_shows_finish_then_usage_chunk_then_a_summary_of_the_text(run_snippet):
    run = run_snippet(STEM)
    lines = run.text("chunks").splitlines()
    finish = next(i for i, line in enumerate(lines) if line.endswith("finish_reason='stop'"))
    usage = next(i for i, line in enumerate(lines) if line.endswith("has choices == []:"))
    assert finish < usage
    summary = re.fullmatch(r"(\d+) chunks, (\d+) with text \((\d+) characters\)", lines[-1])
    assert summary, lines[-1]
    assert int(summary[3]) == len(run.text())
    assert int(summary[1]) == int(re.match(r"chunk (\d+)", lines[usage])[1])  # the usage chunk is the last one
    assert int(summary[2]) == len(run.pieces())  # the chunks with text: what the output pane (and metrics) count
    assert int(summary[1]) > int(summary[2])  # role, finish and usage chunks carry no text
