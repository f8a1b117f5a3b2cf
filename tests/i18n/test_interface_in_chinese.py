"""Every string the page shows has its Chinese: fixed strings, pane names, each lesson's title, prose and prompt."""

import re

from streamlab.engine import lessons
from streamlab.hosting.mode import Hosting
from streamlab.i18n import interface, runtime
from streamlab.ui import provider_panel

CJK = re.compile(r"[\u4e00-\u9fff]")
LESSONS = lessons.discover()


def page_texts(hosting=None):
    return interface.translations(LESSONS, provider_panel.made_strings(hosting)).translations_dict


def test_every_english_string_of_the_page_has_a_chinese_one():
    for hosting in (Hosting(), Hosting(public=True)):
        texts = page_texts(hosting)
        missing = sorted(set(texts["en"]) - set(texts["zh"]))
        assert not missing
        untranslated = [key for key, chinese in texts["zh"].items() if not CJK.search(chinese) and key != "meta.lang"]
        assert not untranslated


def test_each_lesson_has_a_chinese_title_prose_and_default_prompt():
    texts = page_texts()["zh"]
    for lesson in LESSONS:
        for part in ("tab", "prose", "prompt"):
            assert CJK.search(texts[f"lesson.{lesson.stem}.{part}"]), (lesson.stem, part)
        assert texts[f"lesson.{lesson.stem}.tab"].startswith(f"{lesson.number}. ")


def test_every_pane_of_every_lesson_has_a_chinese_name():
    panes = {pane for lesson in LESSONS for pane in lesson.panes}
    assert panes <= set(runtime.PANE_NAMES_ZH), sorted(panes - set(runtime.PANE_NAMES_ZH))


def test_every_option_of_every_lesson_has_a_chinese_label_that_keeps_its_keyword():
    options = {option.name for lesson in LESSONS for option in lesson.options}
    assert options <= set(interface.OPTION_LABELS_ZH), sorted(options - set(interface.OPTION_LABELS_ZH))
    texts = page_texts()
    for name in options:
        assert texts["en"][f"option.{name}"] == name.replace("_", " ")  # the control names the code's keyword
        assert CJK.search(texts["zh"][f"option.{name}"]) and texts["zh"][f"option.{name}"].endswith(name)
