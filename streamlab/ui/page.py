"""The whole page: a header, the provider panel, and one tab per discovered lesson."""

from __future__ import annotations

import gradio as gr

from streamlab import lessons
from streamlab.hosting import Hosting
from streamlab.limits import Limits
from streamlab.ui import lesson_tab, provider_panel

INTRO = (
    "# StreamLab\n"
    "Learn LLM response streaming by watching it happen. Each tab is one lesson: read it, read the code, press "
    "**Run**, and the answer streams beside the very code producing it. No key needed — a built-in mock speaks "
    "the real OpenAI and Anthropic wire formats. Open **Provider** to use your own key."
)


def build_demo(mock_url: str, found: list[lessons.Lesson] | None = None, hosting: Hosting | None = None) -> gr.Blocks:
    found = lessons.discover() if found is None else found
    hosting = hosting or Hosting()
    limits = Limits(hosting)  # one per server: counted here, never in the page
    with gr.Blocks(title="StreamLab — learn LLM streaming") as demo:
        gr.Markdown(INTRO, elem_id="intro")
        settings_state = provider_panel.build(hosting, mock_url)
        with gr.Tabs(elem_id="lesson-tabs"):
            for lesson in found:
                lesson_tab.build(lesson, settings_state, mock_url, hosting, limits)
        if not found:
            gr.Markdown("No lessons found in `snippets/`.")
        # Opening the page makes this session's server-side state (Gradio copies every component's config for
        # it: ~90 ms of CPU for this page). Done here, it is spread over the minutes a room takes to open the
        # page, instead of landing on the event loop when everyone presses Run at once.
        demo.load(_session_opened, None, None, queue=False, api_visibility="private", show_progress="hidden")
    return demo


def _session_opened() -> None:
    """Nothing to do: Gradio has made the session's state by the time this runs."""
