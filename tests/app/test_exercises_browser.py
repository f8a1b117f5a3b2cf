"""Lesson 17's exercise in Chromium: the tutorials' parser fails Check with a reason per case, the learner's fix
passes every case, and the course list marks the lesson solved, also after a reload."""

from exercise_fixes import FIXED_PARSER
from lesson_pages import load, open_lesson, screenshot
from playwright.sync_api import expect

STEM = "17_broken_sse_parser"


def test_check_my_fix_fails_the_tutorials_parser_passes_the_fix_and_marks_the_lesson_solved(page, app_server):
    load(page, app_server.url)
    open_lesson(page, STEM)
    page.locator(f"#exercise-{STEM}").get_by_text("Exercise: fix the tutorials' code yourself").click()
    check, results = page.locator(f"#check-{STEM}"), page.locator(f"#results-{STEM}")
    check.click()
    expect(results).to_contain_text("0 of 3 cases pass.", timeout=90_000)
    for case in ("A whole stream, ending with data: [DONE]: Round 1: Your code raised JSONDecodeError",
                 "A network that cuts lines across reads: Round 1: Your code raised",
                 "A network that cuts a Chinese character across reads: Round 1: Your code raised"):
        expect(results).to_contain_text(case)
    expect(page.locator(f"#nav-{STEM} .nav-solved")).to_be_hidden()

    page.locator(f"#exercise-code-{STEM} .cm-content").click()
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(FIXED_PARSER.strip())
    expect(page.locator('.edit-mark[data-key="ex-17_broken_sse_parser"]')).to_be_visible()
    check.click()
    expect(results).to_contain_text("All cases pass: the exercise is solved.", timeout=90_000)
    expect(results.locator("li")).to_have_count(3)
    expect(page.locator(f"#nav-{STEM} .nav-solved")).to_be_visible()  # ★, "exercise solved" to a screen reader
    screenshot(page, "exercise-solved")

    page.reload()
    load(page, app_server.url)
    expect(page.locator(f"#nav-{STEM} .nav-solved")).to_be_visible()  # ★, "exercise solved" to a screen reader
    open_lesson(page, STEM)
    page.locator(f"#exercise-{STEM}").get_by_text("Exercise: fix the tutorials' code yourself").click()
    expect(page.locator(f"#exercise-code-{STEM} .cm-content")).to_contain_text("getincrementaldecoder")
