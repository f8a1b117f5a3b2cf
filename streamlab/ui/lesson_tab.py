"""One lesson tab, written once for every lesson: prose, the snippet's own source, controls, live output."""

from __future__ import annotations

import json
import time
from pathlib import Path

import gradio as gr

from streamlab.engine import exercises, runner, worker_pool
from streamlab.engine.edited_runs import EditedRuns
from streamlab.engine.lessons import ROOT, Lesson
from streamlab.engine.metrics import REFRESH_S, THINKING_PANE
from streamlab.hosting import providers
from streamlab.hosting.limits import Limits
from streamlab.hosting.mode import Hosting
from streamlab.hosting.providers import CLIENT_WIRE
from streamlab.i18n import page_language, runtime
from streamlab.i18n.interface import lesson_key, option_label, pane, t
from streamlab.ui import chat_window, code_editor, exercise_panel, provider_panel

PROSE_HEIGHT = 300  # px: the prose scrolls, so the code stays beside the output without scrolling the page
STANDALONE = 'if __name__ == "__main__":'  # the block that lets a snippet run on its own
# Panes that hold an answer in words sit side by side; every other pane is a log or wire text (JSON lines, events
# in columns, a curl command): monospace, and the column's full width so an 80-column line fits.
TEXT_PANES = frozenset({"output", "streaming", "blocking", "answer 1", "answer 2", "answer 3", "answer", "thinking",
                        "broken", "fixed"})
# A lesson's embedded page (PAGE) is driven by the tab's own Run and Stop: the prompt, the fault (the lesson's
# fault option, else the panel's mock fault) and the tab's options are posted to it, in the browser, from the
# same origin.
PAGE_RUN_JS = """(prompt, provider, mockFault, ...values) => {
  const options = Object.fromEntries(%(names)s.map((name, i) => [name, values[i]]));
  const fault = "fault" in options ? options.fault : mockFault;
  const chosen = fault && fault !== "none" ? fault : provider === "mock" && mockFault ? mockFault : "none";
  document.querySelector("#page-%(stem)s iframe")?.contentWindow?.postMessage(
    {streamlab: "run", prompt, fault: chosen, options}, location.origin);
}"""
DONE_JS = "(status) => { if (String(status).includes('run-icon-done')) window.streamlabKept?.done(%s); }"
PAGE_STOP_JS = """() => document.querySelector("#page-%s iframe")?.contentWindow?.postMessage(
  {streamlab: "stop"}, location.origin)"""


def status_markdown(frame: runner.Frame, lang: str = "en") -> str:
    if frame.status == "running":
        answered = [f.first_at for name, f in frame.metrics.panes.items() if name != THINKING_PANE and f.first_at]
        if not answered:  # nothing of the answer yet: the model is silent, or only thinking
            return runtime.status_line("thinking" if frame.metrics.first_thinking_at else "waiting", lang)
    return runtime.status_line(frame.status, lang, frame.message)


def _prose(lesson: Lesson, height: int = PROSE_HEIGHT) -> None:
    """The lesson's prose in the learner's language (`lessons/<lang>/NN_slug.md`, else English)."""
    gr.Markdown(lesson_key(lesson, "prose"), elem_classes="lesson-prose", max_height=height)


def _wire_note(lesson: Lesson) -> str:
    """Which wire format the lesson speaks: a snippet's WIRE constant, else its client's."""
    return lesson.attributes.get("WIRE") or CLIENT_WIRE.get(lesson.client_kind, "openai")


def _control(option):
    label = option_label(option)
    if option.choices:
        return gr.Dropdown(list(option.choices), value=option.default, label=label)
    if isinstance(option.default, bool):
        return gr.Checkbox(value=option.default, label=label)
    if isinstance(option.default, (int, float)):
        precision = 0 if isinstance(option.default, int) else None
        low, high = option.limits
        # the range is shown, and enforced by the run (inputs.option) with the lesson's own status line in the page's
        # language: Gradio's minimum/maximum would refuse first with an English toast
        return gr.Number(value=option.default, label=label, precision=precision, info=f"{low} – {high}")
    return gr.Textbox(value=str(option.default), label=label)


def _python_code(lesson: Lesson, edits: EditedRuns | None) -> code_editor.Editor:
    editor = code_editor.build(lesson, edits.editing if edits else None, f"snippets/{lesson.snippet_path.name}",
                               lesson.stem, f"code-{lesson.stem}")
    if STANDALONE in lesson.source:  # greyed in the panel by assets/streamlab.js, never left out
        gr.Markdown(t("code.standalone"), elem_classes="code-note")
    return editor


