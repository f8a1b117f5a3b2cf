"""Check my fix: the tutorials' code fails each case with a reason; the fixed code passes every case, each round."""

import asyncio

import pytest
from exercise_fixes import FIXED_CALL, FIXED_PARSER

from streamlab.engine import exercises
from streamlab.engine.edited_runs import EditedRuns
from streamlab.hosting import providers
from streamlab.hosting.editing import Editing

FOUND = exercises.load_all()

@pytest.fixture(scope="module")
def edits():
    runs = EditedRuns(Editing(enabled=True))
    yield runs
    runs.close()


def check(stem, source, mock_url, edits):
    return asyncio.run(exercises.check(FOUND[stem], source, providers.MockUrls(mock_url, ""), edits, "t"))


def test_the_exercises_are_the_tutorials_lessons_with_a_starting_file_each():
    assert set(FOUND) == {"17_broken_sse_parser", "18_broken_sdk_calls"}
    for exercise in FOUND.values():
        assert exercise.lesson.source.startswith('"""Exercise') and exercise.cases and exercise.rounds >= 2
        assert exercise.task["en"] and exercise.task["zh"]


def test_the_tutorials_parser_fails_each_case_with_what_went_wrong(mock_url, edits):
    results = check("17_broken_sse_parser", FOUND["17_broken_sse_parser"].lesson.source, mock_url, edits)
    why = {r.case.id: r.why for r in results}
    assert not any(r.passed for r in results)
    assert why["done"].startswith("Round 1: Your code raised JSONDecodeError: Expecting value")
    assert "line 15 of the editor" in why["done"]
    assert "JSONDecodeError" in why["lines"] or "UnicodeDecodeError" in why["lines"]
    assert "partial text" not in " ".join(why.values())


def test_a_parser_that_loses_words_silently_fails_with_how_many(mock_url, edits):
    line = '''                    yield json.loads(line[len("data: "):])'''
    skips = FIXED_PARSER.replace(line, '''                    try:
                        yield json.loads(line[len("data: "):])
                    except json.JSONDecodeError:
                        pass''').replace('*events, buffer = buffer.split("\\n\\n")', 'events, buffer = [buffer], ""')
    results = {r.case.id: r for r in check("17_broken_sse_parser", skips, mock_url, edits)}
    assert results["done"].passed
    assert not results["lines"].passed and "characters of the answer, with no error." in results["lines"].why


def test_the_fixed_parser_passes_every_case(mock_url, edits):
    results = check("17_broken_sse_parser", FIXED_PARSER, mock_url, edits)
    assert [(r.case.id, r.passed, r.why) for r in results] == [(c.id, True, "") for c in
                                                               FOUND["17_broken_sse_parser"].cases]


def test_the_tutorials_sdk_call_fails_and_the_fixed_one_passes(mock_url, edits):
    start = check("18_broken_sdk_calls", FOUND["18_broken_sdk_calls"].lesson.source, mock_url, edits)
    assert not any(r.passed for r in start)
    assert all("line 10 of the editor" in r.why for r in start), [r.why for r in start]
    half = FOUND["18_broken_sdk_calls"].lesson.source.replace("openai.ChatCompletion.create(", "client.chat.completions"
                                                              ".create(")
    halfway = check("18_broken_sdk_calls", half, mock_url, edits)
    assert all("IndexError: list index out of range (line 15 of the editor" in r.why for r in halfway)
    assert all(r.passed for r in check("18_broken_sdk_calls", FIXED_CALL, mock_url, edits))


def test_check_is_refused_where_editing_is_off(mock_url):
    results = check("17_broken_sse_parser", FIXED_PARSER, mock_url, EditedRuns(Editing(enabled=False,
                                                                                          why_off="public")))
    assert not any(r.passed for r in results) and all("editing is off" in r.why for r in results)
