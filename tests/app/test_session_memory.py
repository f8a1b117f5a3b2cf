"""The server keeps a bounded number of browser sessions: a public Space meets thousands of visitors, and
Gradio keeps about half a megabyte for each session of this page until it is evicted."""

from gradio_session import GradioSession, choose, run

from streamlab.server import BackgroundServer


def test_sessions_beyond_the_capacity_are_forgotten_oldest_first():
    with BackgroundServer(concurrency=8, session_capacity=10) as app:
        holder = app.app.state.demo.state_holder
        visitors = [GradioSession(app.url) for _ in range(14)]
        for visitor in visitors:
            choose(visitor, "mock")
        kept = list(holder.session_data)
        assert len(kept) == 10
        assert kept == [v.session_hash for v in visitors[4:]]  # the four oldest went first
        assert run(visitors[-1], "01_basic", "Say hello.")[1].endswith("Done.")  # the newest still run
