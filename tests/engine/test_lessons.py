import sys

from streamlab.engine import lessons

GOOD = '''
from typing import Literal
import openai

CLIENT = "async_openai"
PROMPT = "Hello there"
PANES = ("output", "log")

async def stream(client, prompt, *, model="m", mode: Literal["a", "b"] = "b", size: int = 3, on: bool = True):
    yield prompt
'''


def test_lessons_are_discovered_sorted_by_number_and_paired_with_prose(lesson_root):
    root = lesson_root(**{"02_second": GOOD, "01_first": GOOD, "10_tenth": GOOD})
    (root / "snippets" / "_helper.py").write_text("x = 1\n")
    found = lessons.discover(root)
    assert [lesson.stem for lesson in found] == ["01_first", "02_second", "10_tenth"]
    assert found[0].title == "Lesson 01_first"


def test_contract_is_read_from_the_source_without_importing_the_module(lesson_root):
    root = lesson_root(**{"01_first": GOOD})
    lesson = lessons.load("01_first", root)
    assert lesson.error == ""
    assert (lesson.client_kind, lesson.prompt, lesson.panes) == ("async_openai", "Hello there", ("output", "log"))
    assert lesson.is_async and lesson.takes_model
    assert [(o.name, o.default, o.choices) for o in lesson.options] == [
        ("mode", "b", ("a", "b")), ("size", 3, ()), ("on", True, ())]
    assert "streamlab_snippet_01_first" not in sys.modules
    assert lesson.source == (root / "snippets" / "01_first.py").read_text()


def test_module_is_imported_from_the_displayed_file_on_first_use(lesson_root):
    root = lesson_root(**{"01_first": GOOD + "\nMARK = 42\n"})
    lesson = lessons.load("01_first", root)
    assert lesson.module.MARK == 42
    assert lesson.module.__file__ == str(root / "snippets" / "01_first.py")


def test_the_code_that_runs_is_the_code_shown_even_if_the_file_changes_after_start_up(lesson_root):
    root = lesson_root(**{"01_first": GOOD + "\nMARK = 'shown'\n"})
    lesson = lessons.load("01_first", root)  # start-up: the tab now shows this source
    (root / "snippets" / "01_first.py").write_text(GOOD + "\nMARK = 'edited later'\n")
    assert lesson.module.MARK == "shown" and "MARK = 'shown'" in lesson.source


def test_syntax_error_becomes_an_error_lesson_and_others_still_load(lesson_root):
    root = lesson_root(**{"01_broken": "def stream(:\n", "02_fine": GOOD})
    broken, fine = lessons.discover(root)
    assert broken.error.startswith("SyntaxError")
    assert fine.error == ""


def test_missing_package_becomes_an_error_lesson(lesson_root):
    root = lesson_root(**{"01_needs": "import no_such_package_here\n\ndef stream(client, prompt):\n    yield 'x'\n"})
    assert "no_such_package_here" in lessons.load("01_needs", root).error


def test_snippet_without_stream_function_becomes_an_error_lesson(lesson_root):
    root = lesson_root(**{"01_empty": "PROMPT = 'hi'\n"})
    assert "defines no stream()" in lessons.load("01_empty", root).error


def test_wire_option_picks_the_client_kind():
    lesson = lessons.Lesson("08_x", None, None, client_kind="openai")
    assert lesson.kind_for({"wire": "anthropic"}) == "anthropic"
    assert lesson.kind_for({"wire": "openai"}) == "openai"
    assert lesson.kind_for({}) == "openai"
    lesson.client_kind = "async_openai"
    assert lesson.kind_for({"wire": "anthropic"}) == "async_anthropic"


def test_translated_prose_lives_in_a_language_folder(lesson_root):
    root = lesson_root(**{"01_first": GOOD})
    lesson = lessons.load("01_first", root)
    (root / "lessons" / "zh").mkdir()
    (root / "lessons" / "fr").mkdir()  # a language folder without this lesson adds nothing
    (root / "lessons" / "zh" / "01_first.md").write_text("# 第一课\n", encoding="utf-8")
    assert lessons.translations(lesson) == [("zh", root / "lessons" / "zh" / "01_first.md")]
    assert lesson.prose_path == root / "lessons" / "01_first.md"


def test_a_translation_dropped_in_a_language_folder_becomes_that_languages_prose_title_and_prompt(lesson_root):
    from streamlab.i18n.interface import translations

    root = lesson_root(**{"01_first": GOOD})
    lesson = lessons.load("01_first", root)
    assert "lesson.01_first.prose" not in translations([lesson]).translations_dict["zh"]
    (root / "lessons" / "zh").mkdir()
    (root / "lessons" / "zh" / "01_first.md").write_text("# 第一课\n\n正文。\n", encoding="utf-8")
    (root / "lessons" / "zh" / "prompts.json").write_text('{"01_first": "你好"}', encoding="utf-8")
    texts = translations([lesson]).translations_dict
    assert texts["zh"]["lesson.01_first.prose"] == "# 第一课\n\n正文。\n"
    assert texts["zh"]["lesson.01_first.tab"] == "1. 第一课"
    assert texts["zh"]["lesson.01_first.prompt"] == "你好"
    assert texts["en"]["lesson.01_first.prompt"] == lesson.prompt


def test_each_lesson_names_the_wire_format_its_code_calls():
    """The tab's wire label (WIRE, else the client's format) matches the API the snippet's source calls."""
    from streamlab.ui.lesson_tab import _wire_note

    for lesson in lessons.discover():
        if lesson.error or "wire" in {o.name for o in lesson.options}:
            continue  # a `wire` option shows the learner's own choice
        calls = ("responses" if ".responses.create(" in lesson.source
                 else "anthropic" if ".messages." in lesson.source or lesson.client_kind.endswith("anthropic")
                 else "openai")
        assert _wire_note(lesson) == calls, lesson.stem
    assert _wire_note(lessons.load("12_responses")) == "responses"


def test_measure_names_panes_of_the_lesson(lesson_root):
    broken = GOOD.replace('PANES = ("output", "log")', 'PANES = ("output", "log")\nMEASURE = ("answer",)')
    lesson = lessons.load("01_first", lesson_root(**{"01_first": broken}))
    assert "MEASURE names panes that are not in PANES" in lesson.error
    good = lessons.load("01_first", lesson_root(**{"01_first": GOOD.replace(
        'PANES = ("output", "log")', 'PANES = ("output", "log")\nMEASURE = ("output", "log")')}))
    assert good.measured == ("output", "log") and lessons.load("01_first", lesson_root(**{"01_first": GOOD})).measured \
        == ("output",)
