"""Who may run edited code: on by default only in local mode on a loopback address; the operator's flag elsewhere,
sandboxed, and then only without server keys and behind a login."""

import pytest

from streamlab.hosting.editing import Editing, EditingRefused, check_start, is_loopback
from streamlab.hosting.mode import Hosting


@pytest.fixture(autouse=True)
def clean(monkeypatch):
    for name in ("STREAMLAB_ALLOW_EDIT", "STREAMLAB_LOGIN", "OPENAI_API_KEY", "ANTHROPIC_API_KEY",
                 "STREAMLAB_COMPATIBLE_API_KEY", "STREAMLAB_EDIT_WALL_S"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize(("host", "loopback"), [("127.0.0.1", True), ("localhost", True), ("::1", True),
                                                ("[::1]", True), ("127.0.0.2", True), ("0.0.0.0", False),
                                                ("192.168.1.20", False), ("::", False), ("example.org", False)])
def test_loopback_addresses(host, loopback):
    assert is_loopback(host) is loopback


@pytest.mark.parametrize(("public", "host", "flag", "enabled", "sandboxed", "why"), [
    (False, "127.0.0.1", "", True, False, ""),
    (False, "0.0.0.0", "", False, False, "network"),
    (True, "127.0.0.1", "", False, False, "public"),
    (True, "0.0.0.0", "", False, False, "public"),
    (False, "0.0.0.0", "1", True, True, ""),
    (True, "0.0.0.0", "yes", True, True, ""),
    (False, "127.0.0.1", "1", True, False, ""),  # the learner's own machine: no sandbox needed
])
def test_the_decision(monkeypatch, public, host, flag, enabled, sandboxed, why):
    monkeypatch.setenv("STREAMLAB_ALLOW_EDIT", flag)
    editing = Editing.decide(Hosting(public=public), host)
    assert (editing.enabled, editing.sandboxed, editing.why_off) == (enabled, sandboxed, why)


def test_limits_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("STREAMLAB_EDIT_WALL_S", "7.5")
    assert Editing.decide(Hosting(), "127.0.0.1").wall_s == 7.5
    monkeypatch.setenv("STREAMLAB_EDIT_WALL_S", "nonsense")
    assert Editing.decide(Hosting(), "127.0.0.1").wall_s == Editing.wall_s


def test_a_sandboxed_server_needs_a_login_and_no_key(monkeypatch):
    shared = Editing(enabled=True, sandboxed=True)
    with pytest.raises(EditingRefused, match="needs a login"):
        check_start(shared)
    monkeypatch.setenv("STREAMLAB_LOGIN", "learner:pw")
    assert check_start(shared) == ("learner", "pw")
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-1234567890")
    with pytest.raises(EditingRefused, match=r"holds a key \(ANTHROPIC_API_KEY\)"):
        check_start(shared)
    assert check_start(Editing()) is None  # local and loopback: nothing asked
