"""Driving the lesson page in a browser: the window sizes it must work at, and opening a lesson."""

import os
from pathlib import Path

from playwright.sync_api import expect

# The sizes the page is made for: a 1280×720 projector at 150 % zoom (853×480 CSS pixels, 1.5 device pixels
# each), full HD, a laptop, a phone.
SIZES = {
    "1280x720-zoom150": {"viewport": {"width": 853, "height": 480}, "device_scale_factor": 1.5},
    "1920x1080": {"viewport": {"width": 1920, "height": 1080}},
    "1600x1000": {"viewport": {"width": 1600, "height": 1000}},
    "390x844": {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2},
}
# STREAMLAB_SCREENSHOTS=1: the browser tests save the README's screenshots here
SCREENSHOTS = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


def screenshot(page, name: str) -> None:
    if os.environ.get("STREAMLAB_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def open_lesson(page, stem: str) -> None:
    """Open a lesson the way a learner does: one click on it in the course list."""
    page.locator(f"#nav-{stem}").click()
    expect(page.locator(f"#tab-{stem}")).to_be_visible()


# What the code panels of a lesson show and whether any line is cut off: the editor's own document (the text
# it displays), the lines it has drawn, and their widths against their boxes.
CODE_PANELS = """stem => Array.from(document.querySelectorAll(`#tab-${stem} .snippet-code .cm-scroller`), scroller => {
    const content = scroller.querySelector(".cm-content");
    const tile = content.cmTile || content.cmView;
    return {
        id: scroller.closest(".snippet-code").id,
        document: tile ? tile.view.state.doc.toString() : null,
        drawn: Array.from(content.querySelectorAll(":scope > .cm-line")).map(line => line.textContent),
        scrollWidth: scroller.scrollWidth, clientWidth: scroller.clientWidth,
        clippedLines: Array.from(content.querySelectorAll(":scope > .cm-line"))
            .filter(line => line.scrollWidth > line.clientWidth + 1).length,
    };
})"""


def code_panels(page, stem: str) -> list[dict]:
    return page.evaluate(CODE_PANELS, stem)


def assert_no_line_clipped(page, stem: str) -> None:
    panels = code_panels(page, stem)
    assert panels, f"{stem} shows no code panel"
    for panel in panels:
        assert panel["scrollWidth"] <= panel["clientWidth"] + 1, f"{panel['id']} scrolls sideways: {panel}"
        assert panel["clippedLines"] == 0, f"{panel['id']}: {panel['clippedLines']} lines cut off"


def box_inside_viewport(page, selector: str) -> tuple[bool, dict]:
    box = page.locator(selector).bounding_box()
    size = page.viewport_size
    inside = (box is not None and box["x"] >= -1 and box["y"] >= -1 and box["x"] + box["width"] <= size["width"] + 1
              and box["y"] + box["height"] <= size["height"] + 1)
    return inside, box


def load(page, url: str) -> None:
    """Open the page and wait until Gradio has built it (slow on a busy machine: up to 30 s)."""
    page.goto(url)
    expect(page.locator("#course-nav a[data-lesson]").first).to_be_visible(timeout=60_000)
    expect(page.locator("#lesson-tabs [role=tabpanel]").first).to_be_attached(timeout=60_000)
    expect(page.locator("html[data-sl-ready]")).to_be_attached(timeout=60_000)  # every event wired: Run works
