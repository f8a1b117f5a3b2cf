"""The provider panel shared by every tab: which provider, model, key, and the mock's pace and faults.

Its values live in a `gr.State` of this browser session (server-side, never sent to other sessions and not
part of the API). The key textbox is a password field with no default: `.env` keys are read only at run
time by streamlab.hosting.providers, so they never reach the page or the API schema. What the panel holds is only
the learner's choice: `providers.resolve` decides at run time which key may go to which URL.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import gradio as gr

from streamlab.hosting import providers, recorder, safe_text
from streamlab.hosting.mode import Hosting
from streamlab.i18n import page_language, runtime
from streamlab.i18n.interface import t
from streamlab.mock.wire.faults import FAULTS as MOCK_FAULTS

LABELS = {"mock": "Mock (no key)", "recorded": "Recorded (offline)", "openai": "OpenAI", "anthropic": "Anthropic",
          "compatible": "OpenAI-compatible"}
CUSTOM = "Custom URL"
SERVER = "This server's endpoint"  # the compatible endpoint configured on the server, its URL not shown
CHOICE_LABELS = {"mock": t("provider.mock"), "recorded": t("provider.recorded"), "compatible": t("provider.compatible")}
PRESET_LABELS = {CUSTOM: t("preset.custom"), SERVER: t("preset.server")}
FAULTS = ("none", *MOCK_FAULTS)
SPEEDS = {"realistic": (300, 30, 10), "fast": (100, 8, 3), "instant": (0, 0, 0), "slow": (1200, 120, 40)}
REPLAY_SPEEDS = {"realistic": 1.0, "fast": 3.0, "instant": 0.0, "slow": 0.25}  # Recorded: times the recorded pace


def initial_settings(hosting: Hosting | None = None) -> providers.Settings:
    """The provider the page opens with: `.env`'s choice if it has a key it may use for visitors, else the
    mock. Neither the key nor the configured URL is kept: they are looked up again at run time."""
    return replace(providers.settings_from_env(hosting=hosting), api_key="", base_url="", key_source="")


def _text(value, limit: int = 400) -> str:
    return value.strip()[:limit] if isinstance(value, str) else ""


LEARNER_KEY = "your key (kept only in this browser session)."  # the summary's words once a typed key is in use


def settings_for(provider, preset, base_url, model, key, speed, fault, record=False) -> providers.Settings:
    """The session's choice. A base URL belongs to the OpenAI-compatible provider only: switching provider
    never carries a typed URL over; the server's own endpoint is "" (looked up at run time)."""
    provider = provider if provider in providers.PROVIDERS else "mock"
    url = ""
    if provider == "compatible":
        url = _text(base_url)
        if not url and preset in providers.COMPATIBLE_PRESETS:
            url = providers.COMPATIBLE_PRESETS[preset][0]
    ttft, token, jitter = SPEEDS.get(speed, SPEEDS["realistic"])
    return providers.Settings(provider=provider, model=_text(model), api_key=_text(key), base_url=url,
                              ttft_ms=ttft, token_ms=token, jitter_ms=jitter,
                              fault=fault if fault in MOCK_FAULTS else "", record=record is True,
                              replay_speed=REPLAY_SPEEDS.get(speed, 1.0))


def _key_source(settings: providers.Settings, hosting: Hosting) -> str:
    try:  # host names are not looked up while the learner types; the run checks them
        resolved = providers.resolve(settings, hosting, look_up_hosts=False)
    except providers.ProviderError as refusal:
        return f"**not ready yet** — {refusal}"
    if resolved.key_source == "learner":
        return LEARNER_KEY
    return "the key configured on the server" + (" (shared, with limits)." if hosting.public else ".")


