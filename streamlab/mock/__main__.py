"""`python -m streamlab.mock --port 8799`: serve the mock provider on its own."""

from __future__ import annotations

import argparse

import uvicorn

from .app import create_app


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m streamlab.mock", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8799)
    args = parser.parse_args(argv)
    root = f"http://{args.host}:{args.port}"
    print(f"StreamLab mock provider on {root}", flush=True)
    print(f"  OpenAI base URL:    {root}/openai/v1", flush=True)
    print(f"  Anthropic base URL: {root}/anthropic", flush=True)
    print(f"  Stats:              {root}/_stats", flush=True)
    uvicorn.run(create_app(), host=args.host, port=args.port, loop="asyncio", log_level="warning", access_log=False,
                lifespan="off")


if __name__ == "__main__":
    main()
