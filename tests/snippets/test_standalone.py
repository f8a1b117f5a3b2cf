"""`python snippets/NN_slug.py` prints the stream with no key and nothing else running."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from streamlab.engine import lessons

ROOT = Path(__file__).resolve().parents[2]
KEY_VARS = ("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "STREAMLAB_COMPATIBLE_API_KEY", "STREAMLAB_PROVIDER")


def run_alone(lesson, cwd, *args):
    env = {k: v for k, v in os.environ.items() if k not in KEY_VARS}
    env["STREAMLAB_PROVIDER"] = "mock"  # set variables win over a developer's .env
    return subprocess.run([sys.executable, str(lesson.snippet_path), *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=90)


@pytest.mark.parametrize("lesson", lessons.discover(), ids=lambda lesson: lesson.stem)
def test_snippet_runs_on_its_own_without_a_key(lesson, tmp_path):
    out = run_alone(lesson, tmp_path)
    assert out.returncode == 0, out.stderr[-2000:]
    printed = out.stdout.strip()
    assert len(printed.split()) >= 3, printed
    assert "Traceback" not in out.stderr


def test_a_prompt_and_the_lesson_options_can_be_given_on_the_command_line(tmp_path):
    lesson = lessons.load("11_raw_wire")
    out = run_alone(lesson, tmp_path, "What's the weather in Paris?", "--wire", "anthropic", "--tools")
    assert out.returncode == 0, out.stderr[-2000:]
    assert "content_block_start: tool='get_weather'" in out.stdout
    assert "finished: tool_use" in out.stdout and "the weather in Paris?" in out.stdout  # the prompt, in the curl


def test_help_lists_the_options_and_a_bad_choice_is_refused(tmp_path):
    lesson = lessons.load("11_raw_wire")
    shown = run_alone(lesson, tmp_path, "--help")
    assert shown.returncode == 0 and "--wire {openai,anthropic}" in shown.stdout and "--tools" in shown.stdout
    refused = run_alone(lesson, tmp_path, "--wire", "carrier-pigeon")
    assert refused.returncode == 2 and "invalid choice: 'carrier-pigeon'" in refused.stderr
    assert "Traceback" not in refused.stderr


FAST = "X-Mock-TTFT-Ms: 0\nX-Mock-Token-Ms: 0\nX-Mock-Jitter-Ms: 0"


@pytest.mark.parametrize("lesson", lessons.discover(), ids=lambda lesson: lesson.stem)
def test_a_snippet_copied_alone_runs_with_only_the_providers_usual_variables(lesson, tmp_path, mock_url,
                                                                           run_snippet):
    """A learner copies one file into a project of their own: with the SDK installed and the provider's usual
    environment variables set, it runs and prints the stream. Nothing of this repository is importable."""
    copy = tmp_path / lesson.snippet_path.name
    copy.write_text(lesson.snippet_path.read_text(encoding="utf-8"), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in KEY_VARS and k != "PYTHONPATH"}
    env |= {"OPENAI_API_KEY": "sk-learner-own", "OPENAI_BASE_URL": f"{mock_url}/openai/v1",
            "ANTHROPIC_API_KEY": "sk-ant-learner-own", "ANTHROPIC_BASE_URL": f"{mock_url}/anthropic",
            "OPENAI_CUSTOM_HEADERS": FAST, "ANTHROPIC_CUSTOM_HEADERS": FAST}  # the mock's pace: as fast as it can
    out = subprocess.run([sys.executable, copy.name], cwd=tmp_path, env=env, capture_output=True, text=True,
                         timeout=90, check=False)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "Traceback" not in out.stderr
    # what it prints is the answer the app shows in the lesson's main pane: its words, in any order (lesson 15's
    # streams interleave as they arrive); a few may differ (a wire's random ids, the model's name, the
    # words around lesson 6's tool results)
    app_run = run_snippet(lesson.stem)
    main = app_run.pieces() + app_run.pieces(lesson.panes[0])  # plain strings, or the first pane by its name
    shown = {w for piece in main for w in re.findall(r"[^\W\d_]{3,}", piece)}
    missing = sorted(w for w in shown if w not in out.stdout)
    assert shown and len(missing) <= len(shown) // 3, (missing[:20], out.stdout[:300])
    assert not (tmp_path / "_standalone.py").exists() and not (tmp_path / "streamlab").exists()
