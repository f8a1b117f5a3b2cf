import re

from streamlab.engine.metrics import Metrics


def test_summary_counts_chunks_chars_and_time_to_first_token():
    m = Metrics(started=10.0)
    m.record("output", "", now=10.1)  # an empty piece shows nothing: not the first token, and no chunk
    m.record("output", "Hello", now=10.3)
    m.record("output", " world", now=10.5)
    s = m.summary(now=11.0)
    assert s["ttft_ms"] == 300
    assert (s["chunks"], s["chars"], s["elapsed_s"]) == (2, 11, 1.0)
    assert s["chunks_per_s"] == 5.0
    assert s["median_gap_ms"] == 200.0


def test_markdown_shows_usage_once_known():
    m = Metrics(started=0.0)
    m.record("output", "x", now=0.1)
    assert "tokens" not in m.markdown(now=1.0)
    m.usage = {"prompt_tokens": 12, "completion_tokens": 40, "total_tokens": 52}
    assert "12 / 40" in m.markdown(now=1.0)
    m.usage = {"input_tokens": 7, "output_tokens": 9}
    assert "7 / 9" in m.markdown(now=1.0)


def test_chart_has_one_tick_per_chunk_on_its_pane_row():
    m = Metrics(started=0.0)
    for i in range(4):
        m.record("streaming", "x", now=0.1 * (i + 1))
    m.record("blocking", "all of it", now=0.5)
    svg = m.chart_svg(("streaming", "blocking"))
    rows = dict(re.findall(r'<path class="ticks" d="([^"]*)" stroke="(#[0-9a-f]{6})"', svg))
    assert svg.startswith("<svg") and [d.count("M") for d in rows] == [4, 1]  # one path a row, one move a tick
    assert list(rows.values()) == ["#2563eb", "#16a34a"]
    assert ">streaming<" in svg and ">blocking<" in svg


def test_no_chart_before_any_chunk():
    assert Metrics().chart_svg(("output",)) == ""


def test_side_panes_are_charted_but_do_not_count_as_the_answer():
    m = Metrics(measured=("output",), started=0.0)
    m.record("log", "attempt 1: sending", now=0.05)
    m.record("output", "Hi", now=0.4)
    s = m.summary(now=1.0)
    assert (s["ttft_ms"], s["chunks"], s["chars"]) == (400, 1, 2)
    assert len(m.arrivals) == 2


def test_elapsed_stops_at_the_end_of_the_run():
    m = Metrics(started=100.0)
    m.record("output", "Hi", now=100.5)
    assert m.summary(now=101.0)["elapsed_s"] == 1.0  # still running: elapsed grows
    m.finish(now=102.0)
    assert m.summary(now=160.0)["elapsed_s"] == 2.0  # read a minute later: the run's own length


def test_a_thinking_pane_is_timed_beside_the_answer():
    m = Metrics(measured=("answer", "thinking"), started=0.0)
    m.record("thinking", "", now=0.1)  # an empty piece is no chunk, and not the first thinking
    m.record("thinking", "Let me", now=0.3)
    m.record("thinking", " check.", now=0.4)
    m.record("answer", "It", now=2.0)
    s = m.summary(now=3.0)
    assert s["first_thinking_ms"] == 300 and s["panes"]["answer"]["ttft_ms"] == 2000
    assert (s["panes"]["answer"]["chunks"], s["panes"]["answer"]["chars"]) == (1, 2)
    table = m.markdown(now=3.0)
    assert "| answer | 2000 ms | 1 | 2 | — |" in table and "| thinking | 300 ms | 2 | 13 | 10.0 |" in table


def test_a_thinking_pane_is_noticed_even_when_not_measured():
    m = Metrics(measured=("answer",), started=0.0)
    m.record("thinking", "Hmm", now=0.5)
    assert m.first_thinking_at == 0.5 and m.first_at is None and "thinking" not in m.markdown(now=1.0)


def test_reasoning_tokens_are_shown_as_part_of_the_tokens_out():
    m = Metrics(started=0.0)
    m.usage = {"prompt_tokens": 12, "completion_tokens": 140}
    assert "reasoning" not in m.markdown(now=1.0)
    m.usage |= {"reasoning_tokens": 100}
    assert m.markdown(now=1.0).endswith("tokens in / out **12 / 140** · of which reasoning **100**")


def test_each_measured_pane_has_its_own_named_row():
    m = Metrics(measured=("answer 1", "answer 2"), started=0.0)
    m.record("answer 1", "Nile", now=0.2)
    m.record("answer 2", "Everest", now=0.6)
    m.record("answer 1", ", Amazon", now=0.4)
    m.record("timing", "answer 1: done", now=0.7)
    panes = m.summary(now=1.0)["panes"]
    assert panes["answer 1"] == {"ttft_ms": 200, "chunks": 2, "chars": 12, "chunks_per_s": 5.0,
                                      "median_gap_ms": 200.0}
    assert (panes["answer 2"]["ttft_ms"], panes["answer 2"]["chunks"]) == (600, 1)
    table = m.markdown(now=1.0)
    assert table.splitlines()[0] == "| pane | first token | chunks | characters | chunks/s |"
    assert "| answer 1 | 200 ms | 2 | 12 | 5.0 |" in table and "| answer 2 | 600 ms | 1 | 7 | — |" in table
    assert "timing" not in table and "elapsed **1.0 s**" in table


def test_elapsed_grows_while_waiting_for_the_first_token():
    m = Metrics(started=50.0)
    assert "elapsed **0.0 s**" in m.markdown(now=50.0)
    assert "elapsed **3.5 s**" in m.markdown(now=53.5)  # a stall: no chunk yet, the clock still runs
    assert "| output | — | 0 | 0 | — |" in m.markdown(now=53.5)
