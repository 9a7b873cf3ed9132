"""How a route that answers a file, not JSON, says so in its OpenAPI document (issue 19 item 5).

FastAPI documents a route's answer as ``application/json`` (without a schema when it has no response model) even
when the route returns a ``Response`` of its own media type. ``file_answer`` gives the route arguments that document
the file instead::

    @router.get("/pages/{page}/thumbnail", **file_answer("the page as a PNG", "image/png"))

Only the document changes: the route still returns its own ``Response`` (status, headers, body, media type).
"""
from __future__ import annotations

from typing import Any

from fastapi.responses import Response

BINARY = {"type": "string", "format": "binary"}


def file_answer(description: str, *media_types: str) -> dict[str, Any]:
    """The ``response_class`` and ``responses`` of a route whose 200 answer is a file of one of ``media_types``."""
    if not media_types:
        raise ValueError("a file answer has at least one media type")
    content = {media_type: {"schema": dict(BINARY)} for media_type in media_types}
    return {"response_class": Response, "responses": {200: {"description": description, "content": content}}}
