"""The course at a glance: every lesson, grouped into chapters, one click away; deep links and presenter mode.

The chapters are data (`lessons/chapters.json`: chapter key → lesson stems, in order); their names are
interface strings (`chapter.<key>` in streamlab.i18n.interface). A stem listed there but absent on disk is
skipped; a discovered lesson no chapter lists goes to a last chapter, "More lessons", so it is never lost.

The list is plain HTML with links (`?lesson=11_raw_wire`); `assets/streamlab.js` opens the lesson in the page,
keeps the address in step with the open lesson, and runs presenter mode (`?present=1`) and the keys. Gradio's
i18n does not reach into HTML, so each word is there in every language (`<span lang>`) and the page's CSS shows
the one of the page's language (`data-sl-lang` on `<html>`, set by streamlab.i18n.page_language).
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import gradio as gr

from streamlab.engine.lessons import ROOT, Lesson
from streamlab.i18n import DEFAULT, LANGUAGES

CHAPTERS_FILE = "chapters.json"
MORE = "more"


def chapter_plan(lessons_dir: Path = ROOT / "lessons") -> dict[str, list[str]]:
    """Chapter key → the stems it lists, as written in `lessons/chapters.json` (empty when there is none)."""
    path = lessons_dir / CHAPTERS_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def chapters(found: list[Lesson], plan: dict[str, list[str]] | None = None) -> list[tuple[str, list[Lesson]]]:
    """(chapter key, its lessons in number order) for every chapter with a lesson present, then "more"."""
    if plan is None:
        plan = chapter_plan(found[0].prose_path.parent) if found else {}
    by_stem = {lesson.stem: lesson for lesson in found}
    grouped, placed = [], set()
    for key, stems in plan.items():
        members = sorted((by_stem[s] for s in stems if s in by_stem and s not in placed), key=lambda x: x.stem)
        placed.update(lesson.stem for lesson in members)
        if members:
            grouped.append((key, members))
    rest = [lesson for lesson in found if lesson.stem not in placed]
    return grouped + ([(MORE, rest)] if rest else [])


class Words:
    """A page string in every language, from the page's translations ({lang: {key: text}}), as HTML."""

    def __init__(self, texts: dict[str, dict[str, str]]):
        self.texts = texts

    def __call__(self, key: str) -> str:
        english = self.texts.get(DEFAULT, {}).get(key, key)
        return "".join(f'<span lang="{lang}">{html.escape(self.texts.get(lang, {}).get(key, english))}</span>'
                       for lang in LANGUAGES)


def _link(lesson: Lesson, words: Words) -> str:
    stem = html.escape(lesson.stem)
    title = f"⚠️ {stem}" if lesson.error else words(f"lesson.{lesson.stem}.title")
    return (f'<li><a href="?lesson={stem}" data-lesson="{stem}" id="nav-{stem}">'
            f'<span class="nav-num">{lesson.number}</span><span class="nav-title">{title}</span>'
            f'<span class="nav-done" hidden><span class="visually-hidden">{words("nav.done")}</span></span>'
            f'<span class="nav-solved" hidden><span class="visually-hidden">{words("nav.solved")}</span></span>'
            '</a></li>')


def course_order(found: list[Lesson], plan: dict[str, list[str]] | None = None) -> list[Lesson]:
    """Every lesson as the list shows them, top to bottom (the order "next" follows)."""
    return [lesson for _, members in chapters(found, plan) for lesson in members]


def steps_html(order: list[Lesson], stem: str, texts: dict[str, dict[str, str]]) -> str:
    """The end of a lesson: links to the lessons before and after it in the course (keys in presenter mode)."""
    words = Words(texts)
    at = next((i for i, lesson in enumerate(order) if lesson.stem == stem), None)
    if at is None:
        return ""
    links = []
    for step, neighbour, arrow in (("previous", order[at - 1] if at else None, "←"),
                                   ("next", order[at + 1] if at + 1 < len(order) else None, "→")):
        if neighbour is None:
            links.append(f'<span class="step-{step}"></span>')
            continue
        title = words(f"lesson.{neighbour.stem}.title")
        label = f"{arrow} {neighbour.number}. {title}" if step == "previous" else f"{neighbour.number}. {title} {arrow}"
        links.append(f'<a class="step-{step}" href="?lesson={html.escape(neighbour.stem)}" '
                     f'data-lesson="{html.escape(neighbour.stem)}" rel="{"prev" if step == "previous" else "next"}">'
                     f'<span class="step-word">{words(f"nav.{step}")}</span>'
                     f'<span class="step-title">{label}</span></a>')
    return f'<nav class="lesson-steps" aria-label="lesson steps">{"".join(links)}</nav>'


def nav_html(found: list[Lesson], texts: dict[str, dict[str, str]], plan: dict[str, list[str]] | None = None) -> str:
    words = Words(texts)
    sections = "".join(
        f'<section class="nav-chapter" data-chapter="{html.escape(key)}"><h2>{words(f"chapter.{key}")}</h2>'
        f'<ol>{"".join(_link(lesson, words) for lesson in members)}</ol></section>'
        for key, members in chapters(found, plan))
    return ('<nav aria-labelledby="nav-heading"><div class="nav-head">'
            f'<span class="nav-heading" id="nav-heading">{words("nav.label")}</span>'
            '<span class="nav-current" aria-live="polite"></span>'
            f'<button type="button" class="present-toggle" aria-pressed="false">{words("nav.present")}</button></div>'
            f'<div class="nav-chapters">{sections}</div>'
            f'<div class="nav-progress"><button type="button" class="progress-clear" hidden>{words("nav.clear")}'
            '</button></div></nav>')


def build(found: list[Lesson], texts: dict[str, dict[str, str]]) -> gr.HTML:
    return gr.HTML(nav_html(found, texts), elem_id="course-nav", js_on_load=None, padding=False)


# Before Gradio's own code (page_language puts it in <head>), so it sees the page being built.
HEAD = '<script src="/static/streamlab.js" defer></script><script src="/static/kept_in_browser.js" defer></script>'
