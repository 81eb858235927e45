"""The ASGI guard in front of every route: only this server's own pages may talk to it.

- Host: a request must name this server (`127.0.0.1:8765`, `localhost:8765`, ...).
  A DNS-rebinding page reaches the socket under its own name and is refused.
- Origin: a browser request carrying another page's origin (a cross-site POST,
  a fetch from another tab) is refused, unless `--allow-origin` lists it.
- Fetch metadata: a cross-site request without an Origin (an <img> or <script>
  pointed at the desk) is refused unless it is a top-level navigation.
- Every response gets headers that keep it out of other pages and off the
  browser's disk cache (nosniff, no-store, same-origin resource policy).

Refusals are 403 with one line of plain text.
"""

from __future__ import annotations

from collections.abc import Iterable

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Methods that change nothing: a top-level navigation from another site may use them.
SAFE_METHODS = frozenset({"GET", "HEAD"})
SECURITY_HEADERS = {
    "x-content-type-options": "nosniff",
    # same-origin, not no-referrer: with no-referrer Chromium sends "Origin: null" on the desk's own form posts
    "referrer-policy": "same-origin",
    "cache-control": "no-store",
    "cross-origin-resource-policy": "same-origin",
    "cross-origin-opener-policy": "same-origin",
    "x-frame-options": "SAMEORIGIN",
}


class Guard:
    """Refuse requests that do not come from this server's own pages.

    Args:
        app: the application behind the guard.
        hosts: the `Host` values that name this server ("127.0.0.1:8765"), lower-case.
        origins: origins besides the server's own that may call it (`--allow-origin`).
    """

    def __init__(self, app: ASGIApp, *, hosts: Iterable[str], origins: Iterable[str] = ()) -> None:
        self.app = app
        self.hosts = frozenset(host.lower() for host in hosts)
        self.own_origins = frozenset(f"http://{host}" for host in self.hosts)
        self.extra_origins = frozenset(origin.rstrip("/").lower() for origin in origins)

    def refusal(self, scope: Scope) -> str | None:
        """Why this request is refused, in one line; None when it may pass."""
        headers = Headers(scope=scope)
        host = headers.get("host")
        if host is None or host.lower() not in self.hosts:
            shown = "no Host header" if host is None else f"Host {host!r}"
            return f"refused: {shown} does not name this server ({', '.join(sorted(self.hosts))})"
        origin = headers.get("origin")
        if origin is not None:
            if origin.lower() not in self.own_origins | self.extra_origins:
                return f"refused: a request from {origin!r}, which is not this server's page"
            return None
        site = headers.get("sec-fetch-site")
        if site in ("cross-site", "same-site"):
            navigating = headers.get("sec-fetch-mode") == "navigate" and scope["method"] in SAFE_METHODS
            if not navigating:
                return f"refused: a {site} request from another page"
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        reason = self.refusal(scope)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        if reason is not None:
            await PlainTextResponse(reason + "\n", status_code=403)(scope, receive, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)
