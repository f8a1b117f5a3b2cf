"""Small files: a source file past 300 lines is probably two rooms, and a lesson's snippet, which a learner reads
whole and copies, stays under 90 lines (a lesson that teaches two things is two lessons)."""

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE_LIMIT = 300
SNIPPET_LIMIT = 90


def tracked(*patterns: str) -> list[Path]:
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", *patterns], cwd=ROOT,
                            capture_output=True, text=True, check=True, timeout=30).stdout.split()
    return [ROOT / name for name in listed if (ROOT / name).is_file()]


def lines(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def test_no_source_file_is_over_300_lines():
    long = {str(p.relative_to(ROOT)): lines(p) for p in tracked("*.py", "*.js", "*.css") if lines(p) > SOURCE_LIMIT}
    assert long == {}


def test_no_lesson_snippet_is_over_90_lines():
    snippets = [p for p in tracked("snippets/*.py") if not p.name.startswith("_")]
    assert snippets, "the lessons' snippets are in snippets/"
    long = {p.name: lines(p) for p in snippets if lines(p) > SNIPPET_LIMIT}
    assert long == {}
