"""A code panel that is an editor where this server lets visitors run edited code (streamlab.hosting.editing).

The panel shows the file that runs; where editing is on, the learner may change it and Run runs the editor's
text. What they type is kept in their browser only (`assets/kept_in_browser.js`: localStorage, one entry per
editor), put back in the editor when the page opens again (`restore`, one event for the whole page), and cleared
by Reset.
The files on disk are never written. Where editing is off the panel is read-only, with a line saying why.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import gradio as gr

from streamlab.engine.edited import MAX_SOURCE_CHARS
from streamlab.engine.lessons import Lesson
from streamlab.hosting.editing import Editing
from streamlab.i18n.interface import t

SAVE_JS = "(text) => { window.streamlabKept?.save(%s, text); }"
CLEAR_JS = "() => { window.streamlabKept?.clear(%s); }"
RESTORE_JS = "() => [window.streamlabKept ? window.streamlabKept.saved() : '{}']"
EDIT_MARK = ('<span class="edit-mark" data-key="{key}" hidden><span lang="en">✎ Edited: Run runs your version</span>'
             '<span lang="zh">✎ 已修改：运行的是你的版本</span></span>')


@dataclass(frozen=True)
class Editor:
    key: str  # its entry in the browser's storage: a lesson's stem, or "ex-" + stem for an exercise
    code: gr.Code
    original: str


def build(lesson: Lesson, editing: Editing | None, label: str, key: str, elem_id: str) -> Editor:
    """The code panel of `lesson` (its `source`), editable when `editing` allows it."""
    editable = bool(editing and editing.enabled)
    # wrap_lines: a line longer than the panel is wrapped, never cut off (snippets reach ~120 characters)
    code = gr.Code(lesson.source, language="python", label=label, interactive=editable, max_lines=30,
                   wrap_lines=True, buttons=["copy", "download"], elem_classes="snippet-code", elem_id=elem_id)
    if not editable:
        why = editing.why_off if editing and editing.why_off else "off"
        gr.Markdown(t(f"code.read_only.{why}"), elem_classes="code-note code-read-only")
        return Editor(key, code, lesson.source)
    with gr.Row(elem_classes="code-tools", elem_id=f"tools-{key}"):
        gr.HTML(EDIT_MARK.format(key=key), padding=False, elem_classes="edit-mark-box")
        reset = gr.Button(t("code.reset"), size="sm", scale=0, min_width=230, elem_id=f"reset-{key}",
                          elem_classes="code-reset")
    quoted = json.dumps(key)
    code.input(None, [code], None, js=SAVE_JS % quoted, queue=False, api_visibility="private",
               show_progress="hidden")
    reset.click(lambda: lesson.source, None, [code], js=CLEAR_JS % quoted, queue=False, api_visibility="private",
                show_progress="hidden")
    return Editor(key, code, lesson.source)


def restore(editors: list[Editor]):
    """The page-open event's function: each editor this browser saved an edit for gets it back; the rest stay."""

    def put_back(saved: str):
        try:
            table = json.loads(saved or "{}")
        except (TypeError, ValueError):
            table = {}
        table = table if isinstance(table, dict) else {}
        updates = []
        for editor in editors:
            text = table.get(editor.key)
            kept = isinstance(text, str) and text.rstrip() != editor.original.rstrip() and len(text) <= MAX_SOURCE_CHARS
            updates.append(gr.update(value=text) if kept else gr.skip())
        return updates if len(updates) != 1 else updates[0]

    return put_back
