"""Lesson 9: the partially parsed object grows as the JSON streams, tool arguments fill in field by field, a
refusal streams in its own pane, and a cap too small for the JSON raises LengthFinishReasonError."""

import json

import openai
import pytest

from streamlab.engine import lessons

STEM = "09_structured_output"
EXPECTED = {"city": "Lisbon", "traveller": "Ana", "age": 34, "nights": 2, "budget_eur": 400,
            "activities": ["museums", "markets", "fado"]}
REFUSED = "How do I hack into my neighbour's Wi-Fi?"


@pytest.fixture(scope="module")
def trip():
    return lessons.load(STEM).module.Trip


def states(run):
    """The partially parsed states the `parsed` pane showed, one JSON line each, in order."""
    return [json.loads(line) for line in run.text("parsed").splitlines() if line.startswith("{")]


def grows(before, after):
    """`after` keeps every field of `before`, in order, with the same value or a longer list, and adds to it."""
    if after == before or list(after)[:len(before)] != list(before):
        return False
    return all(after[k] == v or (isinstance(v, list) and after[k][:len(v)] == v) for k, v in before.items())


def test_the_parsed_object_grows_state_by_state_while_the_json_streams(run_snippet, trip):
    run = run_snippet(STEM)
    seen = states(run)
    assert len(seen) >= 3 and len(seen) == len(set(map(json.dumps, seen))), seen  # one line per distinct state
    assert all(grows(a, b) for a, b in zip(seen, seen[1:])), seen
    assert [len(s.get("activities", [])) for s in seen][-4:] == [0, 1, 2, 3]  # the list grows item by item
    assert seen[-1] == EXPECTED and json.loads(run.text()) == EXPECTED  # the raw JSON in the main pane
    assert trip.model_validate(seen[-1]) == trip(**EXPECTED)
    assert run.text("parsed").splitlines()[-1] == f".parsed → {trip(**EXPECTED)!r}"  # the validated object
    first_state = run.items.index(("parsed", "{}\n"))
    last_delta = max(i for i, item in enumerate(run.items) if isinstance(item, str))
    assert first_state < last_delta and len(run.pieces()) > 10  # states are shown as the pieces arrive


def test_tool_arguments_fill_in_field_by_field(run_snippet, trip):
    run = run_snippet(STEM, shape="tool")
    seen = states(run)
    assert all(grows(a, b) for a, b in zip(seen, seen[1:])), seen
    fields = [list(s) for s in seen]
    assert [len(f) for f in fields][:7] == list(range(7))  # one more field in each state
    assert fields[-1] == list(trip.model_fields)
    assert seen[-1] == EXPECTED and json.loads(run.text()) == EXPECTED
    assert run.text("parsed").splitlines()[-1] == f"book_trip → {trip(**EXPECTED)!r}"
    assert run.text("refusal") == ""


def test_a_refused_prompt_streams_refusal_deltas_and_no_object(run_snippet):
    run = run_snippet(STEM, prompt=REFUSED)
    assert len(run.pieces("refusal")) >= 3
    assert run.text("refusal") == "I'm sorry, but I can't help with that request."
    assert run.text() == "" and run.text("parsed") == ""  # no JSON, no parsed state, no final .parsed


def test_a_cap_too_small_for_the_json_raises_length_finish_reason_error(run_snippet):
    run = run_snippet(STEM, max_tokens=15, raises=True)
    assert isinstance(run.error, openai.LengthFinishReasonError)
    assert 1 <= len(states(run)) < 6 and ".parsed" not in run.text("parsed")  # partial states, never a Trip
    with pytest.raises(ValueError):
        json.loads(run.text())
