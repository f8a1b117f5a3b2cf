"""The recipe of deploy/nginx/ on one machine: N StreamLab replicas (`python app.py`, each on its own port) and
nginx in front of them, run as an ordinary user with its files in a temporary folder, all on 127.0.0.1.

    python deploy/replicas.py [--replicas 2] [--port 8080]

serves until Ctrl-C (or `kill` of its PID). The replica test (tests/deploy) and the benchmark
(bench/bench_replicas.py) start it the same way. nginx's configuration is the recipe's own, with only the ports
changed.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from streamlab.web.readiness import answers  # noqa: E402

NGINX = "/usr/sbin/nginx"
RECIPE = ROOT / "deploy" / "nginx"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def site_config(listen: int, replica_ports: list[int]) -> str:
    """deploy/nginx/streamlab.conf listening on 127.0.0.1:`listen`, with one upstream server per replica."""
    text = (RECIPE / "streamlab.conf").read_text(encoding="utf-8")
    servers = "".join(f"    server 127.0.0.1:{port};\n" for port in replica_ports)
    text, upstreams = re.subn(r"(?m)(?:^    server 127\.0\.0\.1:\d+;\n)+", servers, text)
    text, listens = re.subn(r"(?m)^    listen \d+;$", f"    listen 127.0.0.1:{listen};", text)
    if (upstreams, listens) != (1, 1):
        raise ValueError("deploy/nginx/streamlab.conf: expected one block of upstream servers and one listen line")
    return text


def with_children(pid: int) -> list[int]:
    """`pid` and every process under it (a replica's worker processes and mock, nginx's workers), from /proc."""
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                pending += [int(child) for child in (task / "children").read_text().split()]
            except OSError:  # the thread ended meanwhile
                pass
    return found


class Replicas:
    """`count` replicas and nginx on free ports. `url` is nginx's, `replica_urls` the replicas' own."""

    def __init__(self, count: int = 2, env: dict | None = None):
        self.ports = [free_port() for _ in range(count)]
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.replica_urls = [f"http://127.0.0.1:{port}" for port in self.ports]
        self.env = env or {}
        self.folder = Path(tempfile.mkdtemp(prefix="streamlab-nginx-"))
        self.processes: list[subprocess.Popen] = []
        self.nginx: subprocess.Popen | None = None

    def _spawn(self, args: list[str], log: str, env: dict | None = None) -> subprocess.Popen:
        with open(self.folder / log, "wb") as out:
            process = subprocess.Popen(args, cwd=ROOT, env={**os.environ, **(env or {})}, stdout=out,
                                       stderr=subprocess.STDOUT)
        self.processes.append(process)
        return process

    def start(self, timeout: float = 180.0) -> Replicas:
        try:
            # the machine's cores shared out: each replica runs its snippets in cores / replicas worker processes
            workers = str(max(1, (os.cpu_count() or 1) // len(self.ports)))
            for port in self.ports:
                self._spawn([sys.executable, "app.py"], f"replica-{port}.log",
                            {"STREAMLAB_WORKERS": workers, **self.env, "GRADIO_SERVER_NAME": "127.0.0.1",
                             "GRADIO_SERVER_PORT": str(port)})
            self._wait_for_replicas(timeout)
            self.start_balancer()
        except BaseException as exc:
            logs = self.logs()
            self.stop()
            raise RuntimeError(f"{exc}; logs: {logs}") from exc
        return self

    def start_balancer(self) -> None:
        """nginx with the recipe, in front of whatever answers on `self.ports`."""
        (self.folder / "streamlab.conf").write_text(site_config(self.port, self.ports), encoding="utf-8")
        shutil.copy(RECIPE / "nginx.conf", self.folder / "nginx.conf")
        self.nginx = self._spawn([NGINX, "-p", str(self.folder), "-c", str(self.folder / "nginx.conf"),
                                  "-g", "daemon off;"], "nginx.log")
        if not answers(f"{self.url}/mock/_stats", 30):
            raise RuntimeError("nginx did not start")

    def _wait_for_replicas(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        waiting = dict(zip(self.replica_urls, self.processes))
        while waiting:
            for url, process in list(waiting.items()):
                if process.poll() is not None:
                    raise RuntimeError(f"the replica at {url} exited with status {process.returncode}")
                if answers(f"{url}/mock/_stats", 1):
                    del waiting[url]
            if waiting and time.monotonic() > deadline:
                raise RuntimeError(f"not started within {timeout:.0f} s: {', '.join(waiting)}")

    def pids(self) -> list[int]:
        """Every process serving: the replicas with their worker processes and mocks, nginx's master and workers."""
        return [pid for p in self.processes if p.poll() is None for pid in with_children(p.pid)]

    def logs(self) -> str:
        return " | ".join(f"{path.name}: {path.read_text(errors='replace')[-600:]}"
                          for path in sorted(self.folder.glob("*.log")))

    def stop(self) -> None:
        for process in reversed(self.processes):  # nginx first: it quits at once on SIGTERM
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> Replicas:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--port", type=int, default=0, help="nginx's port (default: a free one)")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # `kill PID` stops nginx and the replicas too
    signal.signal(signal.SIGINT, signal.default_int_handler)  # Ctrl-C, even where a shell ignored it
    replicas = Replicas(args.replicas)
    if args.port:
        replicas.port, replicas.url = args.port, f"http://127.0.0.1:{args.port}"
    with replicas:
        print(f"StreamLab through nginx: {replicas.url}  (replicas: {', '.join(replicas.replica_urls)})", flush=True)
        try:
            replicas.nginx.wait()
        except (KeyboardInterrupt, SystemExit):
            pass


if __name__ == "__main__":
    main()
