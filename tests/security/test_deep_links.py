"""Gradio's deep links save a session's component values (a typed key among them) to the server's disk at any
visitor's request, and show them to whoever opens the link. This page has no deep-link button: the endpoint is
refused, and nothing the visitor typed is written anywhere."""

from pathlib import Path

import httpx2
import pytest
from gradio_session import GradioSession, choose

from streamlab.hosting.mode import Hosting
from streamlab.web.background import BackgroundServer

KEY = "sk-visitor-DEEPLINK-0123456789abcdef"


def files_in(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file()} if folder.exists() else set()


@pytest.mark.parametrize("public", [True, False], ids=["public", "local"])
def test_a_deep_link_request_writes_nothing_and_shows_no_key(public):
    with BackgroundServer(concurrency=8, hosting=Hosting(public=public)) as app:
        uploads = Path(app.app.state.demo.GRADIO_CACHE)
        before = files_in(uploads)
        visitor = GradioSession(app.url)
        choose(visitor, "compatible", base_url="https://api.example.com/v1", key=KEY, model="m")
        for method in ("GET", "POST"):
            answer = httpx2.request(method, f"{app.url}/gradio_api/deep_link",
                                    params={"session_hash": visitor.session_hash}, timeout=30)
            assert answer.status_code == 404 and KEY not in answer.text
        written = files_in(uploads) - before
        assert not [p for p in written if "deep_links" in p.parts], "a deep link was saved"
        assert not [p for p in written if KEY in p.read_text(errors="replace")], "the key reached the disk"
