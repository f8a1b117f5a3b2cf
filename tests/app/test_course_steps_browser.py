"""The course in order, in Chromium: each lesson ends with links to the lessons before and after it (the course
list's order), Page Down / Page Up follow them in presenter mode, a run that ends done marks its lesson ✓ in the
list, in this browser only, and Clear my progress takes the marks away."""

from lesson_pages import load, open_lesson
from playwright.sync_api import expect

from streamlab.engine import lessons
from streamlab.ui import navigation

ORDER = [lesson.stem for lesson in navigation.course_order(lessons.discover())]


def test_the_course_list_reads_in_number_order():
    assert ORDER == sorted(ORDER) and [int(stem[:2]) for stem in ORDER] == list(range(1, len(ORDER) + 1))


def test_each_lesson_links_to_the_one_before_and_after_it(page, app_server):
    load(page, f"{app_server.url}/?lesson=04_stream_vs_block")
    steps = page.locator("#steps-04_stream_vs_block")
    expect(steps.locator("a[rel=prev]")).to_contain_text("3. Token usage")
    expect(steps.locator("a[rel=next]")).to_contain_text("5. A chat with history")
    steps.locator("a[rel=next]").click()
    expect(page.locator("#tab-05_chat")).to_be_visible()
    assert page.url.endswith("lesson=05_chat")
    load(page, f"{app_server.url}/?lesson={ORDER[0]}")
    expect(page.locator(f"#steps-{ORDER[0]} a")).to_have_count(1)  # the first lesson has no previous
    load(page, f"{app_server.url}/?lesson={ORDER[-1]}&lang=zh")
    expect(page.locator(f"#steps-{ORDER[-1]} a[rel=prev]")).to_contain_text("上一课")


def test_page_down_and_up_walk_the_course_in_presenter_mode(page, app_server):
    load(page, f"{app_server.url}/?lesson=03_usage&present=1")
    page.locator("body").click(position={"x": 5, "y": 5})
    page.keyboard.press("PageDown")
    expect(page.locator("#tab-04_stream_vs_block")).to_be_visible()
    page.keyboard.press("PageDown")
    expect(page.locator("#tab-05_chat")).to_be_visible()
    page.keyboard.press("PageUp")
    expect(page.locator("#tab-04_stream_vs_block")).to_be_visible()
    page.locator("#prompt-04_stream_vs_block textarea").click()  # typing in a field: the keys are the field's
    page.keyboard.press("PageDown")
    expect(page.locator("#tab-04_stream_vs_block")).to_be_visible()


def test_a_run_to_the_end_marks_the_lesson_in_this_browser_until_cleared(page, app_server, browser):
    load(page, app_server.url)
    open_lesson(page, "01_basic")
    done = page.locator("#nav-01_basic .nav-done")
    expect(done).to_be_hidden()
    page.locator("#run-01_basic").click()
    expect(page.locator("#status-01_basic")).to_contain_text("Done", timeout=60_000)
    expect(done).to_be_visible()
    expect(page.locator("#nav-02_async .nav-done")).to_be_hidden()
    page.reload()
    load(page, app_server.url)
    expect(page.locator("#nav-01_basic .nav-done")).to_be_visible()
    other = browser.new_context()
    try:
        stranger = other.new_page()
        load(stranger, app_server.url)
        expect(stranger.locator("#nav-01_basic .nav-done")).to_be_hidden()
    finally:
        other.close()
    page.locator("#course-nav .progress-clear").click()
    expect(page.locator("#nav-01_basic .nav-done")).to_be_hidden()
    expect(page.locator("#course-nav .progress-clear")).to_be_hidden()
