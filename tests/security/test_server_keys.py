"""A visitor cannot make the server send its owner's keys anywhere but where the owner configured them.

Each attack is made against the running app through the protocol a page speaks (the provider panel's own
private events, then Run), the way a script would; the browser path is in test_public_mode_browser.py."""

from gradio_session import GradioSession, choose, run
from owner_keys import OWNER_KEYS

LEAK = "LEAKCHECK"


def test_custom_url_without_a_key_never_gets_a_server_key_locally(start_app, owner_keys, listener, everything):
    app = start_app(public=False)
    owner_keys(app.url)
    visitor = GradioSession(app.url)
    summary = choose(visitor, "compatible", base_url=f"{listener.url}/v1")
    assert "No API key for this base URL" in summary and "configured on the server" not in summary.split("—")[0]
    text, status = run(visitor, "01_basic", "Say hello.")
    assert "No API key for this base URL" in status and "only ever sent to the endpoint" in status
    assert text == "" and listener.connections == 0
    assert LEAK not in everything(app)


def test_custom_url_without_a_key_never_gets_a_server_key_in_public_mode(start_app, owner_keys, listener,
                                                                           everything):
    app = start_app(public=True, share_server_keys=True)
    owner_keys(app.url)
    visitor = GradioSession(app.url)
    for url in (f"{listener.url}/v1", f"https://127.0.0.1:{listener.port}/v1"):
        choose(visitor, "compatible", base_url=url)
        text, status = run(visitor, "01_basic", "Say hello.")
        assert "No API key for this base URL" in status and text == "", status
    assert listener.connections == 0
    assert LEAK not in everything(app)


def test_switching_provider_never_carries_a_typed_url_to_the_server_key(start_app, owner_keys, listener):
    app = start_app(public=False)
    owner_keys(app.url)
    visitor = GradioSession(app.url)
    choose(visitor, "compatible", base_url=f"{listener.url}/v1")
    summary = choose(visitor, "openai", base_url=f"{listener.url}/v1")  # the URL box still holds it
    assert "using the key configured on the server" in summary
    text, status = run(visitor, "01_basic", "Say hello.")
    assert status.endswith("Done."), status  # the owner's OpenAI key went to OPENAI_BASE_URL (the mock)
    assert text and listener.connections == 0


def test_a_learner_key_goes_to_the_learner_url_and_no_server_key_does(start_app, owner_keys, listener):
    app = start_app(public=False)
    owner_keys(app.url)
    visitor = GradioSession(app.url)
    choose(visitor, "compatible", base_url=f"{listener.url}/v1", key="sk-visitor-own-key-77")
    run(visitor, "01_basic", "Say hello.")
    assert listener.connections >= 1
    assert [r.get("authorization") for r in listener.requests][0] == "Bearer sk-visitor-own-key-77"
    assert LEAK not in listener.seen()


def test_server_keys_are_not_used_for_visitors_in_public_mode_unless_shared(start_app, owner_keys, everything):
    app = start_app(public=True)
    owner_keys(app.url)
    before = app.stats()["streams_started"]
    visitor = GradioSession(app.url)
    for provider, stem in (("openai", "01_basic"), ("anthropic", "10_anthropic"), ("compatible", "01_basic")):
        summary = choose(visitor, provider)  # no key typed, no URL typed: the owner's endpoint
        assert "does not share its owner's key" in summary, summary
        text, status = run(visitor, stem, "Say hello.", *([False] if stem == "10_anthropic" else []))
        assert "does not share its owner's key" in status and text == ""
    assert app.stats()["streams_started"] == before  # nothing was sent, not even to the owner's endpoints
    assert LEAK not in everything(app)


def test_shared_server_keys_reach_only_their_own_endpoint_in_public_mode(start_app, owner_keys, listener,
                                                                          everything):
    app = start_app(public=True, share_server_keys=True)
    owner_keys(app.url)
    visitor = GradioSession(app.url)
    summary = choose(visitor, "compatible", preset="This server's endpoint")
    assert "using the key configured on the server (shared, with limits)" in summary
    assert "/mock/openai/v1" not in summary  # the owner's endpoint is not shown
    text, status = run(visitor, "01_basic", "Say hello.")
    assert status.endswith("Done."), status
    assert text and listener.connections == 0
    assert not any(key in everything(app) for key in OWNER_KEYS.values())


def test_sdk_settings_in_the_environment_never_reach_a_visitor_url(start_app, owner_keys, listener, monkeypatch):
    # the SDKs add these to every request of every client they build, unless the app holds them back
    monkeypatch.setenv("OPENAI_CUSTOM_HEADERS", "Authorization: Bearer sk-owner-header-LEAKCHECK\nX-Team: owner")
    monkeypatch.setenv("OPENAI_ORG_ID", "org-owner-LEAKCHECK")
    monkeypatch.setenv("OPENAI_PROJECT_ID", "proj-owner-LEAKCHECK")
    monkeypatch.setenv("ANTHROPIC_CUSTOM_HEADERS", "X-Api-Key: sk-ant-owner-header-LEAKCHECK")
    app = start_app(public=False)
    owner_keys(app.url)
    visitor = GradioSession(app.url)
    choose(visitor, "compatible", base_url=f"{listener.url}/v1", key="sk-visitor-own-key-88")
    run(visitor, "01_basic", "Say hello.")
    run(visitor, "07_langchain", "Say hello.", "beginner")
    assert len(listener.requests) >= 2
    assert {r.get("authorization") for r in listener.requests} == {"Bearer sk-visitor-own-key-88"}
    assert LEAK not in listener.seen() and "x-team" not in listener.seen()
