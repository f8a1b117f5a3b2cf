"""A public server's limits, counted on the server: they trip with a clear message, other visitors keep
running, and they reset as the README says (per-minute windows slide; the daily total restarts at 00:00 UTC)."""

import pytest
from gradio_session import GradioSession, choose, run

from streamlab.hosting.limits import LimitReached, Limits
from streamlab.hosting.mode import Hosting


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
    gate.admit("a", "01")()
    clock.now += 10
    gate.admit("a", "01")()
    with pytest.raises(LimitReached, match="allows 2 runs a minute per visitor; run again in 50 s"):
        gate.admit("a", "01")
    gate.admit("b", "01")()  # another visitor is not affected
    clock.now += 50
    gate.admit("a", "01")()  # the first run left the window


def test_shared_key_caps_per_visitor_per_minute_and_per_day_in_all():
    clock, wall = Clock(), Clock(86400 * 20000 + 3600)
    gate = limits(clock, wall, share_server_keys=True, shared_runs_per_minute=1, shared_runs_per_day=3)
    gate.admit_shared("a", "openai")
    with pytest.raises(LimitReached, match="shared OpenAI key allows 1 runs a minute .* switch to Mock or paste"):
        gate.admit_shared("a", "openai")
    gate.admit("a", "01")()  # the mock or the visitor's own key still runs
    gate.admit_shared("b", "compatible")
    gate.admit_shared("c", "anthropic")
    with pytest.raises(LimitReached, match="served their 3 runs for today .*00:00 UTC"):
        gate.admit_shared("d", "openai")
    wall.now += 86400 - 3600  # 00:00 UTC the next day
    gate.admit_shared("d", "openai")


def test_a_new_session_for_every_run_still_meets_the_server_wide_cap():
    clock = Clock()
    gate = limits(clock, share_server_keys=True, shared_runs_per_minute_total=3)
    for session in ("s1", "s2", "s3"):
        gate.admit_shared(session, "openai")
    with pytest.raises(LimitReached, match="shared keys are busy \\(3 runs a minute for all visitors\\)"):
        gate.admit_shared("s4-fresh", "openai")
    clock.now += 60
    gate.admit_shared("s5-fresh", "openai")


def test_one_run_per_lesson_per_session_at_a_time():
    gate = limits()
    release = gate.admit("a", "01")
    with pytest.raises(LimitReached, match="already running in your session"):
        gate.admit("a", "01")
    gate.admit("a", "02")()  # another lesson of the same session
    gate.admit("b", "01")()  # the same lesson in another session
    release()
    gate.admit("a", "01")()


def test_idle_sessions_are_forgotten():
    clock = Clock()
    gate = limits(clock)
    for session in range(1000):
        gate.admit(str(session), "01")()
    assert len(gate.runs) == 1000
    clock.now += 61
    gate.admit("new", "01")()
    assert len(gate.runs) == 1


def test_local_mode_has_no_limits():
    gate = Limits(Hosting(public=False, runs_per_minute=0, shared_runs_per_day=0))
    for _ in range(5):
        gate.admit("a", "01")
        gate.admit_shared("a", "openai")
    assert gate.active == set()


def test_the_shared_key_cap_trips_in_the_running_app(start_app, owner_keys):
    app = start_app(public=True, share_server_keys=True, shared_runs_per_minute=2)
    owner_keys(app.url)
    visitor, other = GradioSession(app.url), GradioSession(app.url)
    for session in (visitor, other):
        choose(session, "openai")
    assert [run(visitor, "01_basic", "Say hello.")[1].endswith("Done.") for _ in range(2)] == [True, True]
    text, status = run(visitor, "01_basic", "Say hello.")
    assert "The server's shared OpenAI key allows 2 runs a minute per visitor" in status and text == ""
    assert run(other, "01_basic", "Say hello.")[1].endswith("Done.")  # other visitors keep streaming
    choose(visitor, "mock")
    assert run(visitor, "01_basic", "Say hello.")[1].endswith("Done.")  # the capped visitor can use the mock
