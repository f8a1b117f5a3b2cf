"""Lesson 16: the tab's Run shows the exact SSE frames the browser receives from /api/chat/stream (the wire
pane) and the text the page shows (the output pane); a failure the page is told of is the run's outcome."""

import json
import re

import httpx2
import pytest

from streamlab.engine import lessons
from streamlab.hosting import providers
from streamlab.mock.wire.faults import FAULTS

STEM = "16_web_integration"
FRAME = re.compile(r"event: ([a-z_]+)\ndata: (\{.*\})\n\n\Z", re.DOTALL)


def frames(run) -> list[tuple[str, dict]]:
    """Each yielded piece is one complete SSE frame: `event:` line, `data:` line, blank line."""
    parsed = []
    for piece in run if isinstance(run, list) else run.pieces("wire"):
        match = FRAME.match(piece)
        assert match, f"not one SSE frame: {piece!r}"
        parsed.append((match[1], json.loads(match[2])))
    return parsed


def mock_answer(mock_url, prompt) -> str:
    """The mock's answer asked without streaming: what the stream's chunks must add up to."""
    with httpx2.Client(timeout=30) as http:
        reply = http.post(f"{mock_url}/openai/v1/chat/completions",
                          headers={"Authorization": f"Bearer {providers.MOCK_PLACEHOLDER_KEY}",
                                   "X-Mock-TTFT-Ms": "0", "X-Mock-Token-Ms": "0"},
                          json={"model": providers.DEFAULT_MODELS["mock"],
                                "messages": [{"role": "user", "content": prompt}]})
    return reply.json()["choices"][0]["message"]["content"]


def test_frames_go_start_chunks_end_and_chunks_add_up_to_the_answer(run_snippet, mock_url):
    events = frames(run_snippet(STEM))
    types = [t for t, _ in events]
    assert types[0] == "stream_start" and types[-1] == "stream_end"
    assert set(types[1:-1]) == {"stream_chunk"} and len(types) > 4
    text = "".join(data["chunk"] for t, data in events if t == "stream_chunk")
    assert text == mock_answer(mock_url, lessons.load(STEM).prompt)


def test_chinese_goes_out_as_written_not_escaped(run_snippet, mock_url):
    run = run_snippet(STEM, prompt="你好")
    assert run.text() == mock_answer(mock_url, "你好")
    assert "你好" in run.text("wire") and "\\u" not in run.text("wire")


def test_the_output_pane_holds_the_chunks_text_one_piece_a_chunk_and_no_framing(run_snippet):
    run = run_snippet(STEM)
    chunks = [data["chunk"] for t, data in frames(run) if t == "stream_chunk"]
    assert run.pieces() == chunks and "event:" not in run.text()
    assert not [i for i in run.items if i[0] == "status"]  # stream_end: no outcome declared, the run is done


def test_stream_start_names_message_and_session(run_snippet):
    kind, start = frames(run_snippet(STEM))[0]
    assert kind == "stream_start"
    assert re.fullmatch(r"msg_[0-9a-f]{32}", start["message_id"]) and start["session_id"]


def test_stream_end_reports_stop_and_the_usage_of_the_last_chunk(run_snippet):
    kind, end = frames(run_snippet(STEM))[-1]
    assert kind == "stream_end" and end["finish_reason"] == "stop"
    usage = end["usage"]
    assert set(usage) == {"prompt_tokens", "completion_tokens", "total_tokens"}
    assert usage["completion_tokens"] > 0
    assert usage["total_tokens"] == usage["prompt_tokens"] + usage["completion_tokens"]


@pytest.mark.parametrize("fault, message", [
    ("server_error", "The provider had a server error (500); try again."),
    ("overloaded", "The provider had a server error (503); try again."),
    ("rate_limit", "The provider is rate limiting this server; try again in a moment."),
    ("auth", "The provider rejected the server's API key."),
])
def test_a_refused_request_becomes_one_error_frame_after_stream_start(run_snippet, fault, message):
    run = run_snippet(STEM, fault=fault)
    events = frames(run)
    assert events[1:] == [("error", {"message": message})]
    assert events[0][0] == "stream_start"
    assert run.items[-1] == ("status", f"failed: the page got an error event: {message}") and run.text() == ""


@pytest.mark.parametrize("fault, message", [
    ("disconnect", "The connection to the provider dropped in the middle of the answer."),
    ("error_event", "The provider ended the stream with an error."),
    ("malformed", "The provider sent a chunk that is not valid JSON."),
])
def test_a_mid_stream_fault_keeps_the_chunks_then_sends_one_error_frame(run_snippet, mock_url, fault, message):
    run = run_snippet(STEM, fault=fault)
    events = frames(run)
    types = [t for t, _ in events]
    assert types[0] == "stream_start" and events[-1] == ("error", {"message": message})
    assert run.items[-1] == ("status", f"incomplete: the page got an error event: {message}")
    assert set(types[1:-1]) == {"stream_chunk"} and len(types) > 3
    partial = "".join(data["chunk"] for t, data in events if t == "stream_chunk")
    assert mock_answer(mock_url, lessons.load(STEM).prompt).startswith(partial)


def test_a_fault_set_on_the_client_is_reported_the_same_way(run_snippet):
    events = frames(run_snippet(STEM, mock_fault="rate_limit"))
    assert [t for t, _ in events] == ["stream_start", "error"]
    assert "rate limiting" in events[1][1]["message"]


def test_the_fault_option_offers_every_fault_the_mock_knows():
    (option,) = lessons.load(STEM).options
    assert option.name == "fault" and option.default == "none"
    assert option.choices[0] == "none" and sorted(option.choices[1:]) == sorted(FAULTS)


def test_the_page_offers_the_same_faults_as_the_snippet():
    lesson = lessons.load(STEM)
    page = (lessons.ROOT / lesson.attributes["PAGE"]).read_text(encoding="utf-8")
    select = page[page.index('<select id="fault"'):page.index("</select>")]
    (option,) = lesson.options
    assert re.findall(r'<option value="([a-z_]+)"', select) == list(option.choices)