def describe(settings: providers.Settings, hosting: Hosting | None = None) -> str:
    if settings.provider == "mock":
        pace = (settings.ttft_ms, settings.token_ms, settings.jitter_ms)
        speed = next((name for name, values in SPEEDS.items() if values == pace), "realistic")
        fault = f" Every run fails with the **{settings.fault}** fault." if settings.fault else ""
        return ("**Mock provider** — no key needed. Answers stream from StreamLab's own server "
                f"at **{speed}** speed.{fault}")
    if settings.provider == "recorded":
        return ("**Recorded** — no key needed. Runs a provider's recorded streams again, byte for byte, at "
                f"**{next((n for n, v in REPLAY_SPEEDS.items() if v == settings.replay_speed), 'realistic')}** "
                "speed; a run with no recording is answered by the mock.")
    hosting = hosting or Hosting()
    name = LABELS[settings.provider]
    model = safe_text.code(settings.resolved_model)
    where = ""
    if settings.provider == "compatible":
        where = f" at {safe_text.code(settings.base_url)}" if settings.base_url else " at this server's endpoint"
    return f"**{name}**{where}, model {model}, using {_key_source(settings, hosting)}"


def mock_note(settings: providers.Settings) -> str:
    """What a lesson tab says next to Run while the mock is not at its normal pace and health; else ""."""
    if settings.provider != "mock":
        return ""
    pace = (settings.ttft_ms, settings.token_ms, settings.jitter_ms)
    speed = next((name for name, values in SPEEDS.items() if values == pace), "realistic")
    said = [f"Mock fault on: every run fails with **{settings.fault}**." if settings.fault else "",
            f"Mock speed: **{speed}**." if speed != "realistic" else ""]
    return " ".join(s for s in said if s)


@dataclass
class Panel:
    """The panel's State, its controls, and each lesson tab's note on the mock (`connect` wires them)."""

    state: gr.State
    inputs: list
    provider: gr.Radio
    speed: gr.Radio
    fault: gr.Dropdown
    summary: gr.Markdown
    settings: object  # (*values of inputs) -> Settings
    hosting: Hosting
    notes: list = field(default_factory=list)  # (row, note, reset button) of each tab


def made_strings(hosting: Hosting | None = None) -> dict[str, str]:
    """The panel's strings made when the page is built (English; the page's i18n translates them)."""
    hosting = hosting or Hosting()
    return {"hosting.note": hosting.note(), "provider.summary": describe(initial_settings(hosting), hosting)}


def build(hosting: Hosting | None = None, mock: providers.MockUrls | None = None) -> Panel:
    """Render the panel; return it, with the State that carries this session's Settings."""
    hosting = hosting or Hosting()
    start = initial_settings(hosting)
    state = gr.State(start)
    configured = bool(providers.configured_endpoint("compatible")[0]) and hosting.server_keys_for_visitors
    presets = [*([SERVER] if configured else []), *providers.COMPATIBLE_PRESETS, CUSTOM]
    with gr.Accordion(t("provider.panel"), open=False, elem_id="provider-panel"):
        gr.Markdown(t("hosting.note"), elem_id="hosting-mode", elem_classes="hosting-mode")
        summary = gr.Markdown(t("provider.summary"), elem_id="provider-summary")
        with gr.Row():
            provider = gr.Radio([(CHOICE_LABELS.get(p, LABELS[p]), p) for p in providers.PROVIDERS],
                                value=start.provider, label=t("provider.choice"), scale=2)
            model = gr.Textbox(label=t("model"), placeholder=start.resolved_model, value=start.model, scale=1)
        with gr.Row(visible=start.provider == "compatible") as compatible_row:
            preset = gr.Dropdown([(PRESET_LABELS.get(p, p), p) for p in presets], value=presets[0],
                                 label=t("preset"))
            base_url = gr.Textbox(label=t("base_url"), placeholder="https://…/v1", value="", max_length=300)
        key = gr.Textbox(label=t("api_key"), type="password", value="", placeholder=t("api_key.placeholder"),
                         visible=start.provider != "mock", elem_id="api-key")
        with gr.Row(visible=start.provider == "mock") as mock_row:
            speed = gr.Radio([(t(f"speed.{name}"), name) for name in SPEEDS], value="realistic",
                             label=t("speed"))
            fault = gr.Dropdown([(t("fault.none") if f == "none" else f, f) for f in FAULTS], value="none",
                                label=t("fault"))
        # local mode only: a public server never writes a visitor's runs to its disk (recorder.folder_for)
        record = gr.Checkbox(False, label=t("record"), elem_id="record-runs",
                             visible=not hosting.public and start.provider in recorder.REAL)

    inputs = [provider, preset, base_url, model, key, speed, fault, record]

    def settings(*values) -> providers.Settings:
        return (mock or providers.MockUrls()).apply(settings_for(*values))

    def on_provider(choice, preset_choice):
        default = providers.DEFAULT_MODELS[choice]
        if choice == "compatible" and preset_choice in providers.COMPATIBLE_PRESETS:
            default = providers.COMPATIBLE_PRESETS[preset_choice][1]
        return (gr.update(visible=choice == "compatible"), gr.update(visible=choice not in providers.ON_THE_MOCK),
                gr.update(visible=choice in providers.ON_THE_MOCK), gr.update(placeholder=default),
                gr.update(visible=choice == "mock"), gr.update(visible=not hosting.public and choice in recorder.REAL))

    def on_preset(choice):
        if choice == SERVER:
            return gr.update(value=""), gr.update(placeholder=providers.DEFAULT_MODELS["compatible"])
        if choice not in providers.COMPATIBLE_PRESETS:  # Custom URL: keep what is typed, never wipe it
            return gr.update(), gr.update(placeholder=providers.DEFAULT_MODELS["compatible"])
        url, default = providers.COMPATIBLE_PRESETS[choice]
        return gr.update(value=url), gr.update(placeholder=default)

    provider.change(on_provider, [provider, preset], [compatible_row, key, mock_row, model, fault, record],
                    api_visibility="private", queue=False, show_progress="hidden")
    preset.change(on_preset, preset, [base_url, model], api_visibility="private", queue=False,
                  show_progress="hidden")
    return Panel(state, inputs, provider, speed, fault, summary, settings, hosting)


