"""Lesson 6: parallel tool calls streamed as argument fragments, run locally, then a streamed answer."""

import ast
import json
import re

from streamlab.engine import lessons

STEM = "06_tool_calls"
FRAGMENT = re.compile(r"\[(\d+)\] (\w+) \+= (.*)")
RESULT = re.compile(r"get_weather\((.*)\) → (.*)")


def fragments_by_index(run):
    calls = {}
    for line in run.text("tool calls").splitlines():
        if match := FRAGMENT.fullmatch(line):
            index, name, piece = int(match[1]), match[2], ast.literal_eval(match[3])  # the pane shows repr()
            calls.setdefault(index, {"name": name, "pieces": []})["pieces"].append(piece)
    return calls


def is_json(text):
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def test_parallel_calls_arrive_as_fragments_that_join_to_json_arguments(run_snippet):
    calls = fragments_by_index(run_snippet(STEM))
    assert sorted(calls) == [0, 1]
    assert {c["name"] for c in calls.values()} == {"get_weather"}
    assert [json.loads("".join(calls[i]["pieces"])) for i in (0, 1)] == [{"city": "Paris"}, {"city": "Tokyo"}]
    for call in calls.values():
        assert len([p for p in call["pieces"] if p]) > 2  # arguments come in several pieces, not one
        assert not is_json("".join(call["pieces"][:-1]))  # and are not valid JSON until the last one


def test_each_call_runs_the_local_tool_after_the_stream_ends(run_snippet):
    run = run_snippet(STEM)
    get_weather = lessons.load(STEM).module.get_weather
    lines = run.text("tool calls").splitlines()
    results = [RESULT.fullmatch(line) for line in lines if RESULT.fullmatch(line)]
    assert [json.loads(m[1]) for m in results] == [{"city": "Paris"}, {"city": "Tokyo"}]
    assert [json.loads(m[2]) for m in results] == [get_weather("Paris"), get_weather("Tokyo")]
    first_result = next(i for i, line in enumerate(lines) if RESULT.fullmatch(line))
    assert all(FRAGMENT.fullmatch(line) for line in lines[:first_result])  # every fragment is in before any run


def test_answer_streams_after_the_tools_and_uses_their_results(run_snippet):
    run = run_snippet(STEM)
    get_weather = lessons.load(STEM).module.get_weather
    last_tool_line = max(i for i, item in enumerate(run.items) if isinstance(item, tuple))
    first_text = next(i for i, item in enumerate(run.items) if isinstance(item, str))
    assert first_text > last_tool_line  # nothing reaches the main pane before the tools have run
    assert len(run.pieces()) > 10
    for city in ("Paris", "Tokyo"):
        weather = get_weather(city)
        assert f"in {city} it is {weather['temperature_c']}°C and {weather['sky']}" in run.text()


def test_a_prompt_that_needs_no_tool_streams_a_plain_answer(run_snippet):
    run = run_snippet(STEM, prompt="Say hello in five words")
    assert run.text() == "Hello there, how are you?"
    assert run.text("tool calls") == ""


def test_a_chinese_prompt_shows_its_city_and_results_unescaped_and_gets_a_chinese_answer(run_snippet):
    run = run_snippet(STEM, prompt="北京天气怎么样？")
    panes = run.text("tool calls")
    assert "\\u" not in panes
    (call,) = [m for m in map(RESULT.fullmatch, panes.splitlines()) if m]
    assert call[1] == '{"city": "北京"}' and call[2].startswith('{"city": "北京", ')
    weather = lessons.load(STEM).module.get_weather("北京")
    assert f"北京现在{'晴' if weather['sky'] == 'sunny' else '多云'}，气温 {weather['temperature_c']}°C" in run.text()
