"""The room of bench/bench_room.py through nginx: StreamLab as N replicas behind deploy/nginx/'s recipe (each
learner kept on one replica by its cookie), against one StreamLab process without nginx, in the same run.

    python bench/bench_replicas.py [--replicas 2] [--room 1,100] [--rounds 2]

Each learner has its own connections and cookie jar, as a browser has. CPU per chunk is summed over every process
serving: the replicas, nginx's master and its workers. Needs Debian's nginx at /usr/sbin/nginx; runs as an
ordinary user, on 127.0.0.1, every process stopped by its PID.
"""

from __future__ import annotations

from collections.abc import Callable

from bench_room import compare, options
from room_apps import PROMPT, App, start_streamlab

from deploy.replicas import Replicas


def start_replicas(count: int) -> Callable[[int], App]:
    def start(concurrency: int) -> App:
        replicas = Replicas(count, env={"STREAMLAB_CONCURRENCY": str(concurrency)}).start()
        return App(f"StreamLab ×{count} + nginx", replicas.url, [f"{url}/mock" for url in replicas.replica_urls],
                   "run_01_basic", [None, PROMPT, None], replicas.pids, replicas.stop)
    return start


def main() -> None:
    parser = options(__doc__.split("\n\n")[0])
    parser.set_defaults(room="1,100")
    parser.add_argument("--replicas", type=int, default=2)
    args = parser.parse_args()
    compare([start_streamlab, start_replicas(args.replicas)], args)


if __name__ == "__main__":
    main()
