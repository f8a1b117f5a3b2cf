"""The whole page: a header, the provider panel, the course's lessons by chapter, and one tab per lesson.

Gradio's own tab bar is hidden (its overflow menu would hide lessons): the chapter list beside the lessons
(above them on a narrow screen) is how a learner moves, one click per lesson (streamlab.ui.navigation)."""

from __future__ import annotations

import gradio as gr

from streamlab.engine import exercises, lessons, worker_pool
from streamlab.engine.edited_runs import EditedRuns
from streamlab.hosting import providers
from streamlab.hosting.limits import Limits
from streamlab.hosting.mode import Hosting
from streamlab.i18n import interface, page_language
from streamlab.i18n.interface import t
from streamlab.ui import code_editor, lesson_tab, navigation, provider_panel


def build_demo(mock: providers.MockUrls, found: list[lessons.Lesson] | None = None, hosting: Hosting | None = None,
               pool: worker_pool.Pool | None = None, edits: EditedRuns | None = None,
               found_exercises: dict[str, exercises.Exercise] | None = None) -> gr.Blocks:
    """`mock`: where the app's mock is; `pool`: the worker processes that run the snippets (None: runs in this
    process); `edits`: where edited code runs, and whether this server allows it (None: the editors are
    read-only); `found_exercises`: the lessons' exercises (None: those of `lessons/exercises.json`)."""
    found = lessons.discover() if found is None else found
    found_exercises = exercises.load_all() if found_exercises is None else found_exercises
    hosting = hosting or Hosting()
    limits = Limits(hosting)  # one per server: counted here, never in the page
    # the page's words in every language, handed to Gradio when the app is mounted (server.create_app)
    i18n = interface.translations(found, provider_panel.made_strings(hosting), found_exercises)
    editors: list[code_editor.Editor] = []
    with gr.Blocks(title="StreamLab — learn LLM streaming") as demo, gr.Column(elem_id="page"):
        with gr.Row(elem_id="page-head"):
            gr.Markdown(t("intro"), elem_id="intro")
            language = gr.Radio([("English", "en"), ("中文", "zh")], value=t("meta.lang"), label=t("language"),
                                elem_id="language-switch", scale=0, min_width=160)
        language.change(None, language, None, js=page_language.SWITCH_JS, queue=False, api_visibility="private",
                        show_progress="hidden")
        panel = provider_panel.build(hosting, mock)
        with gr.Row(elem_id="course", equal_height=False):
            with gr.Column(scale=0, min_width=230, elem_id="course-nav-column"):
                navigation.build(found, i18n.translations_dict)
            with gr.Column(scale=1, min_width=300, elem_id="lesson-column"):
                # "wrap": every tab button stays in the page (hidden by CSS), so a lesson opens by its button
                with gr.Tabs(elem_id="lesson-tabs", overflow_behavior="wrap"):
                    order = navigation.course_order(found)
                    for lesson in found:
                        steps = navigation.steps_html(order, lesson.stem, i18n.translations_dict)
                        editors += lesson_tab.build(lesson, panel, mock, hosting, limits, pool, edits,
                                                    found_exercises.get(lesson.stem), steps)
                if not found:
                    gr.Markdown(t("no_lessons"))
        provider_panel.connect(panel)  # its events, now that every tab's note on the mock exists
        # Opening the page makes this session's server-side state (Gradio copies every component's config for
        # it: ~90 ms of CPU for this page). Done here, it is spread over the minutes a room takes to open the
        # page, instead of landing on the event loop when everyone presses Run at once.
        # Its script marks the page ready (`<html data-sl-ready>`): Gradio fires load events once every event of
        # the page is wired, so from then on a click on Run (or Ctrl+Enter) starts a run.
        if edits is not None and edits.editing.enabled and editors:
            # …after each editor has its saved edit back (from this browser's storage), so Run runs what it shows
            saved = gr.Textbox(visible=False)
            demo.load(code_editor.restore(editors), saved, [e.code for e in editors], queue=False,
                      api_visibility="private", show_progress="hidden", js=code_editor.RESTORE_JS).then(
                None, None, None, queue=False, api_visibility="private", show_progress="hidden", js=READY_JS)
        else:
            demo.load(_session_opened, None, None, queue=False, api_visibility="private", show_progress="hidden",
                      js=READY_JS)
    demo.streamlab_i18n = i18n
    return demo


READY_JS = "() => { document.documentElement.dataset.slReady = '1'; }"


def _session_opened() -> None:
    """Nothing to do: Gradio has made the session's state by the time this runs."""
