"""The one seam between "which provider, which key" and real SDK clients.

Nothing else in StreamLab reads keys or provider environment variables. A `Settings` value is built
per browser session (from the provider panel, falling back to `.env` for a local run) and turned into a
fresh SDK client per run by `build_client`. The key never leaves this module in a repr or a message.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field, replace

from streamlab.hosting import sdk_environment, url_guard
from streamlab.hosting.mode import Hosting
from streamlab.hosting.safe_text import ProviderError

PROVIDERS = ("mock", "recorded", "openai", "anthropic", "compatible")
ON_THE_MOCK = ("mock", "recorded")  # served by the app's own mock: no key; "recorded" replays cassettes there

# Presets for the OpenAI-compatible choice: label -> (base URL, default model).
COMPATIBLE_PRESETS = {
    "DashScope (Qwen)": ("https://dashscope.aliyuncs.com/compatible-mode/v1", "qwen-plus"),
    "DeepSeek": ("https://api.deepseek.com", "deepseek-chat"),
}

DEFAULT_MODELS = {
    "mock": "streamlab-mock",
    "recorded": "streamlab-mock",
    "openai": "gpt-5-mini",
    "anthropic": "claude-haiku-4-5",
    "compatible": "qwen-plus",
}

# Which wire format each client kind speaks.
CLIENT_WIRE = {
    "openai": "openai",
    "async_openai": "openai",
    "langchain": "openai",
    "anthropic": "anthropic",
    "async_anthropic": "anthropic",
}

MOCK_PLACEHOLDER_KEY = "mock-key-not-secret"


@dataclass(frozen=True)
class Settings:
    provider: str = "mock"
    model: str = ""
    api_key: str = field(default="", repr=False)
    base_url: str = ""
    mock_url: str = ""  # root of the mock where runs reach it, e.g. http://127.0.0.1:40123/mock (its own process)
    mock_relay_url: str = ""  # the same mock through the app's own port, e.g. http://127.0.0.1:7860/mock
    ttft_ms: int | None = None
    token_ms: int | None = None
    jitter_ms: int | None = None
    fault: str = ""
    record: bool = False  # the learner's switch: record runs on a real provider (local mode only)
    replay_speed: float = 1.0  # "recorded": times the recorded pace (0: as fast as possible)
    # set for one run by the runner: where it records ("" for nowhere), what the cassette is named after, and the
    # tag the mock counts a replayed run's requests under
    record_dir: str = ""
    run_label: str = ""
    run_tag: str = ""

    key_source: str = ""  # after `resolve`: "learner" (typed in this session), "server" (configured), ""

    @property
    def resolved_model(self) -> str:
        return self.model.strip() or DEFAULT_MODELS.get(self.provider, "")

    @property
    def mock_urls(self) -> tuple[str, ...]:
        """Every URL of the app's own mock (a base URL under one of them is the mock, always allowed)."""
        return tuple(url for url in (self.mock_url, self.mock_relay_url) if url)


@dataclass(frozen=True)
class MockUrls:
    """Where the app's mock is: `direct`, its own process, where runs reach it; `relay`, `/mock` on the app's port."""
    direct: str = ""
    relay: str = ""

    def apply(self, settings: Settings) -> Settings:
        return replace(settings, mock_url=self.direct, mock_relay_url=self.relay)


# Each server key, and the one endpoint it may be sent to: the configured base URL, else the provider's API.
ENV_KEYS = {"openai": "OPENAI_API_KEY", "anthropic": "ANTHROPIC_API_KEY", "compatible": "STREAMLAB_COMPATIBLE_API_KEY"}
ENV_URLS = {"openai": "OPENAI_BASE_URL", "anthropic": "ANTHROPIC_BASE_URL",
            "compatible": "STREAMLAB_COMPATIBLE_BASE_URL"}
OFFICIAL_URLS = {"openai": "https://api.openai.com/v1", "anthropic": "https://api.anthropic.com"}
MAX_MODEL_CHARS = 200
NEEDS_URL = "An OpenAI-compatible provider needs a base URL: pick a preset or type one."


def configured_endpoint(provider: str) -> tuple[str, str]:
    """(key, base URL) the server's owner configured for `provider`; the key is sent to that URL only."""
    key = os.environ.get(ENV_KEYS[provider], "").strip()
    url = os.environ.get(ENV_URLS[provider], "").strip() or OFFICIAL_URLS.get(provider, "")
    return key, url