def _page_script(lesson: Lesson) -> str:
    """The path of the browser script a lesson's page runs (PAGE_SCRIPT), if it has one."""
    script = lesson.attributes.get("PAGE_SCRIPT")
    return script if script and (ROOT / script).is_file() else ""


def _server_and_browser_code(lesson: Lesson, script: str, edits: EditedRuns | None) -> code_editor.Editor:
    """The server's Python and the page's JavaScript side by side, each the file that runs."""
    with gr.Row(equal_height=False, elem_classes="code-pair"):
        with gr.Column(min_width=360):
            editor = _python_code(lesson, edits)
        with gr.Column(min_width=360):
            gr.Code((ROOT / script).read_text(encoding="utf-8"), language="javascript", label=script,
                    interactive=False, max_lines=30, wrap_lines=True, elem_classes="snippet-code",
                    elem_id=f"script-{lesson.stem}")
    return editor


def _pane(lesson: Lesson, i: int, name: str, log: bool) -> gr.Textbox:
    return gr.Textbox(label=pane(name), lines=10 if i == 0 else 8, max_lines=24, autoscroll=True, interactive=False,
                      buttons=["copy"], elem_id=f"pane-{lesson.stem}-{i}",
                      elem_classes=["output-pane", "log-pane" if log else "text-pane"])


def _panes(lesson: Lesson) -> list:
    """The output panes, in the snippet's order: answers side by side in a row, then each log pane full width; a
    chat lesson's main pane is its chat window, and its conversation (a State) comes last."""
    made = {}
    with gr.Row(elem_classes="text-panes"):
        for i, name in enumerate(lesson.panes):
            if i == 0 and chat_window.is_chat(lesson):
                made[i], made["turns"] = chat_window.build(lesson)
            elif i == 0 or name in TEXT_PANES:
                made[i] = _pane(lesson, i, name, log=False)
    for i, name in enumerate(lesson.panes):
        if i not in made:
            made[i] = _pane(lesson, i, name, log=True)
    return [made[i] for i in range(len(lesson.panes))] + ([made["turns"]] if "turns" in made else [])


def error_tab(lesson: Lesson) -> None:
    with gr.Tab(f"{lesson.number}. ⚠️ {lesson.stem}", id=lesson.stem, elem_id=f"tab-{lesson.stem}"):
        gr.Markdown(t("error_tab"), elem_classes="lesson-error")
        gr.Markdown(f"`{lesson.snippet_path.name}`: {lesson.error}", elem_classes="lesson-error")


