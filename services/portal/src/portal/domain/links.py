"""What a portal user is shown to help themselves: the office's instruction videos in their language and the
app-centre links of the office and of the dossier (OFF-3, DOS-5), from ``/me`` and the dossier's settings."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

SAFE_SCHEMES = ("https://", "http://")  # the office only accepts these; anything else is never made a link


def _safe(items: Any) -> list[dict[str, str]]:
    return [{"title": str(i.get("title") or i["url"]), "url": str(i["url"]), "language": str(i.get("language") or "")}
            for i in items or () if isinstance(i, Mapping) and str(i.get("url") or "").startswith(SAFE_SCHEMES)]


def instruction_videos(me: Mapping[str, Any], language: str) -> list[dict[str, str]]:
    """The office's videos for everyone or in the user's language (OFF-3)."""
    return [v for v in _safe((me.get("office") or {}).get("instruction_videos")) if v["language"] in ("", language)]


def app_centre_links(me: Mapping[str, Any], dossier: Mapping[str, Any] | None = None) -> list[dict[str, str]]:
    """The office's app-centre links (OFF-3), then the dossier's own (DOS-5); an address appears once."""
    own = ((dossier or {}).get("settings") or {}).get("app_centre_links")
    seen: set[str] = set()
    links = []
    for link in _safe((me.get("office") or {}).get("app_centre_links")) + _safe(own):
        if link["url"] not in seen:
            seen.add(link["url"])
            links.append(link)
    return links