def same_endpoint(a: str, b: str) -> bool:
    return bool(a) and a.strip().rstrip("/").lower() == b.strip().rstrip("/").lower()


def resolve(settings: Settings, hosting=None, look_up_hosts: bool = True) -> Settings:
    """The settings one run uses, decided on the server: which key goes to which URL.

    A key typed by the learner goes to the URL the learner chose (checked by `url_guard`; a public server
    accepts only public https addresses) or to the provider's own API. A key configured on the server goes
    only to the endpoint it was configured for, and in public mode only if the owner shares it. Raises
    ProviderError with a plain message otherwise. `look_up_hosts=False` skips DNS (for a summary, not a run)."""
    hosting = hosting or Hosting()
    if settings.provider not in PROVIDERS:
        raise ProviderError(f"Unknown provider; choose one of: {', '.join(PROVIDERS)}.")
    model = "".join(ch for ch in settings.model if ch.isprintable()).strip()
    if len(model) > MAX_MODEL_CHARS:
        raise ProviderError(f"The model name is {len(model):,} characters; the limit is {MAX_MODEL_CHARS}.")
    settings = replace(settings, model=model)
    if settings.provider in ON_THE_MOCK:
        return replace(settings, api_key="", base_url="", key_source="")
    name = {"openai": "OpenAI", "anthropic": "Anthropic", "compatible": "the OpenAI-compatible provider"}[
        settings.provider]
    server_key, server_url = configured_endpoint(settings.provider)
    typed = settings.base_url.strip() if settings.provider == "compatible" else ""  # never carried across
    if settings.api_key:
        if settings.provider != "compatible":
            url = OFFICIAL_URLS[settings.provider] if hosting.public else server_url
        elif typed:
            url = url_guard.check_url(typed, public=hosting.public, mock_urls=settings.mock_urls,
                                      look_up=look_up_hosts)
        else:
            raise ProviderError(NEEDS_URL)
        return replace(settings, base_url=url, key_source="learner")
    if not server_key:
        raise ProviderError(f"No API key for {name}. Paste your key in the provider panel "
                            "(it stays in this browser session), or switch the provider back to Mock.")
    if typed and not same_endpoint(typed, server_url):
        raise ProviderError("No API key for this base URL. A key configured on the server is only ever sent to "
                            "the endpoint it was configured for: paste your own key for this URL (it stays in "
                            "this browser session), or switch the provider back to Mock.")
    if not hosting.server_keys_for_visitors:
        raise ProviderError(f"This public StreamLab does not share its owner's key for {name}. Paste your own "
                            "key in the provider panel (it stays in this browser session), or use Mock.")
    if not server_url:
        raise ProviderError(NEEDS_URL)
    return replace(settings, api_key=server_key, base_url=server_url, key_source="server")


def settings_from_env(mock_url: str = "", hosting=None) -> Settings:
    """Settings for a run on this machine's configuration: the provider named in the environment when a key is
    configured for it (and, in public mode, shared), or the mock."""
    provider = os.environ.get("STREAMLAB_PROVIDER", "").strip().lower()
    settings = Settings(provider=provider if provider in PROVIDERS else "mock",
                        model=os.environ.get("STREAMLAB_MODEL", ""), mock_url=mock_url)
    try:
        return resolve(settings, hosting)
    except ProviderError:
        return Settings(mock_url=mock_url)


def wire_of(kind: str) -> str:
    return CLIENT_WIRE[kind]


def check(kind: str, settings: Settings) -> None:
    """Raise ProviderError with a plain explanation when this client kind cannot run on these settings."""
    wire = wire_of(kind)
    if settings.provider == "anthropic" and wire == "openai":
        raise ProviderError(
            "This lesson speaks OpenAI's wire format (Chat Completions). Anthropic's API does not, so "
            "choose Mock, OpenAI or an OpenAI-compatible provider in the provider panel."
        )
    if settings.provider in ("openai", "compatible") and wire == "anthropic":
        raise ProviderError(
            "This lesson speaks Anthropic's Messages format. Choose Mock or Anthropic in the provider panel."
        )
    if settings.provider in ON_THE_MOCK:
        if not settings.mock_url:
            raise ProviderError("The mock provider is not running in this process.")
        return
    if not settings.key_source or not settings.api_key or not settings.base_url:
        # only `resolve` pairs a key with the URL it may go to; a client is never built around it
        raise ProviderError(f"No API key for {settings.provider}. Paste your key in the provider panel "
                            "(it stays in this browser session), or switch the provider back to Mock.")


