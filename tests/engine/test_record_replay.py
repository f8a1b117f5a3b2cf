"""Record runs on a real provider, then replay them offline with the recorded source stopped. The mock stands in
for the real provider, reached by base URL as a learner's OpenAI-compatible endpoint (and Anthropic's, configured
by ANTHROPIC_BASE_URL), at its realistic pace. Replayed by the app's mock in its own process: the wire byte for
byte, no read before its recorded time, the same text and usage; no key in any cassette."""

import asyncio
import json
import time
from pathlib import Path

import httpx2
import pytest

from streamlab.engine import lessons, runner
from streamlab.hosting import providers, recorder
from streamlab.hosting.mode import Hosting
from streamlab.mock.server import start_in_thread
from streamlab.mock.wire import cassette
from streamlab.web.mock_process import MockProcess

KEY = "sk-recording-test-0123456789abcdef"
RECORDED = {"01_basic": "compatible", "06_tool_calls": "compatible", "10_anthropic": "anthropic",
            "12_responses": "compatible", "08_reasoning": "compatible"}
TOLERANCE_S = 0.02


def final(stem: str, settings: providers.Settings, hosting: Hosting | None = None, prompt: str | None = None):
    lesson = lessons.load(stem)

    async def whole():
        frames = [frame async for frame in runner.run(lesson, settings, prompt or lesson.prompt,
                                                      hosting=hosting or Hosting())]
        return frames[-1]
    return asyncio.run(whole())


def on_stand_in(provider: str, url: str, **fields) -> providers.Settings:
    base = f"{url}/openai/v1" if provider == "compatible" else ""
    return providers.Settings(provider=provider, api_key=KEY, base_url=base, **fields)


@pytest.fixture(scope="module")
def recorded(tmp_path_factory):
    """{stem: the recorded run's last frame}, and the folder of cassettes; the stand-in is stopped after."""
    folder = tmp_path_factory.mktemp("cassettes")
    patch = pytest.MonkeyPatch()
    with start_in_thread() as stand_in:
        patch.setenv("STREAMLAB_RECORD", str(folder))
        patch.setenv("ANTHROPIC_BASE_URL", f"{stand_in.url}/anthropic")
        try:
            frames = {stem: final(stem, on_stand_in(provider, stand_in.url)) for stem, provider in RECORDED.items()}
        finally:
            patch.undo()
    return folder, frames


@pytest.fixture(scope="module")
def replaying(recorded):
    """The app's mock in its own process, serving the recorded folder (STREAMLAB_CASSETTES, read at its start)."""
    folder, _ = recorded
    patch = pytest.MonkeyPatch()
    patch.setenv("STREAMLAB_CASSETTES", str(folder))
    mock = MockProcess()
    try:
        mock.start()
    finally:
        patch.undo()
    yield mock
    mock.stop()


