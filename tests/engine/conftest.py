"""Throwaway lesson folders, so the engine is tested on snippets written for the test."""

import textwrap

import pytest


@pytest.fixture
def lesson_root(tmp_path):
    """lesson_root(stem=source, ...) → a folder with snippets/ and lessons/ holding those files."""

    def make(**files):
        (tmp_path / "snippets").mkdir(exist_ok=True)
        (tmp_path / "lessons").mkdir(exist_ok=True)
        for stem, source in files.items():
            (tmp_path / "snippets" / f"{stem}.py").write_text(textwrap.dedent(source), encoding="utf-8")
            (tmp_path / "lessons" / f"{stem}.md").write_text(f"# Lesson {stem}\n\nProse.\n", encoding="utf-8")
        return tmp_path

    return make
