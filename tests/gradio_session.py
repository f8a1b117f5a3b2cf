"""A browser session spoken over Gradio's own HTTP protocol, as a script (not a page) would: any event the
page can fire, private ones included, called by index with the values a visitor chooses. `GradioSession` does
it one call at a time; `stream_event` does it async, for a room of learners driven from one process (the
replica test in tests/deploy and bench/bench_room.py)."""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass

import httpx2


def new_session_hash() -> str:
    return uuid.uuid4().hex[:11]


def index_of(config: dict, *, api_name: str = "", outputs_from: str = "", inputs: int = -1) -> int:
    """fn_index of a run endpoint (by api_name) or of a private event (whose outputs include the component with
    elem_id `outputs_from`, and which takes `inputs` inputs), in the page's `config`."""
    ids = {c["id"]: c["props"].get("elem_id") for c in config["components"]}
    for index, dep in enumerate(config["dependencies"]):
        if api_name and dep.get("api_name") == api_name:
            return index
        if outputs_from and outputs_from in [ids.get(o) for o in dep["outputs"]] and len(dep["inputs"]) == inputs:
            return index
    raise LookupError(api_name or outputs_from)


def load_index(config: dict) -> int | None:
    """The event a browser fires when it opens the page (a `load` trigger), if the page has one."""
    return next((i for i, dep in enumerate(config["dependencies"])
                 if any(t[1] == "load" for t in dep.get("targets") or [])), None)


def event_body(config: dict, fn_index: int, data: list, session_hash: str) -> dict:
    """The queue/join body a page sends for event `fn_index` with `data` (None for a State input: the server
    keeps this session's; inputs past the end of `data` get None too: the page's load event, which sends what this
    browser kept, sends nothing kept)."""
    dep = config["dependencies"][fn_index]
    data = list(data) + [None] * (len(dep["inputs"]) - len(data))  # what is not given: None, as for a State
    return {"data": data, "fn_index": fn_index, "session_hash": session_hash, "event_data": None,
            "trigger_id": dep["targets"][0][0] if dep.get("targets") else None}


class GradioSession:
    def __init__(self, url: str, cookies: dict | None = None):
        """`cookies`: a signed-in visitor's (`login`), on a server that asks for a login."""
        self.url, self.cookies = url, cookies or {}
        self.session_hash = new_session_hash()
        self.config = httpx2.get(f"{url}/config", timeout=10, cookies=self.cookies).json()

    def index_of(self, *, api_name: str = "", outputs_from: str = "", inputs: int = -1) -> int:
        return index_of(self.config, api_name=api_name, outputs_from=outputs_from, inputs=inputs)

    def call(self, fn_index: int, data: list, timeout: float = 60.0) -> list:
        """Fire the event with `data`, wait for it to end, return its last output values."""
        body = event_body(self.config, fn_index, data, self.session_hash)
        with httpx2.Client(timeout=timeout, cookies=self.cookies) as http:
            # encoded here, as a script may: NaN and lone surrogates ("\\ud800") go through as JSON allows
            joined = http.post(f"{self.url}/gradio_api/queue/join", content=json.dumps(body),
                               headers={"content-type": "application/json"})
            joined.raise_for_status()
            event_id = joined.json()["event_id"]
            output = None
            with http.stream("GET", f"{self.url}/gradio_api/queue/data",
                             params={"session_hash": self.session_hash}) as stream:
                for line in stream.iter_lines():
                    if not line.startswith("data:"):
                        continue
                    message = json.loads(line[5:])
                    if message.get("event_id") != event_id:
                        continue
                    if message.get("msg") in ("process_generating", "process_completed"):
                        output = message.get("output", {})
                    if message.get("msg") == "process_completed":
                        if not message.get("success", True):
                            raise RuntimeError(f"event failed: {output}")
                        return output.get("data", [])
        raise RuntimeError("the event stream ended before the event completed")


PANEL_EVENT_INPUTS = 8  # provider, preset, base URL, model, key, mock speed, mock fault, record


def panel_index(config: dict) -> int:
    """fn_index of the provider panel's private event."""
    return index_of(config, outputs_from="provider-summary", inputs=PANEL_EVENT_INPUTS)


def choose(session: GradioSession, provider: str, base_url: str = "", key: str = "", preset: str = "Custom URL",
           model: str = "", speed: str = "instant", fault: str = "none", record: bool = False) -> str:
    """Set this session's provider panel (through its private event, as a script can); the summary shown."""
    values = [provider, preset, base_url, model, key, speed, fault, record]
    return session.call(panel_index(session.config), values)[1]


def login(url: str, user: str, password: str) -> dict:
    """Sign in on a server with a login (Gradio's form); the cookies a signed-in browser holds."""
    answer = httpx2.post(f"{url}/login", data={"username": user, "password": password}, timeout=10)
    answer.raise_for_status()
    return dict(answer.cookies)


def run(session: GradioSession, stem: str, prompt: str, *options, source: str | None = None) -> tuple[str, str]:
    """Run a lesson in this session (with `source` as the editor's text; None: the lesson's own code);
    (main pane text, status line) of its final frame."""
    index = session.index_of(api_name=f"run_{stem}")
    values = session.call(index, [None, prompt, *options, source], timeout=120)
    panes = len(values) - 3  # panes…, status, metrics, chart
    return values[0], values[panes]


@dataclass
class Run:
    """One event as a learner's page saw it stream, timed from the moment it was fired."""

    first_s: float | None = None  # the first text in the main pane
    first_update_s: float | None = None  # the first update of the page (a run's first frame: "running", elapsed)
    end_s: float | None = None  # the event completed
    text: str = ""  # the main pane at the end
    updates: int = 0  # messages carrying output: every frame, the final one included
    partials: int = 0  # frames with text before the final one: the text seen growing
    bytes: int = 0  # read off the session's event stream
    success: bool = False


def main_pane(text: str, output: dict) -> str:
    """The main pane (first output) after one update: a whole value, or a diff of the last one
    (`[["append", [], "more"], …]`, `[["replace", [], "all"]]`)."""
    main = (output.get("data") or [""])[0]
    if isinstance(main, str):
        return main
    if not (isinstance(main, list) and all(isinstance(op, list) and len(op) == 3 for op in main)):
        return text  # not a text pane's diff (the page's load event: each editor left as it is)
    for op, _path, value in main:
        text = text + value if op == "append" else value if op == "replace" else text
    return text


async def stream_event(http: httpx2.AsyncClient, url: str, body: dict) -> Run:
    """Fire one event (a queue/join `body`) and follow it on the session's event stream to its end; bounded by
    `http`'s timeout, and by the stream's end."""
    run, began = Run(), time.perf_counter()
    joined = await http.post(f"{url}/gradio_api/queue/join", json=body)
    joined.raise_for_status()
    event_id = joined.json()["event_id"]
    async with http.stream("GET", f"{url}/gradio_api/queue/data",
                           params={"session_hash": body["session_hash"]}) as stream:
        async for line in stream.aiter_lines():
            run.bytes += len(line) + 1
            if not line.startswith("data:"):
                continue
            message = json.loads(line[5:])
            if message.get("event_id") != event_id or "output" not in message:
                continue
            run.updates += 1
            if run.first_update_s is None:
                run.first_update_s = time.perf_counter() - began
            run.text = main_pane(run.text, message["output"])
            if run.text and run.first_s is None:
                run.first_s = time.perf_counter() - began
            if message.get("msg") == "process_completed":
                run.end_s, run.success = time.perf_counter() - began, message.get("success", True)
                break
            run.partials += bool(run.text)
    return run
