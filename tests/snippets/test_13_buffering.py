"""Lesson 13: deltas buffered by size or by time interval; one yield per UI update, counted in a stats pane."""

import re

import pytest

from streamlab.engine import lessons

STEM = "13_buffering"
STATS = re.compile(r"(\d+) raw chunks → (\d+) UI updates \((\w+) buffering\)")


def stats_of(run):
    match = STATS.fullmatch(run.text("stats").strip())
    assert match, run.text("stats")
    return int(match[1]), int(match[2]), match[3]


@pytest.mark.parametrize("buffer", ["none", "size", "time"])
def test_every_mode_shows_the_same_complete_text(run_snippet, buffer):
    run = run_snippet(STEM, buffer=buffer)
    assert run.text() == run_snippet("01_basic", prompt=lessons.load(STEM).prompt).text()
    assert run.text().startswith("Here are five tips for rendering streamed text smoothly:\n\n1. Append")
    raw, updates, mode = stats_of(run)
    assert mode == buffer and updates == len(run.pieces())


def test_without_buffering_every_chunk_is_an_update(run_snippet):
    run = run_snippet(STEM, buffer="none")
    raw, updates, _ = stats_of(run)
    assert raw == updates > 50
    assert run.pieces() == run_snippet("01_basic", prompt=lessons.load(STEM).prompt).pieces()


def test_size_buffering_sends_the_first_delta_at_once_then_at_least_size_characters(run_snippet):
    deltas = run_snippet(STEM, buffer="none").pieces()
    run = run_snippet(STEM, buffer="size", size=40)
    pieces = run.pieces()
    assert pieces[0] == deltas[0]  # no added delay before the first visible token
    assert all(len(p) >= 40 for p in pieces[1:-1])
    assert 0 < len(pieces[-1])  # the remainder is flushed at the end, whatever its size
    raw, updates, _ = stats_of(run)
    assert raw == len(deltas) and len(deltas) / 10 < updates < len(deltas) / 4


def test_a_bigger_size_means_fewer_updates(run_snippet):
    counts = [stats_of(run_snippet(STEM, buffer="size", size=size))[1] for size in (10, 40, 160)]
    assert counts[0] > counts[1] > counts[2] >= 2


def test_time_buffering_groups_the_chunks_that_arrive_within_each_interval(run_snippet):
    run = run_snippet(STEM, buffer="time", interval_ms=100, pacing_ms=10)  # ~10 chunks per interval
    raw, updates, _ = stats_of(run)
    assert 3 <= updates <= raw // 4
    assert len(run.pieces()) == updates


def test_time_buffering_of_an_instant_stream_is_one_first_piece_and_one_flush(run_snippet):
    run = run_snippet(STEM, buffer="time", interval_ms=10_000)
    assert len(run.pieces()) == 2 and len(run.pieces()[0]) < 20
