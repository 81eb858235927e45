"""Run the desk: bind the socket, start the workers, serve with uvicorn, stop cleanly on Ctrl-C.

The socket is bound before the model loads, so a port in use is one line at
once; the workers are forked before uvicorn starts its event loop. Ctrl-C
(SIGINT) or SIGTERM lets uvicorn finish the requests in flight, then the
workers are stopped and the socket closed: no traceback, the port is free.
"""

from __future__ import annotations

import ipaddress
import signal
import socket
import webbrowser
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from attrib.errors import ServeError

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
# Connections served at once (more get 503 from uvicorn); audits queue in the Desk.
MAX_CONNECTIONS = 64


@dataclass(frozen=True)
class Binding:
    """A bound, listening socket and the names that address it."""

    sock: socket.socket
    host: str
    port: int
    hosts: frozenset[str]
    loopback: bool

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"


def is_loopback(host: str) -> bool:
    """Whether every address `host` resolves to is on this machine only (127.0.0.0/8, ::1)."""
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except socket.gaierror:
        return False
    return all(ipaddress.ip_address(str(info[4][0]).split("%")[0]).is_loopback for info in infos)


def host_names(host: str, port: int, loopback: bool) -> frozenset[str]:
    """The `Host` header values that name this server."""
    names: set[str] = set(LOOPBACK_NAMES) if loopback else set()
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        address = None
    if address is not None and address.is_unspecified:  # 0.0.0.0 or ::: loopback and this machine's names
        names |= {*LOOPBACK_NAMES, socket.gethostname().lower(), socket.getfqdn().lower()}
    elif not loopback:
        names.add(f"[{host}]" if address is not None and address.version == 6 else host.lower())
    return frozenset(f"{name}:{port}" for name in names)


def bind(host: str, port: int, *, allow_remote: bool) -> Binding:
    """Bind and listen on host:port (port 0: any free port).

    Raises:
        ServeError: a host other machines can reach without `allow_remote`, an unknown host,
            or a port that cannot be bound.
    """
    loopback = is_loopback(host)
    if not loopback and not allow_remote:
        raise ServeError(
            f"--host {host} is reachable from other machines; the desk has no login, so add "
            "--allow-remote to serve there anyway (or keep the default 127.0.0.1)"
        )
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
    except socket.gaierror as err:
        raise ServeError(f"--host {host}: {err.strerror or err}") from None
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # rebind at once after a stop
        sock.bind(address)
        sock.listen(128)
    except OSError as err:
        sock.close()
        raise ServeError(f"{host}:{port}: cannot listen: {(err.strerror or str(err)).lower()}") from None
    sock.set_inheritable(False)
    bound_port = sock.getsockname()[1]
    return Binding(sock, host, bound_port, host_names(host, bound_port, loopback), loopback)


def serve(
    app: Any, binding: Binding, *, open_browser: bool = False, on_ready: Callable[[], None] | None = None
) -> None:
    """Serve `app` on the bound socket until Ctrl-C or SIGTERM; returns after a clean stop."""
    import uvicorn

    config = uvicorn.Config(
        app,
        log_level="warning",
        access_log=False,
        lifespan="off",
        limit_concurrency=MAX_CONNECTIONS,
        timeout_graceful_shutdown=5,
    )
    server = uvicorn.Server(config)
    if on_ready:
        on_ready()
    if open_browser:
        webbrowser.open(binding.url)
    # uvicorn raises a stopping signal again once it has shut down: SIGTERM then ends
    # like Ctrl-C, here, so the caller still stops the workers.
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        server.run(sockets=[binding.sock])
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        binding.sock.close()


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
