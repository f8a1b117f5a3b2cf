"""A chat lesson's window (a snippet with `CHAT = True`): its main pane is a chat, each run one turn.

The conversation is this browser session's (a `gr.State` on the server), sent back to the snippet each turn as
`history`, shown in a `gr.Chatbot` with the turn streaming at its end. A turn that ends before its answer does
(Stop, a failure part-way) stays in the conversation with the text that arrived, marked as cut in the window; a
turn that got no answer at all leaves the conversation as it was. **Clear** starts a new conversation.
"""

from __future__ import annotations

import gradio as gr

from streamlab.engine.lessons import Lesson
from streamlab.i18n.interface import pane, t

CUT = {"en": "✂ *Cut: the answer stopped here.*", "zh": "✂ *已中断：回答停在了这里。*"}


def is_chat(lesson: Lesson) -> bool:
    return bool(lesson.attributes.get("CHAT"))


def build(lesson: Lesson) -> tuple[gr.Chatbot, gr.State]:
    """The chat window, in place of the main pane, and the conversation it shows."""
    with gr.Column(min_width=300, elem_classes="chat-column"):
        window = gr.Chatbot(label=pane(lesson.panes[0]), height=380, elem_id=f"pane-{lesson.stem}-0",
                            elem_classes=["output-pane", "chat-pane"], buttons=["copy"], autoscroll=True)
        clear = gr.Button(t("chat.clear"), size="sm", elem_id=f"clear-{lesson.stem}", elem_classes="chat-clear")
    turns = gr.State([])
    for cleared in (clear.click, window.clear):  # the button, and the window's own bin icon
        cleared(lambda: ([], []), None, [window, turns], queue=False, api_visibility="private",
                show_progress="hidden")
    return window, turns


def shown(window: gr.Chatbot, turns: list[dict], prompt: str | None, answer: str, lang: str) -> list:
    """What the window shows: the conversation (cut turns marked), then this turn (`prompt`: None when there is
    none), as the page's chat component reads it."""
    messages = [{"role": turn["role"], "content": turn["content"] + (f"\n\n{CUT[lang]}" if turn.get("cut") else "")}
                for turn in turns]
    if prompt is not None:
        messages += [{"role": "user", "content": prompt}] + ([{"role": "assistant", "content": answer}]
                                                              if answer else [])
    return window.postprocess(messages).model_dump()


def after(turns: list[dict], prompt: str, answer: str, status: str) -> list[dict]:
    """The conversation once a turn has ended `status` with `answer` (the text that arrived)."""
    if not answer:  # nothing of an answer: the turn is not kept
        return turns
    return [*turns, {"role": "user", "content": prompt},
            {"role": "assistant", "content": answer, "cut": status != "done"}]

