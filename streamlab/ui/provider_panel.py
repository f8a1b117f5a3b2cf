"""The provider panel shared by every tab: which provider, model, key, and the mock's pace and faults.

Its values live in a `gr.State` of this browser session (server-side, never sent to other sessions and not
part of the API). The key textbox is a password field with no default: `.env` keys are read only at run
time by streamlab.providers, so they never reach the page or the API schema.
"""

from __future__ import annotations

import os
from dataclasses import replace

import gradio as gr

from streamlab import providers
from streamlab.mock.faults import FAULTS as MOCK_FAULTS

LABELS = {"mock": "Mock (no key)", "openai": "OpenAI", "anthropic": "Anthropic", "compatible": "OpenAI-compatible"}
CUSTOM = "Custom URL"
FAULTS = ("none", *MOCK_FAULTS)
SPEEDS = {"realistic": (300, 30, 10), "fast": (100, 8, 3), "instant": (0, 0, 0), "slow": (1200, 120, 40)}


def initial_settings() -> providers.Settings:
    """The provider the page opens with: `.env`'s choice if it has a key for it, else the mock. No key kept."""
    return replace(providers.settings_from_env(), api_key="")


def settings_for(provider, preset, base_url, model, key, speed, fault) -> providers.Settings:
    if provider == "compatible" and preset in providers.COMPATIBLE_PRESETS and not base_url:
        base_url = providers.COMPATIBLE_PRESETS[preset][0]
    ttft, token, jitter = SPEEDS.get(speed, SPEEDS["realistic"])
    return providers.Settings(provider=provider, model=(model or "").strip(), api_key=(key or "").strip(),
                              base_url=(base_url or "").strip(), ttft_ms=ttft, token_ms=token, jitter_ms=jitter,
                              fault="" if fault in (None, "none") else fault)


def describe(settings: providers.Settings) -> str:
    if settings.provider == "mock":
        pace = (settings.ttft_ms, settings.token_ms, settings.jitter_ms)
        speed = next((name for name, values in SPEEDS.items() if values == pace), "realistic")
        fault = f" Every run fails with the **{settings.fault}** fault." if settings.fault else ""
        return ("**Mock provider** — no key needed. Answers stream from StreamLab's own server "
                f"at **{speed}** speed.{fault}")
    name = LABELS[settings.provider]
    model = settings.resolved_model
    if settings.api_key:
        source = "your key (kept only in this browser session)"
    elif settings.with_env_defaults().api_key:
        source = "the key configured on the server"
    else:
        source = "**no key yet** — paste one below"
    where = f" at `{settings.base_url}`" if settings.provider == "compatible" and settings.base_url else ""
    return f"**{name}**{where}, model `{model}`, using {source}."


def build() -> gr.State:
    """Render the panel; return the State that carries this session's Settings."""
    start = initial_settings()
    state = gr.State(start)
    with gr.Accordion("Provider", open=False, elem_id="provider-panel"):
        summary = gr.Markdown(describe(start), elem_id="provider-summary")
        with gr.Row():
            provider = gr.Radio([(LABELS[p], p) for p in providers.PROVIDERS], value=start.provider,
                                label="Provider", scale=2)
            model = gr.Textbox(label="Model", placeholder=start.resolved_model, value=start.model, scale=1)
        with gr.Row(visible=start.provider == "compatible") as compatible_row:
            preset = gr.Dropdown([*providers.COMPATIBLE_PRESETS, CUSTOM], value="DashScope (Qwen)",
                                 label="Endpoint preset")
            base_url = gr.Textbox(label="Base URL", placeholder="https://…/v1",
                                  value=os.environ.get("STREAMLAB_COMPATIBLE_BASE_URL", ""))
        key = gr.Textbox(label="API key", type="password", value="",
                         placeholder="sk-…  (stays in this browser session)",
                         visible=start.provider != "mock", elem_id="api-key")
        with gr.Row(visible=start.provider == "mock") as mock_row:
            speed = gr.Radio(list(SPEEDS), value="realistic", label="Mock speed")
            fault = gr.Dropdown(list(FAULTS), value="none", label="Mock fault (every run fails this way)")

    inputs = [provider, preset, base_url, model, key, speed, fault]

    def update(*values):
        settings = settings_for(*values)
        return settings, describe(settings)

    def on_provider(choice, preset_choice):
        default = providers.DEFAULT_MODELS[choice]
        if choice == "compatible" and preset_choice in providers.COMPATIBLE_PRESETS:
            default = providers.COMPATIBLE_PRESETS[preset_choice][1]
        return (gr.update(visible=choice == "compatible"), gr.update(visible=choice != "mock"),
                gr.update(visible=choice == "mock"), gr.update(placeholder=default))

    def on_preset(choice):
        if choice not in providers.COMPATIBLE_PRESETS:  # Custom URL: keep what is typed, never wipe it
            return gr.update(), gr.update(placeholder=providers.DEFAULT_MODELS["compatible"])
        url, default = providers.COMPATIBLE_PRESETS[choice]
        return gr.update(value=url), gr.update(placeholder=default)

    provider.change(on_provider, [provider, preset], [compatible_row, key, mock_row, model],
                    api_visibility="private", queue=False, show_progress="hidden")
    preset.change(on_preset, preset, [base_url, model], api_visibility="private", queue=False,
                  show_progress="hidden")
    for component in inputs:
        component.change(update, inputs, [state, summary], api_visibility="private", queue=False,
                         show_progress="hidden")
    return state
