"""What the server says about edited code and exercises, made by the code that makes it, reads as Chinese in zh:
the refusals, the errors naming the editor's line, the limits, an exercise's results."""

import pytest
from test_messages_in_chinese import english_left

from streamlab.engine import edited, exercises, lessons
from streamlab.engine.edited import EditError
from streamlab.i18n import runtime
from streamlab.ui.exercise_panel import results_markdown

LESSON = lessons.load("01_basic")
# what the messages quote as it is: the learner's code and names, Python's own words (an exception's name and
# message, a syntax error's), paths, variables and the README's name
CODE = {"ZeroDivisionError", "division", "by", "zero", "answer", "shout", "output", "extra", "PANES", "stream", "os",
        "fork", "proc", "environ", "README", "md", "MB", "Python", "invalid", "syntax", "PermissionError",
        "STREAMLAB", "ALLOW", "EDIT", "MemoryError", "bytearray", "CPU"}


def raised_in_editor(line: str) -> BaseException:
    source = LESSON.source.replace('CLIENT = "openai"', f'CLIENT = "openai"\n{line}', 1)
    import linecache

    linecache.cache[edited.EDITOR] = (len(source), None, source.splitlines(True), edited.EDITOR)
    try:
        exec(compile(source, edited.EDITOR, "exec"), {})  # noqa: S102 - the learner's edit, as a run compiles it
    except Exception as exc:  # noqa: BLE001
        return exc
    raise AssertionError("no exception")


def _messages() -> list[str]:
    said = [*edited.REFUSED.values(), edited.OFF]
    for source in (LESSON.source.replace("def stream(", "def stream(("), LESSON.source.replace("def stream(", "def x("),
                   LESSON.source.replace("PROMPT = ", 'PANES = ("output", "extra")\nPROMPT = ')):
        with pytest.raises(EditError) as caught:
            edited.prepare(LESSON, source)
        said.append(str(caught.value))
    _, note = edited.prepare(LESSON, LESSON.source.replace('model: str = "gpt-5-mini"):',
                                                           'model: str = "gpt-5-mini", shout: bool = True):'))
    said += [note, edited.explain(raised_in_editor("answer = 1 / 0")),
             edited.explain(raised_in_editor("answer = bytearray(2**62)"), memory_mb=1024),
             edited.explain(PermissionError("Edited code may not do this here (os.fork)."), mid_stream=True),
             edited.explain(PermissionError("Edited code may not read /proc/1/environ here: only its own working "
                                            "folder.")),
             "Your code ran for 30 s, the limit for edited code here, so it was ended.",
             "Your code used its 20 seconds of CPU time, so its process was ended."]
    return said


@pytest.mark.parametrize("message", _messages())
def test_each_message_about_edited_code_reads_as_chinese(message):
    chinese = runtime.translate(message, "zh")
    assert set(english_left(chinese)) <= CODE, chinese


def test_an_exercise_s_results_read_as_chinese():
    exercise = exercises.load_all()["17_broken_sse_parser"]
    found = [exercises.Result(exercise.cases[0], True),
             exercises.Result(exercise.cases[1], False, "Round 2: Lost 12 characters of the answer, with no error."),
             exercises.Result(exercise.cases[2], False, "Round 1: The text differs from the answer sent from "
                                                        "character 7 on.")]
    text = results_markdown(found, "zh")
    assert text.startswith("**3 种情况中通过了 1 种。**") and "第 2 轮：回答中有 12 个字符丢失了" in text
    assert not set(english_left(text)) - {"data", "DONE"}, text
