"""Every lesson ships with its Chinese prose, `lessons/zh/NN_slug.md`, and the code in it is the English code.

The lessons are found on disk, so a lesson added later is covered without touching this file."""

import re
from pathlib import Path

import pytest

from streamlab.engine.lessons import ROOT, STEM

LESSONS = ROOT / "lessons"
ZH = LESSONS / "zh"
ENGLISH = sorted(p for p in LESSONS.glob("*.md") if STEM.match(p.stem))
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
LATIN = re.compile(r"[A-Za-z]")
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
INLINE_CODE = re.compile(r"`[^`\n]+`")
MIN_CJK_SHARE = 0.5  # CJK characters among the letters of the prose (code left out): well above zero


def split(markdown: str) -> tuple[list[str], str]:
    """(the fenced code blocks, fences included, in order; the prose around them)."""
    blocks, prose, current, fence = [], [], [], ""
    for line in markdown.splitlines():
        opening = FENCE.match(line)
        if not fence and opening:
            fence, current = opening.group(1), [line]
        elif fence:
            current.append(line)
            if line.strip().startswith(fence[0] * len(fence)) and not line.strip().strip(fence[0]):
                blocks.append("\n".join(current))
                fence = ""
        else:
            prose.append(line)
    if fence:
        blocks.append("\n".join(current))  # an unclosed fence runs to the end, as Markdown renders it
    return blocks, "\n".join(prose)


def cjk_share(prose: str) -> float:
    text = INLINE_CODE.sub("", prose)
    cjk, latin = len(CJK.findall(text)), len(LATIN.findall(text))
    return cjk / max(1, cjk + latin)


def translation_of(english: Path) -> Path:
    """The zh file of a lesson; a test that reads it is skipped where it is missing (another test fails then)."""
    chinese = ZH / english.name
    if not chinese.is_file():
        pytest.skip("no translation (test_each_lesson_has_chinese_prose fails)")
    return chinese


def test_lessons_are_found():
    assert len(ENGLISH) >= 13, f"expected the lessons in {LESSONS}"


@pytest.mark.parametrize("english", ENGLISH, ids=lambda p: p.stem)
def test_each_lesson_has_chinese_prose(english):
    chinese = ZH / english.name
    assert chinese.is_file(), f"{english.relative_to(ROOT)} has no translation: add lessons/zh/{english.name}"


@pytest.mark.parametrize("english", ENGLISH, ids=lambda p: p.stem)
def test_chinese_prose_opens_with_a_chinese_title(english):
    chinese = translation_of(english)
    first = (chinese.read_text(encoding="utf-8").splitlines() or [""])[0]
    assert first.startswith("# "), f"{chinese.name}: the first line is the title, a `# ` heading: {first!r}"
    assert CJK.search(first), f"{chinese.name}: the title is not in Chinese: {first!r}"


@pytest.mark.parametrize("english", ENGLISH, ids=lambda p: p.stem)
def test_chinese_prose_is_mostly_chinese(english):
    chinese = translation_of(english)
    _, prose = split(chinese.read_text(encoding="utf-8"))
    share = cjk_share(prose)
    assert share >= MIN_CJK_SHARE, f"{chinese.name}: only {share:.0%} of the prose's letters are Chinese"


@pytest.mark.parametrize("english", ENGLISH, ids=lambda p: p.stem)
def test_code_blocks_are_copied_unchanged(english):
    chinese = translation_of(english)
    expected, _ = split(english.read_text(encoding="utf-8"))
    found, _ = split(chinese.read_text(encoding="utf-8"))
    assert found == expected, f"{chinese.name}: the fenced code blocks differ from {english.name}'s"


def test_every_translation_has_its_english_lesson():
    orphans = sorted(p.name for p in ZH.glob("*.md") if not (LESSONS / p.name).is_file())
    assert not orphans, f"lessons/zh/ has prose for lessons that do not exist: {orphans}"


def test_split_finds_blocks_in_order_and_keeps_them_out_of_the_prose():
    blocks, prose = split("# 标题\n\n正文\n\n```text\ndata: 1\n```\n\n中间\n\n````md\n```\n````\n结尾\n")
    assert blocks == ["```text\ndata: 1\n```", "````md\n```\n````"]
    assert "data: 1" not in prose and "中间" in prose and "结尾" in prose


def test_the_share_tells_english_prose_from_chinese():
    assert cjk_share(split(ENGLISH[0].read_text(encoding="utf-8"))[1]) < MIN_CJK_SHARE
    assert cjk_share("使用 OpenAI SDK 的 `stream=True` 参数开启流式输出") >= MIN_CJK_SHARE  # inline code left out
