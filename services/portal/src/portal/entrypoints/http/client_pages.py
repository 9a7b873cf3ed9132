"""The client portal (DOS-4, DOS-1): a client user's dossiers and, per dossier, the areas their profile and the
dossier's portal scope allow. Areas of later services show what they will hold; forbidden ones answer 403."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Response

from portal.domain.links import app_centre_links, instruction_videos
from portal.domain.navigation import AREAS_BY_KEY, area_allowed, client_areas, client_dossiers, dossier_of
from portal.entrypoints.http.guard import User, current_user
from portal.entrypoints.http.message_nav import unread_messages
from portal.entrypoints.http.web import PageRoute, forbidden, redirect

router = APIRouter(route_class=PageRoute)
# Areas whose page the portal already has elsewhere.
AREA_PATHS = {"settings": "/dossiers/{id}/settings", "users": "/dossiers/{id}/users",
              "upload": "/dossiers/{id}/documents", "documents": "/dossiers/{id}/documents",
              "capture": "/dossiers/{id}/capture", "worklist": "/dossiers/{id}/worklist",
              "conversations": "/dossiers/{id}/messages", "payments": "/dossiers/{id}/payments",
              "dashboard": "/dossiers/{id}/dashboard", "history": "/dossiers/{id}/history",
              "archive": "/dossiers/{id}/archive", "reports": "/dossiers/{id}/reports"}


def area_path(dossier_id: str, key: str) -> str:
    return AREA_PATHS.get(key, "/client/{id}/" + key).format(id=dossier_id)


def _client_dossier(user: User, dossier_id: str) -> dict:
    if user.is_collaborator:
        raise forbidden()
    dossier = dossier_of(user.me, dossier_id)
    if dossier is None:
        raise forbidden()
    return dict(dossier)


@router.get("/client")
async def client_home(user: User = Depends(current_user)) -> Response:
    """The client's dossiers; with a single one, straight to it."""
    if user.is_collaborator:
        return redirect(user.request, "/dossiers")
    dossiers = client_dossiers(user.me)
    if len(dossiers) == 1:
        return redirect(user.request, f"/client/{dossiers[0]['id']}")
    return user.page("client_dossiers.html", dossiers=dossiers, videos=instruction_videos(user.me, user.language),
                     links=app_centre_links(user.me))


@router.get("/client/{dossier_id}")
async def client_dossier(dossier_id: str, user: User = Depends(current_user)) -> Response:
    """A dossier's portal home: one tile per area the profile (DOS-4) and the portal scope (DOS-1) allow, with the
    office's instruction videos and the office's and dossier's app-centre links (OFF-3, DOS-5)."""
    dossier = _client_dossier(user, dossier_id)
    tiles = [(area, area_path(dossier_id, area.key)) for area in client_areas(user.principal, dossier)]
    full = await user.api.get(f"/dossiers/{dossier_id}")
    unread = await unread_messages(user, dossier_id) if any(a.key == "conversations" for a, _ in tiles) else None
    return user.page("client_home.html", dossier=dossier, tiles=tiles, many=len(client_dossiers(user.me)) > 1,
                     unread=unread,
                     videos=instruction_videos(user.me, user.language), links=app_centre_links(user.me, full))


@router.get("/client/{dossier_id}/{area}")
async def client_area(dossier_id: str, area: str, user: User = Depends(current_user)) -> Response:
    dossier = _client_dossier(user, dossier_id)
    if area not in AREAS_BY_KEY or not area_allowed(user.principal, dossier, area):
        raise forbidden()
    if area in AREA_PATHS:
        return redirect(user.request, area_path(dossier_id, area))
    tiles = [(a, area_path(dossier_id, a.key)) for a in client_areas(user.principal, dossier)]
    return user.page("client_area.html", dossier=dossier, area=AREAS_BY_KEY[area], tiles=tiles)