def mock_state(panel: Panel, stem: str) -> None:
    """A tab's note on the mock's fault and speed, hidden while they are normal, with a "back to normal" button."""
    with gr.Row(visible=False, elem_id=f"mock-state-{stem}", elem_classes="mock-state") as row:
        note = gr.Markdown("", elem_id=f"mock-note-{stem}", elem_classes="mock-note")
        reset = gr.Button(t("mock.reset"), size="sm", scale=0, min_width=120, elem_id=f"mock-reset-{stem}")
    panel.notes.append((row, note, reset))


def connect(panel: Panel) -> None:
    """Wire the panel once every tab has its note: a change of any control updates the session's settings, the
    summary and every tab's note in one request; "back to normal" resets the mock's speed and fault as well."""
    notes = [component for row, note, _ in panel.notes for component in (row, note)]
    speed, fault = panel.inputs.index(panel.speed), panel.inputs.index(panel.fault)

    # One event for every control of the panel, so the page sends one change at a time ("always_last": a change
    # made while one is on its way waits, and only the newest values go): with an event per control, a key pasted
    # just after a URL was typed could be stored first and then overwritten by the URL's change with no key,
    # while the summary shown came from the key's change. Async, so it runs on the server's event loop.
    async def update(request: gr.Request, *values):
        settings = panel.settings(*values)
        lang = page_language.of_request(request)
        said = runtime.translate(mock_note(settings), lang)
        shown = [u for _ in panel.notes for u in (gr.update(visible=bool(said)), said)]
        return settings, runtime.translate(describe(settings, panel.hosting), lang), *shown

    async def back_to_normal(request: gr.Request, *values):
        values = list(values)
        values[speed], values[fault] = "realistic", "none"
        return "realistic", "none", *await update(request, *values)

    gr.on([component.change for component in panel.inputs], update, panel.inputs,
          [panel.state, panel.summary, *notes], api_visibility="private", queue=False, show_progress="hidden",
          trigger_mode="always_last")
    for _, _, reset in panel.notes:
        reset.click(back_to_normal, panel.inputs, [panel.speed, panel.fault, panel.state, panel.summary, *notes],
                    api_visibility="private", queue=False, show_progress="hidden")
