"""A key typed in the page stays in that browser session, out of messages, the page and the log."""

from playwright.sync_api import expect

from streamlab.ui.provider_panel import LEARNER_KEY

FAKE_KEY = "sk-invalid-LEAKCHECK-7f3a9c2e"  # the mock refuses keys starting with sk-invalid, like a real provider
GOOD_KEY = "sk-test-LEAKCHECK-good-41d8"


def open_provider_panel(page):
    page.locator("#provider-panel").get_by_text("Provider").first.click()
    expect(page.locator("#provider-summary")).to_be_visible()


def test_key_typed_in_the_page_stays_in_that_session(browser, app_server, everything_logged):
    first = browser.new_context().new_page()
    first.goto(app_server.url)
    open_provider_panel(first)
    first.get_by_label("OpenAI-compatible").check()
    first.locator("#provider-panel").get_by_label("Endpoint preset").click()
    first.get_by_role("option", name="Custom URL").click()
    first.get_by_label("Base URL").fill(f"{app_server.url}/mock/openai/v1")
    first.locator("#api-key input").fill(FAKE_KEY)
    # the summary comes back with the session's new settings: once it names the URL and the key, a run uses them
    expect(first.locator("#provider-summary")).to_contain_text(f"at {app_server.url}/mock/openai/v1")
    expect(first.locator("#provider-summary")).to_contain_text(LEARNER_KEY)
    first.locator("#run-01_basic").click()
    status = first.locator("#status-01_basic")
    expect(status).to_contain_text("rejected the API key")
    assert "LEAKCHECK" not in status.inner_text()
    assert "LEAKCHECK" not in first.locator("#pane-01_basic-0 textarea").input_value()

    first.locator("#api-key input").fill(GOOD_KEY)
    expect(first.locator("#provider-summary")).to_contain_text("OpenAI-compatible")
    first.locator("#run-01_basic").click()
    expect(status).to_contain_text("Done", timeout=90_000)

    second = browser.new_context().new_page()  # another learner on the same server
    second.goto(app_server.url)
    open_provider_panel(second)
    expect(second.locator("#provider-summary")).to_contain_text("Mock provider")
    second.get_by_label("OpenAI-compatible").check()  # the key field appears for a real provider: empty here
    expect(second.locator("#api-key input")).to_have_value("")
    assert "LEAKCHECK" not in second.content()
    assert "LEAKCHECK" not in everything_logged()
    first.context.close()
    second.context.close()


# The page's requests for the provider panel's changes, counted and held back 400 ms in the browser, as a busy
# server would answer them: enough for a second change to be made while the first is on its way.
SLOW_PANEL = """
(() => {
  const real = window.fetch;
  window.__panel = {inflight: 0, most: 0, sent: 0};
  window.fetch = async (input, init) => {
    const url = typeof input === "string" ? input : input.url;
    const body = init && typeof init.body === "string" ? init.body : "";
    if (!url.includes("/run/predict") || !body.includes("/mock/openai/v1")) return real(input, init);
    const panel = window.__panel;
    panel.sent += 1;
    panel.most = Math.max(panel.most, ++panel.inflight);
    try {
      const answer = await real(input, init);
      await new Promise((done) => setTimeout(done, 400));
      return answer;
    } finally {
      panel.inflight -= 1;
    }
  };
})();
"""


def test_quick_panel_changes_reach_the_server_one_at_a_time_and_the_newest_wins(browser, app_server):
    # a key pasted right after the URL: with the URL's change still on its way, the key's change waits and goes
    # with the newest values, so the server stores the key the summary names (it once kept the URL's, no key)
    context = browser.new_context()
    context.add_init_script(SLOW_PANEL)
    page = context.new_page()
    page.goto(app_server.url)
    open_provider_panel(page)
    page.get_by_label("OpenAI-compatible").check()
    page.locator("#provider-panel").get_by_label("Endpoint preset").click()
    page.get_by_role("option", name="Custom URL").click()
    url = f"{app_server.url}/mock/openai/v1"
    page.get_by_label("Base URL").fill(url)
    page.wait_for_function("window.__panel.inflight === 1")  # the URL's change is on its way
    page.locator("#api-key input").fill(FAKE_KEY)
    expect(page.locator("#provider-summary")).to_contain_text(LEARNER_KEY)
    expect(page.locator("#provider-summary")).to_contain_text(f"at {url}")
    panel = page.evaluate("window.__panel")
    assert panel["sent"] >= 2 and panel["most"] == 1, f"panel changes in flight at once: {panel}"
    page.locator("#run-01_basic").click()
    expect(page.locator("#status-01_basic")).to_contain_text("rejected the API key")
    context.close()