def build(lesson: Lesson, panel: provider_panel.Panel, mock: providers.MockUrls, hosting: Hosting | None = None,
          limits: Limits | None = None, pool: worker_pool.Pool | None = None, edits: EditedRuns | None = None,
          exercise: exercises.Exercise | None = None, steps: str = "") -> list[code_editor.Editor]:
    """The lesson's tab, ending with `steps` (links to the lessons before and after it); → its editors (the
    snippet's, and its exercise's if it has one)."""
    if lesson.error:
        error_tab(lesson)
        return []
    settings_state = panel.state
    editors = []
    script = _page_script(lesson)
    with gr.Tab(lesson_key(lesson, "tab"), id=lesson.stem, elem_id=f"tab-{lesson.stem}"):
        with gr.Row(equal_height=False, elem_classes="lesson-body"):
            with gr.Column(scale=5, min_width=360, elem_classes="lesson-left"):
                _prose(lesson, PROSE_HEIGHT * 3 if script else PROSE_HEIGHT)  # with the code below, prose has room
                if not script:
                    editors.append(_python_code(lesson, edits))
            with gr.Column(scale=6, min_width=360, elem_classes="lesson-right"):
                if "wire" not in {o.name for o in lesson.options}:
                    gr.Markdown(t(f"wire.{_wire_note(lesson)}"), elem_classes="wire-note",
                                elem_id=f"wire-{lesson.stem}")
                page = lesson.attributes.get("PAGE")
                if page:
                    gr.HTML(f'<iframe class="lesson-page" src="/static/{Path(page).relative_to("assets").as_posix()}'
                            f'?embedded" title="{lesson.title}"></iframe>', elem_id=f"page-{lesson.stem}")
                prompt = gr.Textbox(lesson_key(lesson, "prompt"), label=t("prompt"), lines=2, max_lines=8,
                                    elem_id=f"prompt-{lesson.stem}")
                controls = [_control(o) for o in lesson.options]
                with gr.Row(elem_classes="run-buttons"):
                    run_button = gr.Button(t("run"), variant="primary", elem_id=f"run-{lesson.stem}")
                    stop_button = gr.Button(t("stop"), variant="stop", elem_id=f"stop-{lesson.stem}")
                provider_panel.mock_state(panel, lesson.stem)
                status = gr.Markdown("", elem_id=f"status-{lesson.stem}", elem_classes="run-status")
                panes = _panes(lesson)
                turns = [panes.pop()] if chat_window.is_chat(lesson) else []  # the chat's conversation
                metrics = gr.Markdown("", elem_id=f"metrics-{lesson.stem}", elem_classes="run-metrics")
                chart = gr.HTML("", elem_id=f"chart-{lesson.stem}", elem_classes="run-chart")
        if script:
            editors.append(_server_and_browser_code(lesson, script, edits))
        if exercise is not None:
            editors.append(exercise_panel.build(exercise, edits.editing if edits else None, mock, edits, limits))
        if steps:
            gr.HTML(steps, padding=False, elem_id=f"steps-{lesson.stem}")

        names = [o.name for o in lesson.options]

        async def run(request: gr.Request, settings, prompt_text, *values):
            *option_values, source = values[:len(values) - len(turns)]  # the editor's text: the lesson's own
            conversation = values[-1] if turns else None  # unless edited; then a chat's conversation so far
            settings = mock.apply(settings)
            session = getattr(request, "session_hash", None) or ""
            lang = page_language.of_request(request)
            metrics_value, chart_value, metrics_at, shown_first = "", "", 0.0, False
            async for frame in runner.run(lesson, settings, prompt_text, dict(zip(names, option_values)), session,
                                          hosting=hosting, limits=limits, pool=pool, source=source, edits=edits,
                                          history=conversation):  # inputs.history keeps role and text
                # The metrics table and the chart are redrawn a few times a second, not with every frame. A value
                # equal to the last one costs Gradio an empty diff; gr.skip() would cost it a new component each frame.
                now = time.monotonic()
                first_token = frame.metrics.first_at is not None and not shown_first  # its time, shown at once
                if frame.final or now - metrics_at >= REFRESH_S or first_token:
                    metrics_value, metrics_at = runtime.metrics_table(frame.metrics.markdown(), lang), now
                    shown_first = frame.metrics.first_at is not None
                    chart_value = runtime.chart(frame.metrics.chart_svg(lesson.panes), lang)
                values = [frame.panes.get(p, "") for p in lesson.panes]
                if turns:  # the chat window: the conversation, then this turn; at the end, the turn kept in it
                    answer = values[0]
                    if frame.final:
                        conversation = chat_window.after(conversation, prompt_text, answer, frame.status)
                    values[0] = chat_window.shown(panes[0], conversation, None if frame.final else prompt_text,
                                                  answer, lang)
                yield (*values, status_markdown(frame, lang), metrics_value, chart_value,
                       *([conversation] * len(turns)))

        def stop(request: gr.Request):
            runner.request_stop(getattr(request, "session_hash", None) or "", lesson.stem)

        if page:  # one form: Run and Stop drive the embedded page too, in the browser. Registered first: Gradio runs
            # a click's listeners in order and waits for each, so after the run this would wait for the whole stream
            run_button.click(None, [prompt, panel.provider, panel.fault, *controls], None,
                             js=PAGE_RUN_JS % {"names": json.dumps(names), "stem": lesson.stem}, queue=False,
                             api_visibility="private", show_progress="hidden")
            stop_button.click(None, None, None, js=PAGE_STOP_JS % lesson.stem, queue=False, api_visibility="private",
                              show_progress="hidden")
        # postprocess=False: the outputs are plain strings already, and Gradio would otherwise hop to a worker
        # thread for each output of each frame
        run_button.click(run, [settings_state, prompt, *controls, editors[0].code, *turns],
                         [*panes, status, metrics, chart, *turns],
                         api_name=f"run_{lesson.stem}", show_progress="minimal", postprocess=False).then(
            None, status, None, js=DONE_JS % json.dumps(lesson.stem), queue=False, api_visibility="private",
            show_progress="hidden")  # a run that ended done marks the lesson in this browser's course list
        stop_button.click(stop, None, None, api_name=f"stop_{lesson.stem}", queue=False, concurrency_limit=None)
    return editors
