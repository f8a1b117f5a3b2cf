"""The attacks of this folder made the way a visitor makes them: in a real browser, through the provider
panel (OpenAI-compatible → Custom URL → Run), and with HTML typed where text is expected."""

from pathlib import Path

from playwright.sync_api import expect

from streamlab.ui.provider_panel import LEARNER_KEY

SHOTS = Path(__file__).resolve().parent.parent.parent / "test-artifacts"


def open_panel(page):
    page.locator("#provider-panel").get_by_text("Provider").first.click()
    expect(page.locator("#provider-summary")).to_be_visible()


def custom_url(page, url: str, key: str = ""):
    page.get_by_label("OpenAI-compatible").check()
    page.locator("#provider-panel").get_by_label("Endpoint preset").click()
    page.get_by_role("option", name="Custom URL").click()
    page.get_by_label("Base URL").fill(url)
    page.locator("#api-key input").fill(key)
    expect(page.locator("#provider-summary")).to_contain_text(url.split("://", 1)[1][:15])


def visit(browser, app):
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    page.set_default_timeout(30_000)
    page.goto(app.url)
    open_panel(page)
    return page


def test_public_mode_says_so_and_refuses_a_loopback_url_typed_in_the_panel(browser, start_app, owner_keys, listener):
    app = start_app(public=True)
    owner_keys(app.url)
    page = visit(browser, app)
    expect(page.locator("#hosting-mode")).to_contain_text("Public mode. This server is open to anyone.")
    expect(page.locator("#hosting-mode")).to_contain_text("The owner's keys are not used for visitors")
    status = page.locator("#status-01_basic")
    custom_url(page, f"http://127.0.0.1:{listener.port}/v1")  # no key: would the owner's go there?
    page.locator("#run-01_basic").click()
    expect(status).to_contain_text("No API key for this base URL")
    custom_url(page, f"https://localhost:{listener.port}/v1", key="sk-visitor-own-5")
    expect(page.locator("#provider-summary")).to_contain_text(LEARNER_KEY)  # the key reached the session: Run
    page.locator("#run-01_basic").click()
    expect(status).to_contain_text("localhost resolves to a loopback address")
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "public-mode-refused-url.png"))
    assert listener.connections == 0
    assert "LEAKCHECK" not in page.content()
    page.context.close()


def test_local_mode_keeps_server_keys_away_from_a_typed_url(browser, start_app, owner_keys, listener):
    app = start_app(public=False)
    owner_keys(app.url)
    page = visit(browser, app)
    expect(page.locator("#hosting-mode")).to_contain_text("Local mode.")
    custom_url(page, f"{listener.url}/v1")
    page.locator("#run-01_basic").click()
    expect(page.locator("#status-01_basic")).to_contain_text("only ever sent to the endpoint it was configured for")
    assert listener.connections == 0
    page.context.close()


def test_html_typed_by_a_visitor_is_never_rendered(browser, start_app):
    app = start_app(public=True)
    page = visit(browser, app)
    attack = '<img src=x onerror="window.pwned=1"><b id="injected">bold</b>'
    page.locator("#prompt-01_basic textarea").fill(f"Say hello. {attack}")
    page.locator("#run-01_basic").click()
    expect(page.locator("#status-01_basic")).to_contain_text("Done", timeout=90_000)
    custom_url(page, f"https://example.com/{attack}", key="sk-visitor-own-6")
    page.locator("#run-01_basic").click()
    expect(page.locator("#status-01_basic")).to_contain_text("base URL contains spaces")
    expect(page.locator("#provider-summary")).to_contain_text("<img src=x")  # shown as text
    assert page.evaluate("window.pwned") is None
    assert page.locator("#injected").count() == 0
    page.context.close()
