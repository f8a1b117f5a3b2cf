"""The provider panel's mock controls reach the runs of that session: speed sets the pace, fault the failure."""

import re

from playwright.sync_api import expect

from streamlab.ui.provider_panel import SPEEDS


def open_provider_panel(page):
    page.locator("#provider-panel").get_by_text("Provider").first.click()
    expect(page.locator("#provider-summary")).to_be_visible()


def first_token_ms(page) -> int:
    """Run lesson 1 until its first text arrives, stop it, and read the first-token time from the metrics."""
    page.locator("#run-01_basic").click()
    expect(page.locator("#pane-01_basic-0 textarea")).not_to_have_value("", timeout=30_000)
    page.locator("#stop-01_basic").click()
    expect(page.locator("#status-01_basic")).to_contain_text("Stopped", timeout=30_000)
    cell = page.locator("#metrics-01_basic td").first.inner_text()
    return int(re.fullmatch(r"(\d+) ms", cell.strip()).group(1))


def test_mock_speed_and_fault_chosen_in_the_panel_shape_the_next_run(page, app_server):
    page.goto(app_server.url)
    open_provider_panel(page)
    panel = page.locator("#provider-panel")
    panel.get_by_label("slow").check()
    slow = first_token_ms(page)
    panel.get_by_label("instant").check()
    instant = first_token_ms(page)
    slow_ttft = SPEEDS["slow"][0]
    assert slow >= slow_ttft - SPEEDS["slow"][2], f"slow speed gave its first token after only {slow} ms"
    assert instant * 2 < slow, f"instant ({instant} ms) should be far quicker than slow ({slow} ms)"

    panel.get_by_label("Mock fault (every run fails this way)").click()
    page.get_by_role("option", name="rate_limit").click()
    page.locator("#run-01_basic").click()
    expect(page.locator("#status-01_basic")).to_contain_text("Rate limited (429)", timeout=30_000)
