"""The provider panel's mock controls reach the runs of that session: speed sets the pace, fault the failure."""

import re

from playwright.sync_api import expect

from streamlab.ui.provider_panel import SPEEDS


def fresh_page_with_mock(page, url, speed=None, fault=None):
    """A newly loaded page (no earlier run to mistake for this one) with the mock's controls set."""
    page.goto(url)
    page.locator("#provider-panel").get_by_text("Provider").first.click()
    panel = page.locator("#provider-panel")
    if speed:
        panel.get_by_label(speed).check()
    if fault:
        panel.get_by_label("Mock fault (every run fails this way)").click()
        page.get_by_role("option", name=fault).click()
    summary = page.locator("#provider-summary")  # the panel's settings have reached the server once it says so
    expect(summary).to_contain_text(f"at {speed or 'realistic'} speed")
    if fault:
        expect(summary).to_contain_text(f"fails with the {fault} fault")


def first_token_ms(page) -> int:
    """Run lesson 1 until its first text arrives, stop it, and read the first-token time from the metrics."""
    page.locator("#run-01_basic").click()
    expect(page.locator("#pane-01_basic-0 textarea")).not_to_have_value("", timeout=30_000)
    page.locator("#stop-01_basic").click()  # a slow run is cut short; an instant one may already be done
    expect(page.locator("#status-01_basic")).to_contain_text(re.compile("Stopped|Done"), timeout=30_000)
    cell = page.locator("#metrics-01_basic td").first.inner_text()
    return int(re.fullmatch(r"(\d+) ms", cell.strip()).group(1))


def test_mock_speed_chosen_in_the_panel_sets_the_pace_of_the_next_run(page, app_server):
    fresh_page_with_mock(page, app_server.url, speed="slow")
    slow = first_token_ms(page)
    fresh_page_with_mock(page, app_server.url, speed="instant")
    instant = first_token_ms(page)
    ttft, _, jitter = SPEEDS["slow"]
    assert slow >= ttft - jitter, f"slow speed gave its first token after only {slow} ms"
    assert instant * 2 < slow, f"instant ({instant} ms) should be far quicker than slow ({slow} ms)"


def test_mock_fault_chosen_in_the_panel_makes_the_next_run_fail_that_way(page, app_server):
    fresh_page_with_mock(page, app_server.url, fault="rate_limit")
    page.locator("#run-01_basic").click()
    expect(page.locator("#status-01_basic")).to_contain_text("Rate limited (429)", timeout=30_000)
