"""A public server's limits, counted on the server: they trip with a clear message, other visitors keep
running, and they reset as the README says (per-minute windows slide; the daily total restarts at 00:00 UTC)."""

import pytest
from gradio_session import GradioSession, choose, run

from streamlab.hosting import Hosting
from streamlab.limits import LimitReached, Limits


class Clock:
    def __init__(self, now: float = 1_000_000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now


def limits(clock=None, wall=None, **hosting):
    return Limits(Hosting(public=True, **hosting), clock or Clock(), wall or Clock(86400 * 20000 + 3600))


def test_runs_per_minute_trip_and_the_window_slides():
    clock = Clock()
    gate = limits(clock, runs_per_minute=2)
    gate.admit("a", "01", False)()
    clock.now += 10
    gate.admit("a", "01", False)()
    with pytest.raises(LimitReached, match="allows 2 runs a minute per visitor; run again in 50 s"):
        gate.admit("a", "01", False)
    gate.admit("b", "01", False)()  # another visitor is not affected
    clock.now += 50
    gate.admit("a", "01", False)()  # the first run left the window


def test_shared_key_caps_per_visitor_per_minute_and_per_day_in_all():
    clock, wall = Clock(), Clock(86400 * 20000 + 3600)
    gate = limits(clock, wall, share_server_keys=True, shared_runs_per_minute=1, shared_runs_per_day=3)
    gate.admit("a", "01", True, "openai")()
    with pytest.raises(LimitReached, match="shared OpenAI key allows 1 runs a minute .* switch to Mock or paste"):
        gate.admit("a", "01", True, "openai")
    gate.admit("a", "01", False)()  # the mock or the visitor's own key still runs
    gate.admit("b", "01", True, "compatible")()
    gate.admit("c", "01", True, "anthropic")()
    with pytest.raises(LimitReached, match="served their 3 runs for today .*00:00 UTC"):
        gate.admit("d", "01", True, "openai")
    wall.now += 86400 - 3600  # 00:00 UTC the next day
    gate.admit("d", "01", True, "openai")()


def test_one_run_per_lesson_per_session_at_a_time():
    gate = limits()
    release = gate.admit("a", "01", False)
    with pytest.raises(LimitReached, match="already running in your session"):
        gate.admit("a", "01", False)
    gate.admit("a", "02", False)()  # another lesson of the same session
    gate.admit("b", "01", False)()  # the same lesson in another session
    release()
    gate.admit("a", "01", False)()


def test_idle_sessions_are_forgotten():
    clock = Clock()
    gate = limits(clock)
    for session in range(1000):
        gate.admit(str(session), "01", False)()
    assert len(gate.runs) == 1000
    clock.now += 61
    gate.admit("new", "01", False)()
    assert len(gate.runs) == 1


def test_local_mode_has_no_limits():
    gate = Limits(Hosting(public=False, runs_per_minute=0))
    for _ in range(5):
        gate.admit("a", "01", True)
    assert gate.active == set()


def test_the_shared_key_cap_trips_in_the_running_app(start_app, owner_keys):
    app = start_app(public=True, share_server_keys=True, shared_runs_per_minute=2)
    owner_keys(app.url)
    visitor, other = GradioSession(app.url), GradioSession(app.url)
    for session in (visitor, other):
        choose(session, "openai")
    assert [run(visitor, "01_basic", "Say hello.")[1][:1] for _ in range(2)] == ["✅", "✅"]
    text, status = run(visitor, "01_basic", "Say hello.")
    assert "The server's shared OpenAI key allows 2 runs a minute per visitor" in status and text == ""
    assert run(other, "01_basic", "Say hello.")[1].startswith("✅")  # other visitors keep streaming
    choose(visitor, "mock")
    assert run(visitor, "01_basic", "Say hello.")[1].startswith("✅")  # the capped visitor can use the mock
