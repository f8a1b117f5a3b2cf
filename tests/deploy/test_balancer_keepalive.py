"""nginx (the recipe of deploy/nginx/) lets go of an idle connection to a replica before the replica would close it.

Otherwise nginx can send a learner's request on a connection the replica is closing that very moment: nginx reads a
reset and answers 502 (seen once in the two-replica test on queue/join; 12 of 870 joins in a loaded
reproduction). Here a stand-in replica answers every request and never closes a connection itself, and notes how
long each connection stayed idle before nginx closed it."""

import queue
import socket
import threading
import time

import httpx2
import pytest
from debian_tools import need

from deploy.replicas import NGINX, Replicas
from streamlab.web.server import KEEP_ALIVE_S

pytestmark = pytest.mark.timeout(120)


class StandIn:
    """An HTTP/1.1 server on 127.0.0.1 that answers `{}` to every request and keeps each connection open until
    the other side closes it. `closed` gets, per connection, the seconds between its last answer and that close."""

    def __init__(self):
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.closed: queue.Queue[float] = queue.Queue()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:  # closed by stop()
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        answered, pending = time.monotonic(), b""
        with conn:
            while True:
                data = conn.recv(65536)
                if not data:
                    self.closed.put(time.monotonic() - answered)
                    return
                pending += data
                while b"\r\n\r\n" in pending:  # GET requests only: no body to read
                    _, pending = pending.split(b"\r\n\r\n", 1)
                    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")
                    answered = time.monotonic()

    def stop(self) -> None:
        self.sock.close()


@pytest.fixture
def balancer():
    need(NGINX, "nginx", "the balancer test")
    stand_in = StandIn()
    replicas = Replicas(1)
    replicas.ports = [stand_in.port]
    try:
        replicas.start_balancer()  # its start check is a first request, on a connection nginx then keeps
        yield replicas, stand_in
    finally:
        replicas.stop()
        stand_in.stop()


def test_nginx_closes_an_idle_connection_to_a_replica_before_the_replica_would(balancer):
    replicas, stand_in = balancer
    assert httpx2.get(f"{replicas.url}/config", timeout=10).json() == {}
    try:
        idle = stand_in.closed.get(timeout=KEEP_ALIVE_S + 30)
    except queue.Empty:
        pytest.fail(f"nginx kept an idle connection to the replica open longer than the replica's {KEEP_ALIVE_S} s")
    assert idle < KEEP_ALIVE_S, \
        f"nginx closed an idle connection after {idle:.1f} s, the replica after {KEEP_ALIVE_S} s"
