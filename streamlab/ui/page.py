"""The whole page: a header, the provider panel, and one tab per discovered lesson."""

from __future__ import annotations

import gradio as gr

from streamlab import lessons
from streamlab.hosting import Hosting
from streamlab.i18n import interface, page_language
from streamlab.i18n.interface import t
from streamlab.limits import Limits
from streamlab.ui import lesson_tab, provider_panel


def build_demo(mock_url: str, found: list[lessons.Lesson] | None = None, hosting: Hosting | None = None) -> gr.Blocks:
    found = lessons.discover() if found is None else found
    hosting = hosting or Hosting()
    limits = Limits(hosting)  # one per server: counted here, never in the page
    with gr.Blocks(title="StreamLab — learn LLM streaming") as demo:
        with gr.Row(elem_id="page-head"):
            gr.Markdown(t("intro"), elem_id="intro")
            language = gr.Radio([("English", "en"), ("中文", "zh")], value=t("meta.lang"), label=t("language"),
                                elem_id="language-switch", scale=0, min_width=160)
        language.change(None, language, None, js=page_language.SWITCH_JS, queue=False, api_visibility="private",
                        show_progress="hidden")
        panel = provider_panel.build(hosting, mock_url)
        with gr.Tabs(elem_id="lesson-tabs"):
            for lesson in found:
                lesson_tab.build(lesson, panel, mock_url, hosting, limits)
        provider_panel.connect(panel)  # its events, now that every tab's note on the mock exists
        if not found:
            gr.Markdown(t("no_lessons"))
        # Opening the page makes this session's server-side state (Gradio copies every component's config for
        # it: ~90 ms of CPU for this page). Done here, it is spread over the minutes a room takes to open the
        # page, instead of landing on the event loop when everyone presses Run at once.
        demo.load(_session_opened, None, None, queue=False, api_visibility="private", show_progress="hidden")
    # the page's words in every language, handed to Gradio when the app is mounted (server.create_app)
    demo.streamlab_i18n = interface.translations(found, provider_panel.made_strings(hosting))
    return demo


def _session_opened() -> None:
    """Nothing to do: Gradio has made the session's state by the time this runs."""
