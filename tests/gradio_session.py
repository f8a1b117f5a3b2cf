"""A browser session spoken over Gradio's own HTTP protocol, as a script (not a page) would: any event the
page can fire, private ones included, called by index with the values a visitor chooses."""

from __future__ import annotations

import json
import uuid

import httpx2


class GradioSession:
    def __init__(self, url: str):
        self.url = url
        self.session_hash = uuid.uuid4().hex[:11]
        self.config = httpx2.get(f"{url}/config", timeout=10).json()

    def index_of(self, *, api_name: str = "", outputs_from: str = "", inputs: int = -1) -> int:
        """fn_index of a run endpoint (by api_name) or of a private event (whose outputs include the
        component with elem_id `outputs_from`, and which takes `inputs` inputs)."""
        ids = {c["id"]: c["props"].get("elem_id") for c in self.config["components"]}
        for index, dep in enumerate(self.config["dependencies"]):
            if api_name and dep.get("api_name") == api_name:
                return index
            if outputs_from and outputs_from in [ids.get(o) for o in dep["outputs"]] and len(dep["inputs"]) == inputs:
                return index
        raise LookupError(api_name or outputs_from)

    def call(self, fn_index: int, data: list, timeout: float = 60.0) -> list:
        """Fire the event with `data` (None for a State input: the server keeps this session's), wait for it
        to end, return its last output values."""
        dep = self.config["dependencies"][fn_index]
        body = {"data": data, "fn_index": fn_index, "session_hash": self.session_hash, "event_data": None,
                "trigger_id": dep["targets"][0][0] if dep.get("targets") else None}
        with httpx2.Client(timeout=timeout) as http:
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


PANEL_EVENT_INPUTS = 7  # provider, preset, base URL, model, key, mock speed, mock fault


def choose(session: GradioSession, provider: str, base_url: str = "", key: str = "", preset: str = "Custom URL",
           model: str = "", speed: str = "instant", fault: str = "none") -> str:
    """Set this session's provider panel (through its private event, as a script can); the summary shown."""
    index = session.index_of(outputs_from="provider-summary", inputs=PANEL_EVENT_INPUTS)
    return session.call(index, [provider, preset, base_url, model, key, speed, fault])[1]


def run(session: GradioSession, stem: str, prompt: str, *options) -> tuple[str, str]:
    """Run a lesson in this session; (main pane text, status line) of its final frame."""
    index = session.index_of(api_name=f"run_{stem}")
    values = session.call(index, [None, prompt, *options], timeout=120)
    panes = len(values) - 3  # panes…, status, metrics, chart
    return values[0], values[panes]
