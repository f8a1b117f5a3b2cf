"""Start-up stays light, and the app reads its address and room size from the environment."""

import json
import subprocess
import sys
from pathlib import Path

from streamlab.web.server import Config

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json, sys
from streamlab.web.server import Config, create_app
create_app(Config(port=7999))
heavy = sorted({m.split('.')[0] for m in sys.modules} & {'anthropic', 'langchain_openai', 'langchain_core', 'openai'})
print(json.dumps(heavy))
"""


def test_building_the_app_imports_no_llm_sdk():
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []


def test_config_honours_gradio_variables_and_room_size(monkeypatch):
    monkeypatch.setenv("GRADIO_SERVER_NAME", "0.0.0.0")
    monkeypatch.setenv("GRADIO_SERVER_PORT", "7001")
    monkeypatch.setenv("STREAMLAB_CONCURRENCY", "48")
    config = Config.from_env()
    assert (config.host, config.port, config.concurrency) == ("0.0.0.0", 7001, 48)
    assert config.mock_url == "http://127.0.0.1:7001/mock", "the app reaches its own mock over loopback"


def test_default_concurrency_serves_a_room_not_one_learner(monkeypatch):
    monkeypatch.delenv("STREAMLAB_CONCURRENCY", raising=False)
    config = Config.from_env()
    assert config.concurrency >= 100, "a workshop room of 100 presses Run on one lesson together"
    assert config.queue_slots > config.concurrency, "room beside a room's runs for opening the page and Stop"


SEARCHES = """
import importlib.abc, json, sys
from streamlab.web.server import Config, create_app
create_app(Config(port=7999))
import gradio.utils

searched = []

class Watch(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        searched.append(name)

sys.meta_path.insert(0, Watch())
for _ in range(3):  # what Gradio does around each step of a streaming event
    with gradio.utils.MatplotlibBackendMananger():
        pass
print(json.dumps(searched))
"""


def test_a_ui_update_does_not_search_the_disk_for_matplotlib():
    # Gradio imports matplotlib around every step of an event; not installed, each import searched all of
    # sys.path (two searches per UI update of every run in a room)
    out = subprocess.run([sys.executable, "-c", SEARCHES], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []
