"""Files the portal passes on from a service (documents, page images, SEPA XML): content, never a page of this site.

A stored document is whatever a client or a mail sender uploaded. Served from the portal's origin, a PDF or an
HTML/SVG file that a browser renders could run script with the user's session (issue 13), so every file response
carries a sandboxing CSP (no script, no same-origin access, no forms) and ``nosniff`` (its declared type is final).
"""
from __future__ import annotations

from fastapi import Response

FILE_HEADERS = {"Content-Security-Policy": "sandbox", "X-Content-Type-Options": "nosniff"}
PRIVATE_CACHE = "private, max-age=600"


def file_response(content: bytes, media_type: str, *, disposition: str | None = None,
                  cache: str = PRIVATE_CACHE) -> Response:
    """A file answer with the sandboxing headers; ``disposition`` as the service or the route decides."""
    headers = {**FILE_HEADERS, "Cache-Control": cache}
    if disposition:
        headers["Content-Disposition"] = disposition
    return Response(content, media_type=media_type, headers=headers)
