"""Request limits in front of the app: query-string and body size, and a deadline per request."""

from __future__ import annotations

import asyncio
import json
import logging

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsevents.api.params import MAX_QUERY_BYTES

log = logging.getLogger(__name__)

# Paths that may run long by design: whole-store exports and uploads being ingested.
UNTIMED_PREFIXES = ("/api/exports", "/api/ingest")
# The deadline here backs up the one inside SQLite (pool.py), which stops the query itself; it
# fires only when something else holds a request (serialising a huge page, a stuck client).
GRACE_S = 5.0


async def _answer(send: Send, status: int, detail: str) -> None:
    """Send a JSON error response."""
    body = json.dumps({"detail": detail}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


class RequestLimits:
    """Refuse oversized requests before parsing them and stop requests past their deadline."""

    def __init__(self, app: ASGIApp, max_body_bytes: int, timeout_s: float) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.timeout_s = timeout_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Check the request's size, then run it under the deadline."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        query = scope.get("query_string", b"")
        if len(query) > MAX_QUERY_BYTES:
            await _answer(
                send,
                414,
                f"query string of {len(query)} bytes exceeds {MAX_QUERY_BYTES}: "
                "shorten the filter values (text filters take at most 200 characters)",
            )
            return
        length = dict(scope.get("headers", [])).get(b"content-length", b"")
        if length.isdigit() and int(length) > self.max_body_bytes:
            await _answer(
                send,
                413,
                f"request body of {int(length)} bytes exceeds "
                f"NEWSEVENTS_MAX_UPLOAD_BYTES={self.max_body_bytes}",
            )
            return
        if scope["path"].startswith(UNTIMED_PREFIXES):
            await self.app(scope, receive, send)
            return
        started = False

        async def send_tracking(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await asyncio.wait_for(self.app(scope, receive, send_tracking), self.timeout_s + GRACE_S)
        except TimeoutError:
            log.warning("request %s took over %.0f s; stopped", scope["path"], self.timeout_s + GRACE_S)
            if started:
                raise
            await _answer(send, 503, timeout_message(self.timeout_s))


def timeout_message(timeout_s: float) -> str:
    """What a client is told when its request ran out of time, and what it can do."""
    return (
        f"the request took longer than NEWSEVENTS_REQUEST_TIMEOUT_S={timeout_s:g} s and was stopped: "
        "narrow the filters (a country, a date range, a type) or ask for fewer rows"
    )
