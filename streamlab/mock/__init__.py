"""The mock LLM provider: OpenAI Chat Completions + Responses and Anthropic Messages, over real HTTP.

`create_app()` gives a Starlette app (routes at its root, mountable under any prefix);
`server.start_in_thread()` serves one on a free port; `python -m streamlab.mock --port N` runs it alone.
"""

from .app import create_app

__all__ = ["create_app"]