def _mock_headers(settings: Settings) -> dict[str, str]:
    headers = {}
    for name, value in (
        ("X-Mock-TTFT-Ms", settings.ttft_ms),
        ("X-Mock-Token-Ms", settings.token_ms),
        ("X-Mock-Jitter-Ms", settings.jitter_ms),
    ):
        if value is not None:
            headers[name] = str(int(value))
    if settings.fault and settings.provider == "mock":
        headers["X-Mock-Fault"] = settings.fault
    if settings.provider == "recorded":
        headers.update({"X-Mock-Replay": "1", "X-Mock-Replay-Speed": f"{settings.replay_speed:g}"})
        headers.update({"X-StreamLab-Run": settings.run_tag} if settings.run_tag else {})
    return headers


def connection(kind: str, settings: Settings) -> tuple[str | None, str, dict[str, str]]:
    """(base_url, api_key, default_headers) for one client kind, after `check`."""
    check(kind, settings)
    wire = wire_of(kind)
    if settings.provider in ON_THE_MOCK:
        root = settings.mock_url.rstrip("/")
        base = f"{root}/openai/v1" if wire == "openai" else f"{root}/anthropic"
        return base, MOCK_PLACEHOLDER_KEY, _mock_headers(settings)
    return settings.base_url, settings.api_key, {}


@functools.cache
def tls_context():
    """One TLS context for every client: loading the CA bundle costs ~90 ms of CPU, too much to pay per run."""
    import httpx2

    return httpx2.create_ssl_context()


def build_client(kind: str, settings: Settings, *, timeout: float = 60.0, max_retries: int = 2):
    """A fresh SDK client of `kind` for one run (its own connections). SDKs are imported here, on first use."""
    base_url, api_key, headers = connection(kind, settings)
    relay = _relay(settings, base_url)
    extras = sdk_environment.server_extras(wire_of(kind), settings.key_source)
    headers = {**extras.pop("default_headers", {}), **headers}
    common = dict(api_key=api_key, base_url=relay.url if relay else base_url, default_headers=headers,
                  timeout=timeout, max_retries=max_retries, **extras)
    if kind in ("openai", "async_openai", "langchain"):
        import openai as sdk
    elif kind in ("anthropic", "async_anthropic"):
        import anthropic as sdk
    else:
        raise ValueError(f"unknown client kind {kind!r}")
    if kind == "langchain":
        from langchain_openai import ChatOpenAI

        project = common.pop("project", None)
        if project:
            common["default_headers"] = {**common["default_headers"], "OpenAI-Project": project}
        # Own HTTP clients per run: LangChain's defaults are shared per base URL and per process, so closing
        # them after one run (or using them from another event loop) would break every other run.
        return ChatOpenAI(model=settings.resolved_model, stream_usage=True,
                          http_client=_http_client(sdk.DefaultHttpxClient, relay),
                          http_async_client=_http_client(sdk.DefaultAsyncHttpxClient, relay), **common)
    if kind.startswith("async_"):
        cls = sdk.AsyncOpenAI if kind == "async_openai" else sdk.AsyncAnthropic
        return cls(http_client=_http_client(sdk.DefaultAsyncHttpxClient, relay), **common)
    cls = sdk.OpenAI if kind == "openai" else sdk.Anthropic
    return cls(http_client=_http_client(sdk.DefaultHttpxClient, relay), **common)


def _relay(settings: Settings, base_url: str | None):
    """The run's recording relay (streamlab.hosting.recorder), when it records; else None."""
    if not settings.record_dir or not base_url:
        return None
    from streamlab.hosting import recorder  # with http.server and a thread: only for the runs that record

    recording = recorder.Recording(settings.record_dir, settings.run_label, secrets_of(settings))
    return recorder.Relay(base_url, recording, tls_context())


def _http_client(made, relay):
    """The run's own HTTP client; when the run records, its relay ends with it."""
    client = made(verify=tls_context())
    if relay is not None:
        relay.ends_with(client)
    return client


def secrets_of(settings: Settings) -> list[str]:
    """Strings that must never appear in anything shown or logged."""
    keys = [settings.api_key]
    keys += [os.environ.get(n, "") for n in ("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "STREAMLAB_COMPATIBLE_API_KEY")]
    return [k for k in keys if k and len(k) >= 4]
