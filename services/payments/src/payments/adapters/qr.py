"""EPC QR codes rendered with segno (PAY-4): error correction M, at most version 13, as SVG or PNG."""
from __future__ import annotations

import io

import segno

MEDIA_TYPES = {"svg": "image/svg+xml", "png": "image/png"}


def render(payload: str, fmt: str, *, scale: int = 5) -> bytes:
    """The QR code of an EPC payload (UTF-8) as ``svg`` or ``png`` bytes."""
    if fmt not in MEDIA_TYPES:
        raise ValueError(f"unknown format {fmt!r}")
    qr = segno.make_qr(payload, error="m", boost_error=False, encoding="utf-8")
    if qr.version > 13:
        raise ValueError(f"an EPC QR code is at most version 13, this one is {qr.designator}")
    out = io.BytesIO()
    qr.save(out, kind=fmt, scale=scale, border=4)
    return out.getvalue()
