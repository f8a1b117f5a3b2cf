"""`python snippets/NN_slug.py` prints the stream with no key and nothing else running."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from streamlab import lessons

ROOT = Path(__file__).resolve().parents[2]
KEY_VARS = ("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "STREAMLAB_COMPATIBLE_API_KEY", "STREAMLAB_PROVIDER")


@pytest.mark.parametrize("lesson", lessons.discover(), ids=lambda lesson: lesson.stem)
def test_snippet_runs_on_its_own_without_a_key(lesson, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in KEY_VARS}
    env["STREAMLAB_PROVIDER"] = "mock"  # set variables win over a developer's .env
    out = subprocess.run([sys.executable, str(lesson.snippet_path)], cwd=tmp_path, env=env, capture_output=True,
                         text=True, timeout=90)
    assert out.returncode == 0, out.stderr[-2000:]
    printed = out.stdout.strip()
    assert len(printed.split()) >= 3, printed
    assert "Traceback" not in out.stderr
