"""The apps a room bench drives: StreamLab (as `python app.py` starts it, in several variants) and a bare Gradio
app doing the same job the plain way, each a process tree on a free 127.0.0.1 port, stopped by its PIDs."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx2

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from gradio_session import index_of, load_index  # noqa: E402

from deploy.replicas import free_port, with_children  # noqa: E402
from streamlab.engine import lessons  # noqa: E402
from streamlab.web.readiness import answers  # noqa: E402

PROMPT = lessons.load("01_basic").prompt
LAST_LINE = "yield chunk.choices[0].delta.content"
EDITED = lessons.load("01_basic").source.replace(LAST_LINE, LAST_LINE + ".upper()")  # an edit made in the page
TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pids: list[int]) -> float:
    total = 0.0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += sum(int(v) for v in fields[11:15]) / TICK  # utime, stime, cutime, cstime
    return total


@dataclass
class App:
    name: str
    url: str
    mock_urls: list[str]  # where its mocks' counters are (GET {mock_url}/_stats)
    api_name: str
    data: list
    pids: Callable[[], list[int]]  # every process serving, now
    stop: Callable[[], None]
    config: dict = field(default_factory=dict)
    role: Callable[[int], str] | None = None  # what a process of `pids` does (web, workers, mock), if told
    cpu_by_role: dict = field(default_factory=dict)  # N -> [{role: CPU seconds} for each round]
    upper: bool = False  # it runs lesson 1 edited to upper-case its text

    def __post_init__(self) -> None:
        self.config = self.config or httpx2.get(f"{self.url}/config", timeout=30).json()
        self.fn_index = index_of(self.config, api_name=self.api_name)
        self.load_index = load_index(self.config)  # the page's load event, fired when a learner opens the page


def stopper(processes: list[subprocess.Popen]) -> Callable[[], None]:
    def stop() -> None:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
    return stop


def _spawn(args: list[str], env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, *args], cwd=ROOT, env={**os.environ, **(env or {})},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def streamlab_role(web_pid: int) -> Callable[[int], str]:
    def role(pid: int) -> str:
        if pid == web_pid:
            return "web"
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
        return "mock" if b"streamlab.web.mock_process" in cmdline else "workers"
    return role


def start_streamlab(concurrency: int, workers: str = "auto", name: str = "StreamLab") -> App:
    port = free_port()
    process = _spawn(["app.py"], {"GRADIO_SERVER_PORT": str(port), "STREAMLAB_CONCURRENCY": str(concurrency),
                                  "STREAMLAB_WORKERS": workers})
    url = f"http://127.0.0.1:{port}"
    if not answers(f"{url}/mock/_stats", 90):
        process.kill()
        raise RuntimeError("StreamLab did not start")
    return App(name, url, [f"{url}/mock"], "run_01_basic", [None, PROMPT, None], lambda: with_children(process.pid),
               stopper([process]), role=streamlab_role(process.pid))


def start_streamlab_edited(concurrency: int) -> App:
    """StreamLab, each learner pressing Run on lesson 1 edited in the page (upper case): a process per run."""
    app = start_streamlab(concurrency, name="StreamLab, 1 edited")
    app.data, app.upper = [None, PROMPT, EDITED], True
    return app


def start_streamlab_one_process(concurrency: int) -> App:
    """StreamLab as it was before its worker processes: the snippets run in the web process."""
    return start_streamlab(concurrency, "0", "StreamLab, one process")


def spawn_mock() -> tuple[subprocess.Popen, str]:
    """The mock on its own (`python -m streamlab.mock`) on a free port; (its process, its URL)."""
    port = free_port()
    return _spawn(["-m", "streamlab.mock", "--port", str(port)]), f"http://127.0.0.1:{port}"


def start_bare(concurrency: int) -> App:
    port = free_port()
    mock, mock_url = spawn_mock()
    app = _spawn(["bench/bare_app.py", str(port), mock_url, str(concurrency)], {"GRADIO_ANALYTICS_ENABLED": "False"})
    url = f"http://127.0.0.1:{port}"
    if not (answers(f"{mock_url}/_stats", 60) and answers(f"{url}/config", 90)):
        mock.kill()
        app.kill()
        raise RuntimeError("the bare Gradio app did not start")
    return App("bare Gradio", url, [mock_url], "run", [PROMPT], lambda: [app.pid, mock.pid], stopper([app, mock]))



def expected_text(app: App) -> str:
    import openai

    with openai.OpenAI(base_url=f"{app.mock_urls[0]}/openai/v1", api_key="bench-key") as client:
        reply = client.chat.completions.create(model="streamlab-mock", messages=[{"role": "user", "content": PROMPT}],
                                               extra_headers={"X-Mock-TTFT-Ms": "0", "X-Mock-Token-Ms": "0"})
    return reply.choices[0].message.content.upper() if app.upper else reply.choices[0].message.content
