"""The course's chapters (`lessons/chapters.json`): every lesson in exactly one, each name in both languages."""

import re
from collections import Counter

import pytest

from streamlab.engine import lessons
from streamlab.i18n.interface import UI
from streamlab.ui import navigation

PLAN = navigation.chapter_plan()
FOUND = lessons.discover()
CJK = re.compile(r"[\u4e00-\u9fff]")


def test_the_course_has_a_few_chapters():
    assert 3 <= len(PLAN) <= 6, list(PLAN)


@pytest.mark.parametrize("lesson", FOUND, ids=lambda lesson: lesson.stem)
def test_every_lesson_is_in_exactly_one_chapter(lesson):
    listed = Counter(stem for stems in PLAN.values() for stem in stems)
    assert listed[lesson.stem] == 1, f"add {lesson.stem} to one chapter of lessons/chapters.json"


def test_a_stem_is_listed_once_and_looks_like_a_lesson():
    stems = [stem for stems in PLAN.values() for stem in stems]
    assert len(stems) == len(set(stems))
    assert all(lessons.STEM.match(stem) for stem in stems), stems


@pytest.mark.parametrize("key", [*PLAN, navigation.MORE])
def test_each_chapter_is_named_in_english_and_chinese(key):
    english, chinese = UI[f"chapter.{key}"]
    assert english and CJK.search(chinese), (english, chinese)


def test_the_list_holds_every_lesson_once_each_in_its_own_chapter():
    grouped = navigation.chapters(FOUND, PLAN)
    assert sorted(lesson.stem for _, members in grouped for lesson in members) == [x.stem for x in FOUND]
    assert navigation.MORE not in [key for key, _ in grouped], "no lesson is left to 'More lessons'"


def test_a_lesson_no_chapter_lists_still_shows_under_more_lessons_and_an_absent_one_is_skipped(lesson_root):
    root = lesson_root(**{"01_first": "def stream(client, prompt):\n    yield prompt\n",
                          "02_second": "def stream(client, prompt):\n    yield prompt\n"})
    found = lessons.discover(root)
    grouped = navigation.chapters(found, {"start": ["01_first", "09_not_written_yet"]})
    assert [(key, [x.stem for x in members]) for key, members in grouped] == [("start", ["01_first"]),
                                                                              ("more", ["02_second"])]


def test_the_list_links_each_lesson_and_names_it_in_both_languages():
    texts = {"en": {"lesson.01_basic.title": "Basic streaming", "chapter.basics": "Basics"},
             "zh": {"lesson.01_basic.title": "基础流式输出", "chapter.basics": "基础"}}
    html = navigation.nav_html([x for x in FOUND if x.stem == "01_basic"], texts, {"basics": ["01_basic"]})
    assert 'href="?lesson=01_basic"' in html and 'data-lesson="01_basic"' in html
    assert '<span lang="en">Basic streaming</span><span lang="zh">基础流式输出</span>' in html
    assert '<span lang="en">Basics</span><span lang="zh">基础</span>' in html