def cassettes(folder: Path) -> dict[str, list[cassette.Exchange]]:
    return {path.name: cassette.loads(path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.jsonl"))}


def test_each_recorded_run_is_one_cassette_of_its_lesson(recorded):
    folder, frames = recorded
    assert all(frame.status == "done" for frame in frames.values()), {s: f.message for s, f in frames.items()}
    found = cassettes(folder)
    assert sorted(name.split("-")[0] for name in found) == sorted(RECORDED)
    tool_calls = next(exchanges for name, exchanges in found.items() if name.startswith("06_tool_calls"))
    assert len(tool_calls) == 2, "lesson 6 asks twice: for the tool calls, then with their results"
    assert all(len(ex.reads) > 3 for exchanges in found.values() for ex in exchanges), "each read kept apart"


def test_no_key_authorization_or_cookie_is_written(recorded):
    folder, _ = recorded
    for path in folder.glob("*.jsonl"):
        text = path.read_text(encoding="utf-8")
        assert KEY not in text and KEY[:12] not in text, path.name
        for word in ("authorization", "x-api-key", "bearer", "cookie", "api_key"):
            assert word not in text.lower(), f"{word} in {path.name}"
        headers = [json.loads(line)["request"]["headers"] for line in text.splitlines() if '"request"' in line]
        assert headers and all(set(h) <= set(cassette.REQUEST_HEADERS) for h in headers)


def replay_once(url: str, exchange: cassette.Exchange) -> list[tuple[float, bytes]]:
    reads = []
    headers = {**exchange.request_headers, "X-Mock-Replay": "1"}
    with httpx2.Client(timeout=30) as client:
        start = time.perf_counter()
        with client.stream(exchange.method, f"{url}{exchange.path}", content=json.dumps(exchange.body),
                           headers=headers) as response:
            assert response.headers["x-mock-replay"] == "hit"
            for data in response.iter_raw():
                reads.append((time.perf_counter() - start, data))
    return reads


def lateness(recorded_reads: list[tuple[float, bytes]], replayed: list[tuple[float, bytes]]) -> list[float]:
    """For each recorded read: when the replay had delivered every byte up to its end, less when it was recorded."""
    arrived, total = [], 0
    for at, data in replayed:
        total += len(data)
        arrived.append((total, at))
    late, end = [], 0
    for at, data in recorded_reads:
        end += len(data)
        late.append(next(when for total, when in arrived if total >= end) - at)
    return late


def test_the_replayed_wire_is_byte_identical_and_keeps_each_reads_time(recorded, replaying):
    """Bytes: identical. Time: no read comes early, and the stream takes its recorded time; how close each read
    lands to its recorded time on a quiet machine is bench/bench_replay.py's to measure (within 20 ms there)."""
    folder, _ = recorded
    for name, exchanges in cassettes(folder).items():
        for exchange in exchanges:
            replayed = replay_once(replaying.url, exchange)
            assert b"".join(data for _, data in replayed) == b"".join(data for _, data in exchange.reads), name
            late = lateness(exchange.reads, replayed)
            assert min(late) >= -TOLERANCE_S, f"{name}: a read came {-min(late):.3f} s before its recorded time"
            assert replayed[-1][0] >= exchange.reads[-1][0] - TOLERANCE_S, f"{name}: replayed faster than recorded"


def test_a_lesson_run_on_recorded_streams_what_was_recorded(recorded, replaying):
    _, frames = recorded
    for stem in RECORDED:
        replayed = final(stem, providers.Settings(provider="recorded", mock_url=replaying.url))
        assert replayed.status == "done" and replayed.message == runner.REPLAYED, (stem, replayed.message)
        assert replayed.panes == frames[stem].panes, stem
        assert replayed.metrics.usage == frames[stem].metrics.usage, stem


def test_a_run_with_no_recording_is_answered_by_the_mock_and_says_so(replaying):
    replayed = final("01_basic", providers.Settings(provider="recorded", mock_url=replaying.url, replay_speed=0),
                     prompt="Say this is a test")
    assert replayed.status == "done" and replayed.panes["output"] == "This is a test."
    assert replayed.message == runner.NOT_RECORDED


def test_the_learners_switch_records_locally_and_never_on_a_public_server(tmp_path, monkeypatch):
    monkeypatch.setenv("STREAMLAB_CASSETTES", str(tmp_path))
    monkeypatch.delenv("STREAMLAB_RECORD", raising=False)
    with start_in_thread() as stand_in:
        assert final("01_basic", on_stand_in("compatible", stand_in.url)).status == "done"
        assert list(tmp_path.glob("*.jsonl")) == [], "off unless asked"
        assert final("01_basic", on_stand_in("compatible", stand_in.url, record=True)).status == "done"
        assert [p.name.split("-")[0] for p in tmp_path.glob("*.jsonl")] == ["01_basic"]
    for public in (Hosting(public=True),):
        assert recorder.folder_for("compatible", True, public) == ""
        monkeypatch.setenv("STREAMLAB_RECORD", str(tmp_path))
        assert recorder.folder_for("compatible", False, public) == "", "not even with the operator's folder"
    assert recorder.folder_for("mock", True, Hosting()) == recorder.folder_for("recorded", True, Hosting()) == ""


def test_the_relay_asks_for_the_bytes_as_they_are_so_the_client_and_the_cassette_read_the_same(tmp_path):
    """A provider that compresses whenever it may: the relay asks it for `identity`, so what the client reads and
    what the cassette keeps are the plain bytes, whatever the HTTP client would have accepted."""
    import gzip

    from starlette.applications import Starlette
    from starlette.responses import Response
    from starlette.routing import Route

    async def chat(request):
        body = b'{"answer": "plain"}'
        if "gzip" in request.headers.get("accept-encoding", ""):
            return Response(gzip.compress(body), media_type="application/json", headers={"content-encoding": "gzip"})
        return Response(body, media_type="application/json")

    with start_in_thread(app=Starlette(routes=[Route("/v1/chat/completions", chat, methods=["POST"])])) as provider:
        relay = recorder.Relay(f"{provider.url}/v1", recorder.Recording(str(tmp_path), "relay", [KEY]), True)
        try:
            with httpx2.Client() as client:  # asks for gzip, as every HTTP client does by default
                answer = client.post(f"{relay.url}/chat/completions", json={"prompt": "x"})
        finally:
            relay.close()
    assert answer.json() == {"answer": "plain"}
    (kept,) = cassettes(tmp_path).values()
    assert b"".join(data for _, data in kept[0].reads) == b'{"answer": "plain"}'
