import json

from streamlab.engine import errors
from streamlab.hosting import providers, safe_text


class FakeStatusError(Exception):
    def __init__(self, status, body=None, headers=None, name=None):
        super().__init__(f"Error code: {status} - {body}")
        self.status_code = status
        self.body = body
        self.response = type("R", (), {"headers": headers or {}})()


def named(name, base=Exception):
    return type(name, (base,), {})


def test_auth_error_never_repeats_the_provider_text_with_the_key():
    exc = FakeStatusError(401, {"error": {"message": "Incorrect API key provided: sk-proj-abc123***wxyz"}})
    message = errors.message_for(exc, ["sk-proj-abc123secretwxyz"])
    assert "401" in message and "provider panel" in message
    assert "abc123" not in message


def test_rate_limit_mentions_retry_after():
    exc = FakeStatusError(429, {"error": {"message": "slow down"}}, headers={"retry-after": "2"})
    assert "wait 2 s" in errors.message_for(exc)


def test_timeout_and_connection_errors_say_what_to_do():
    assert "read timeout" in errors.message_for(named("APITimeoutError")("Request timed out."))
    assert "base URL" in errors.message_for(named("APIConnectionError")("Connection error."))


def test_server_errors_and_overload_are_named():
    assert "server error (500)" in errors.message_for(FakeStatusError(500, {"error": {"message": "oops"}}))
    assert "overloaded (529)" in errors.message_for(FakeStatusError(529, {"type": "error", "error": {"message": "x"}}))


def test_in_stream_error_quotes_the_provider_message():
    exc = named("APIError")("The model is overloaded")
    exc.body = {"message": "The model is overloaded"}
    assert errors.message_for(exc) == "The provider sent an error in the middle of the stream: The model is overloaded"


def test_malformed_chunk_is_explained():
    try:
        json.loads("{not json")
    except json.JSONDecodeError as exc:
        assert "not valid JSON" in errors.message_for(exc)


def test_provider_error_message_is_passed_through():
    assert errors.message_for(providers.ProviderError("Pick a base URL.")) == "Pick a base URL."


def test_scrub_hides_known_secrets_and_key_shaped_strings():
    text = "key=abcd1234efgh and sk-ant-api03-XYZ and Bearer tok123 and plain words"
    cleaned = safe_text.scrub(text, ["abcd1234efgh"])
    assert "abcd1234efgh" not in cleaned and "sk-ant" not in cleaned and "tok123" not in cleaned
    assert cleaned.endswith("plain words")


def test_settings_repr_hides_the_key():
    assert "sk-visible" not in repr(providers.Settings(provider="openai", api_key="sk-visible-123"))


def test_a_connection_lost_mid_stream_is_not_blamed_on_the_base_url():
    exc = named("APIConnectionError")("Connection error.")
    assert "partial text above is kept" in errors.message_for(exc, mid_stream=True)
    assert "base URL" in errors.message_for(exc, mid_stream=False)
    assert "partial text" in errors.message_for(named("OpenAIConnectionError")("x"), mid_stream=True)


def test_an_unknown_failure_says_whether_the_answer_is_incomplete():
    exc = RuntimeError("The stream carried an error event: overloaded")
    before = errors.message_for(exc)
    after = errors.message_for(exc, mid_stream=True)
    assert "error event: overloaded" in before and errors.INCOMPLETE not in before
    assert "error event: overloaded" in after and after.endswith(errors.INCOMPLETE)
