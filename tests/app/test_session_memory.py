"""The server keeps a bounded number of browser sessions: a public Space meets thousands of visitors, and
Gradio keeps about half a megabyte for each session of this page until it is evicted."""

from gradio_session import GradioSession, choose, run

from streamlab.web.background import BackgroundServer


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


def test_a_session_keeps_what_changed_not_a_copy_of_the_whole_page():
    # Gradio's own store snapshots every component's config for each new session (~0.5 MB on this page of 19
    # lessons); the lean store keeps the components the session changed, and the session still works
    with BackgroundServer(concurrency=8) as app:
        holder = app.app.state.demo.state_holder
        visitor = GradioSession(app.url)
        summary = choose(visitor, "mock", speed="instant", fault="stall")
        assert "stall" in summary
        choose(visitor, "mock", speed="instant")  # and back: the session's provider settings are its own
        text, status = run(visitor, "01_basic", "Say hello.")
        assert status.endswith("Done.") and text
        kept = holder[visitor.session_hash].config_values
        page = len(visitor.config["components"])
        assert 0 < len(kept) < page / 4, f"the session holds {len(kept)} of the page's {page} components"
