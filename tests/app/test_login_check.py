"""Pressing Run sends two requests (queue/join, queue/data); on this page without a login, neither waits for a
worker thread to run Gradio's login check (two thread hops per press, ~0.1 s for a room of 100: bench_room.py)."""

import asyncio

import fastapi.dependencies.utils as fastapi_dependencies
import httpx2
from gradio_session import event_body, index_of, new_session_hash, stream_event

from streamlab.web.background import BackgroundServer


def test_a_run_reaches_the_queue_without_a_thread_for_the_login_check(monkeypatch):
    ran_in_threads = []
    real = fastapi_dependencies.run_in_threadpool

    async def counted(call, *args, **kwargs):
        ran_in_threads.append(getattr(call, "__name__", repr(call)))
        return await real(call, *args, **kwargs)

    monkeypatch.setattr(fastapi_dependencies, "run_in_threadpool", counted)
    with BackgroundServer(concurrency=8) as server:
        config = httpx2.get(f"{server.url}/config", timeout=30).json()

        async def press_run():
            async with httpx2.AsyncClient(timeout=60) as http:
                body = event_body(config, index_of(config, api_name="run_01_basic"), [None, "Hello", None],
                                  new_session_hash())
                return await stream_event(http, server.url, body)

        run = asyncio.run(press_run())
    assert run.success and run.text and run.updates >= 2, "the run streamed to its end"
    assert "login_check" not in ran_in_threads, ran_in_threads


def test_a_page_with_a_login_keeps_gradios_check():
    import gradio as gr
    from fastapi import FastAPI

    from streamlab.ui import login_check, sessions

    with gr.Blocks() as demo:
        gr.Markdown("behind a login")
    app = gr.mount_gradio_app(FastAPI(), demo, path="/", auth=("learner", "a password"))
    gradio_app = sessions.gradio_app_of(app, demo)
    assert login_check.install(gradio_app) is False
    assert gradio_app.dependency_overrides == {}
