"""The placeholders a template may use: the request's params plus what notify adds (links, names).

The producer's params win, except the absolute links notify builds from BF_NOTIFY_PORTAL_URL: a link in a
mail always points at this platform's portal.
"""
from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from urllib.parse import quote


def portal_link(portal_url: str, path: str = "/", office_slug: str | None = None) -> str:
    """An absolute portal URL for `path`, naming the office (``office=<slug>``) as the portal's login expects."""
    url = portal_url.rstrip("/") + (path if path.startswith("/") else f"/{path}")
    if office_slug:
        url += ("&" if "?" in url else "?") + f"office={quote(office_slug, safe='')}"
    return url


def readable_time(value: str) -> str:
    """An ISO timestamp as 'YYYY-MM-DD HH:MM UTC' (the value unchanged when it is not one)."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    suffix = " UTC" if moment.utcoffset() is not None and not moment.utcoffset() else ""
    return moment.strftime("%Y-%m-%d %H:%M") + suffix


def placeholders(params: Mapping[str, str], *, portal_url: str, recipient_name: str | None,
                 dossier_name: str | None) -> dict[str, str]:
    """The params of one mail: the request's, plus recipient_name, dossier_name, portal_link, link, expires."""
    slug = params.get("office_slug") or None
    added = {"recipient_name": recipient_name or params.get("user_name") or "",
             "portal_link": portal_link(portal_url, "/", slug)}
    if dossier_name:
        added["dossier_name"] = dossier_name
    if params.get("expires_at"):
        added["expires"] = readable_time(params["expires_at"])
    merged = {**added, **params}
    if params.get("link_path"):
        merged["link"] = portal_link(portal_url, params["link_path"], slug)
    merged["portal_link"] = added["portal_link"]
    return merged
