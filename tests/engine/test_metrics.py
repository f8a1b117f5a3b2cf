from streamlab.metrics import Metrics


def test_summary_counts_chunks_chars_and_time_to_first_token():
    m = Metrics(started=10.0)
    m.record("output", "", now=10.1)  # an empty role chunk is not the first token
    m.record("output", "Hello", now=10.3)
    m.record("output", " world", now=10.5)
    s = m.summary(now=11.0)
    assert s["ttft_ms"] == 300
    assert (s["chunks"], s["chars"], s["elapsed_s"]) == (3, 11, 1.0)
    assert s["chunks_per_s"] == 10.0
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
    assert svg.startswith("<svg") and svg.count('stroke="#2563eb"') == 4 and svg.count('stroke="#16a34a"') == 1
    assert ">streaming<" in svg and ">blocking<" in svg


def test_no_chart_before_any_chunk():
    assert Metrics().chart_svg(("output",)) == ""


def test_side_panes_are_charted_but_do_not_count_as_the_answer():
    m = Metrics(main_pane="output", started=0.0)
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
    m = Metrics(main_pane="answer", started=0.0)
    assert "thinking" not in m.markdown(now=0.1)
    m.record("thinking", "", now=0.1)  # an empty piece is not the first thinking
    m.record("thinking", "Let me", now=0.3)
    m.record("thinking", " check.", now=0.4)
    m.record("answer", "It", now=2.0)
    s = m.summary(now=3.0)
    assert (s["first_thinking_ms"], s["ttft_ms"], s["chunks"], s["chars"]) == (300, 2000, 1, 2)
    head, _, body = m.markdown(now=3.0).splitlines()
    assert head.startswith("| first thinking | first token |") and body.startswith("| 300 ms | 2000 ms |")


def test_reasoning_tokens_are_shown_as_part_of_the_tokens_out():
    m = Metrics(started=0.0)
    m.usage = {"prompt_tokens": 12, "completion_tokens": 140}
    assert "reasoning" not in m.markdown(now=1.0)
    m.usage |= {"reasoning_tokens": 100}
    head, _, body = m.markdown(now=1.0).splitlines()
    assert head.endswith("| tokens in / out | of which reasoning |") and body.endswith("| 12 / 140 | 100 |")
