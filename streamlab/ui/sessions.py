"""The browser sessions the server keeps: Gradio's own store, made lean for a page of many lessons.

Gradio makes a `SessionState` for every browser session the first time it calls an event, and its constructor
snapshots the config of every component of the page (for Gradio's "deep link" button, which this page does not
have). On this page of 19 lessons that is ~0.5 MB and ~20 ms of CPU per visitor, spent on the event loop that
serves everyone: a room of 100 opening the page cost two seconds of a core, and a public Space grew by half a
megabyte for each visitor it kept. Here a session starts with no snapshot; Gradio adds a component's config the
first time that component changes in the session (`SessionState._update_value_in_config`), as it already does
for a component missing from the snapshot. Everything else is Gradio's: the values kept, the least recently used
sessions going first past the capacity."""

from __future__ import annotations

from gradio.state_holder import SessionState, StateHolder


class _NoSnapshot:
    """What `SessionState` reads of the page when it starts: the page's config, and which components to
    snapshot (none)."""

    def __init__(self, blocks):
        self.default_config = blocks.default_config
        self.blocks: dict = {}


class LeanSessionState(SessionState):
    def __init__(self, blocks):
        super().__init__(_NoSnapshot(blocks))


class LeanStateHolder(StateHolder):
    def __getitem__(self, session_id: str) -> SessionState:
        if session_id not in self.session_data:
            self.session_data[session_id] = LeanSessionState(self.blocks)
        return super().__getitem__(session_id)


def install(app, demo) -> LeanStateHolder:
    """Give the Gradio app mounted in `app` (by `gr.mount_gradio_app`) for `demo` a lean session store: before
    the server starts, so it holds no session yet."""
    gradio_app = gradio_app_of(app, demo)
    holder = LeanStateHolder()
    holder.set_blocks(demo)  # Gradio's own wiring: the page's capacity, and `demo.state_holder`
    gradio_app.state_holder = holder
    return holder


def gradio_app_of(app, demo):
    """The Gradio app (Gradio's FastAPI `App`) that `gr.mount_gradio_app` mounted in `app` for `demo`."""
    mounted = [route.app for route in app.routes if getattr(getattr(route, "app", None), "get_blocks", None)]
    return next(a for a in mounted if a.get_blocks() is demo)
