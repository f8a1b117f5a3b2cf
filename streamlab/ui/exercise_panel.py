"""A lesson's exercise: the tutorials' broken code in an editor, and **Check my fix** (streamlab.engine.exercises).

The results list each case as passed or failed, with what went wrong, in the page's language; when every case
passes, the browser marks the lesson solved in the course list (`assets/kept_in_browser.js`, localStorage).
"""

from __future__ import annotations

import gradio as gr

from streamlab.engine import exercises
from streamlab.engine.edited_runs import EditedRuns
from streamlab.hosting import providers
from streamlab.hosting.editing import Editing
from streamlab.hosting.limits import LimitReached, Limits
from streamlab.i18n import page_language, runtime
from streamlab.i18n.interface import t
from streamlab.ui import code_editor

SOLVED_JS = "(solved) => { if (solved) window.streamlabKept?.solve(solved); }"
WORDS = {"en": ("Passed", "Failed", "All cases pass: the exercise is solved.", "{n} of {total} cases pass."),
         "zh": ("通过", "未通过", "所有情况都通过了：练习完成。", "{total} 种情况中通过了 {n} 种。")}


def results_markdown(results: list[exercises.Result], lang: str) -> str:
    lang = "zh" if lang == "zh" else "en"
    passed, failed, all_pass, some = WORDS[lang]
    lines = []
    for result in results:
        name = result.case.names.get(lang) or result.case.names.get("en") or result.case.id
        if result.passed:
            lines.append(f"- ✓ **{passed}** · {name}")
        else:
            lines.append(f"- ✗ **{failed}** · {name}: {runtime.translate(result.why, lang)}")
    count = sum(r.passed for r in results)
    head = all_pass if count == len(results) else some.format(n=count, total=len(results))
    return f"**{head}**\n\n" + "\n".join(lines)


def build(exercise: exercises.Exercise, editing: Editing | None, mock: providers.MockUrls,
          edits: EditedRuns | None, limits: Limits | None = None) -> code_editor.Editor:
    """The exercise's panel; a check counts as one run of the lesson against a public server's run limits."""
    stem = exercise.stem
    with gr.Accordion(t("exercise.title"), open=False, elem_id=f"exercise-{stem}", elem_classes="exercise"):
        gr.Markdown(t(f"exercise.{stem}.task"), elem_classes="exercise-task")
        editor = code_editor.build(exercise.lesson, editing, f"exercises/{exercise.lesson.snippet_path.name}",
                                   f"ex-{stem}", f"exercise-code-{stem}")
        check = gr.Button(t("exercise.check"), variant="primary", elem_id=f"check-{stem}",
                          interactive=bool(editing and editing.enabled))
        results = gr.Markdown("", elem_id=f"results-{stem}", elem_classes="exercise-results")
        solved = gr.Textbox("", visible=False)

    async def run_check(request: gr.Request, source: str):
        lang = page_language.of_request(request)
        session = getattr(request, "session_hash", None) or ""
        try:
            release = limits.admit(session, f"{stem}:check") if limits is not None else None
        except LimitReached as refused:
            yield runtime.status_line("failed", lang, str(refused)), ""
            return
        yield runtime.status_line("running", lang), ""
        try:
            found = await exercises.check(exercise, source or "", mock, edits, session)
        finally:
            if release is not None:
                release()
        yield results_markdown(found, lang), stem if found and all(r.passed for r in found) else ""

    check.click(run_check, [editor.code], [results, solved], api_name=f"check_{stem}", show_progress="minimal")
    solved.change(None, [solved], None, js=SOLVED_JS, queue=False, api_visibility="private", show_progress="hidden")
    return editor
