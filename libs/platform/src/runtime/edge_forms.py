"""The text fields of a multipart form, checked by runtime.edge as the body streams to the route.

A multipart body can be the size of an upload, and its limit (runtime.limits) is known only once the router chose
the route, so it is not buffered before the route runs as a JSON body is: each chunk the route reads is also fed to
a streaming parser, and a text field (a part without a filename) whose name or value is unstorable fails that read
with ``UnstorableText`` (422, the field named) — before the route's code runs, since FastAPI reads a form whole
first. The text is decoded as Starlette decodes it (the charset of the content type, Latin-1 when it does not
decode), so what is checked is what the route would get. Files are bytes, not text; their names are the services'
to clean. A body that does not parse is left to the route's own form parsing (400).
"""
from __future__ import annotations

import codecs
from typing import Any

from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.exceptions import HTTPException
from starlette.types import Message, Receive

MAX_TEXT_BYTES = 1024 * 1024  # Starlette refuses a text field over this (400) before a route sees it


class UnstorableText(HTTPException):
    """422 for unstorable text met while the route reads its body. An HTTPException because FastAPI lets only those
    out of its body reading (it answers others 400); ``errors()`` as RequestValidationError's, so runtime.http
    answers it as one (``validation_error``, the field named)."""

    def __init__(self, error: dict[str, Any]) -> None:
        super().__init__(422, error["msg"])
        self._errors = [error]

    def errors(self) -> list[dict[str, Any]]:
        return list(self._errors)


def _decode(data: bytes, charset: str) -> str:
    try:
        return data.decode(charset)
    except (UnicodeDecodeError, LookupError):
        return data.decode("latin-1")


class FormTexts:
    """A streaming multipart parser keeping the name and value of each text part, and the first unstorable one."""

    def __init__(self, content_type: bytes, check: Any) -> None:
        """``check(name, value)`` is the validation error of a text field, or None (runtime.edge gives it)."""
        _, params = parse_options_header(content_type)
        charset = params.get(b"charset", b"utf-8").decode("latin-1")
        try:
            self.charset = codecs.lookup(charset).name
        except LookupError:
            self.charset = "latin-1"
        self.check, self.error = check, None
        self._header, self._value, self._disposition = b"", b"", b""
        self._data: bytearray | None = None
        callbacks = {"on_part_begin": self._begin, "on_header_field": self._header_field,
                     "on_header_value": self._header_value, "on_header_end": self._header_end,
                     "on_headers_finished": self._headers_done, "on_part_data": self._part_data,
                     "on_part_end": self._part_end}
        boundary = params.get(b"boundary")
        self.parser = MultipartParser(boundary, callbacks) if boundary else None

    def feed(self, chunk: bytes) -> dict[str, Any] | None:
        """The validation error of the first unstorable text field met so far, or None."""
        if self.parser is not None and self.error is None and chunk:
            try:
                self.parser.write(chunk)
            except FormParserError:  # malformed: Starlette's own parsing answers it
                self.parser = None
        return self.error

    def _begin(self) -> None:
        self._disposition, self._data = b"", None

    def _header_field(self, data: bytes, start: int, end: int) -> None:
        self._header += data[start:end]

    def _header_value(self, data: bytes, start: int, end: int) -> None:
        self._value += data[start:end]

    def _header_end(self) -> None:
        if self._header.lower() == b"content-disposition":
            self._disposition = self._value
        self._header, self._value = b"", b""

    def _headers_done(self) -> None:
        _, options = parse_options_header(self._disposition)
        self._name = _decode(options.get(b"name", b""), self.charset)
        self._data = None if b"filename" in options else bytearray()

    def _part_data(self, data: bytes, start: int, end: int) -> None:
        if self._data is not None and len(self._data) <= MAX_TEXT_BYTES:
            self._data += data[start:end]

    def _part_end(self) -> None:
        if self._data is None or self.error is not None or len(self._data) > MAX_TEXT_BYTES:
            return
        value = _decode(bytes(self._data), self.charset)
        self.error = self.check(self._name, value)


def checked_receive(receive: Receive, texts: FormTexts) -> Receive:
    """``receive`` that raises UnstorableText as soon as the body read so far holds an unstorable text field."""

    async def checked() -> Message:
        message = await receive()
        if message["type"] == "http.request":
            error = texts.feed(message.get("body", b""))
            if error is not None:
                raise UnstorableText(error)
        return message

    return checked
