"""Text no service can store, refused at the edge: NUL characters and unpaired surrogates.

PostgreSQL text cannot hold U+0000 and UTF-8 cannot encode a lone surrogate (JSON allows ``"\\ud800"``), so such
text would reach a query and end in a 500. Every app of ``runtime.http.create_http_app`` checks the path, the
query string, url-encoded forms and JSON bodies (keys and strings, at any depth) before a route runs, and answers
422 in the house shape with the field named. In a multipart form, the text fields are checked as the route reads
them (runtime.edge_forms); files are bytes, not text.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl

from fastapi.exceptions import RequestValidationError
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from runtime.edge_forms import FormTexts, checked_receive

UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
PLAIN_NAME = re.compile(r"[A-Za-z0-9_.\-\[\]]{1,64}")
Loc = tuple[Any, ...]


def problem(text: str) -> str | None:
    """What makes ``text`` unstorable, or None."""
    found = UNSTORABLE.search(text)
    if found is None:
        return None
    return "contains a NUL character" if found.group() == "\x00" else "contains an unpaired surrogate (not Unicode)"


def _name(name: str) -> str:
    # the name is echoed back: only names that look like a field's, never arbitrary text from the request
    return name if PLAIN_NAME.fullmatch(name) else "(unnamed)"


def _pairs(where: str, pairs: list[tuple[str, str]]) -> Iterator[tuple[Loc, str]]:
    for name, value in pairs:
        yield (where, _name(name)), name
        yield (where, _name(name)), value


def _json_strings(value: Any, loc: Loc) -> Iterator[tuple[Loc, str]]:
    # a stack, not recursion: any nesting the JSON parser accepted is walked without a RecursionError
    stack = [(loc, value)]
    while stack:
        here, item = stack.pop()
        if isinstance(item, str):
            yield here, item
        elif isinstance(item, dict):
            for key, inner in reversed(item.items()):
                yield (*here, _name(key)), key
                stack.append(((*here, _name(key)), inner))
        elif isinstance(item, list):
            stack.extend(((*here, index), inner) for index, inner in reversed(list(enumerate(item))))


def first_problem(texts: Iterator[tuple[Loc, str]]) -> dict[str, Any] | None:
    """The validation error (FastAPI's shape) of the first unstorable text, or None."""
    for loc, text in texts:
        message = problem(text)
        if message:
            return {"loc": loc, "msg": message, "type": "value_error", "input": None}
    return None


def body_texts(content_type: str, body: bytes) -> Iterator[tuple[Loc, str]]:
    """The texts of a JSON or url-encoded body with where each is (nothing for bodies that do not parse)."""
    if content_type == "application/json" or content_type.endswith("+json"):
        try:
            parsed = json.loads(body)
        except (ValueError, RecursionError):  # malformed or absurdly nested JSON: the route's own parsing answers
            return iter(())
        return _json_strings(parsed, ("body",))
    if content_type == "application/x-www-form-urlencoded":
        return _pairs("body", parse_qsl(body.decode("utf-8", errors="replace"), keep_blank_values=True))
    return iter(())


def _content_type_header(scope: Scope) -> bytes:
    return next((value for name, value in scope.get("headers", ()) if name == b"content-type"), b"")


def _content_type(scope: Scope) -> str:
    return _content_type_header(scope).decode("latin-1").split(";")[0].strip().lower()


def form_field_problem(name: str, value: str) -> dict[str, Any] | None:
    """The validation error of a multipart text field whose name or value is unstorable, or None."""
    return first_problem(_pairs("body", [(name, value)]))


class TextCheckMiddleware:
    """Raises RequestValidationError (422, field named) for unstorable text in path, query, form or JSON, and
    UnstorableText (answered the same way) from the route's reads of a multipart form with such a text field."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        error = first_problem(iter([(("path",), scope.get("path", ""))])) or first_problem(_pairs("query", query))
        if error is None and (texts := _content_type(scope)) and body_checked(texts):
            body, receive = await _buffered(receive)
            error = first_problem(body_texts(texts, body))
        if error is not None:
            raise RequestValidationError([error])
        if _content_type(scope) == "multipart/form-data":
            receive = checked_receive(receive, FormTexts(_content_type_header(scope), form_field_problem))
        await self.app(scope, receive, send)


def body_checked(content_type: str) -> bool:
    return content_type in ("application/json", "application/x-www-form-urlencoded") or content_type.endswith("+json")


async def _buffered(receive: Receive) -> tuple[bytes, Receive]:
    """The whole body (already bounded by runtime.limits) and a receive that replays it."""
    chunks, more = [], True
    while more:
        message = await receive()
        if message["type"] != "http.request":
            return b"".join(chunks), _replay_then(message, receive)
        chunks.append(message.get("body", b""))
        more = message.get("more_body", False)
    body = b"".join(chunks)
    return body, _replay_then({"type": "http.request", "body": body, "more_body": False}, receive)


def _replay_then(first: Message, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return first
        return await receive()

    return replay
