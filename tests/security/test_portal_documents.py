"""Issue 13 extras: the files the portal passes on are never pages of its origin, and an image's refusal stays one.

A stored document is whatever a client or a mail sender uploaded; served inline from the portal's origin, a PDF or
an HTML file a browser renders could run script with the user's session. Every file answer now carries
``Content-Security-Policy: sandbox`` and ``X-Content-Type-Options: nosniff``. The thumbnail route turned ingest's
422 (no such page) into a 200 ``image/png`` holding the JSON error; the refusal's status is now passed on.
The portal runs in process against an ingest (and a worklist) that answer with hostile files.
"""
from __future__ import annotations

import sys
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from fastapi.responses import JSONResponse, Response

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "services" / "portal" / "tests"))

from portal_testkit.harness import attach_service, login, portal_client  # noqa: E402
from portal_testkit.office_state import PASSWORD, seeded  # noqa: E402
from portal_testkit.worklist_fake import FakeWorklist, build_fake_worklist  # noqa: E402
from portal_testkit.worklist_pages import bakery_of, fake_office_app  # noqa: E402

pytestmark = pytest.mark.integration
ADMIN, COLLAB = "admin@demo.test", "collab@demo.test"
HOSTILE_HTML = b"<html><body><script>fetch('/office/collaborators')</script>%PDF-1.4</body></html>"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def hostile_ingest() -> FastAPI:
    """An ingest holding an HTML file it declares inline as text/html, and one page to show as a thumbnail."""
    app = FastAPI()

    @app.get("/dossiers/{dossier_id}/documents/{document_id}/content")
    async def content(dossier_id: str, document_id: str) -> Response:
        return Response(HOSTILE_HTML, media_type="text/html", headers={"content-disposition": "inline"})

    @app.get("/dossiers/{dossier_id}/documents/{document_id}/pages/{page}/thumbnail")
    async def thumbnail(dossier_id: str, document_id: str, page: int) -> Response:
        if page != 1:
            return JSONResponse({"error": {"code": "invalid_selection", "message": "no such page"}}, status_code=422)
        return Response(PNG, media_type="image/png")

    return app


def sandboxed(answer: httpx.Response) -> bool:
    policy = answer.headers.get("content-security-policy", "")
    return "sandbox" in [part.strip().split(" ")[0] for part in policy.split(";")] and \
        answer.headers.get("x-content-type-options") == "nosniff"


async def fetch(email: str, paths: list[str], worklist_app=None, fake=None) -> list[httpx.Response]:
    fake = fake or seeded()
    async with portal_client(fake_office_app(fake), worklist_app=worklist_app) as client:
        attach_service(client, "ingest", hostile_ingest())
        await login(client, email, PASSWORD)
        answers = [await client.get(path.format(dossier=bakery_of(fake))) for path in paths]
    return answers


async def test_a_downloaded_document_is_sandboxed_and_its_type_final():
    """A stored HTML file (served inline, as ingest declares it) cannot run script on the portal's origin."""
    [answer] = await fetch(ADMIN, ["/dossiers/{dossier}/documents/d-1/download"])
    assert answer.status_code == 200 and answer.content == HOSTILE_HTML
    assert sandboxed(answer), dict(answer.headers)


async def test_a_thumbnail_is_sandboxed_and_a_refused_page_is_not_a_200_image():
    """Page 1 is a sandboxed PNG; page 99 gets ingest's 422, not a 200 image/png holding the error."""
    shown, refused = await fetch(ADMIN, ["/dossiers/{dossier}/documents/d-1/pages/1.png",
                                         "/dossiers/{dossier}/documents/d-1/pages/99.png"])
    assert shown.status_code == 200 and shown.headers["content-type"] == "image/png" and sandboxed(shown)
    assert refused.status_code == 422, (refused.status_code, refused.headers.get("content-type"))
    assert not refused.headers.get("content-type", "").startswith("image/")


async def test_the_worklists_document_window_is_sandboxed():
    """WL-5's 'open in a new window' (inline): anything but a PDF is plain text, and the answer is sandboxed."""
    fake = seeded()
    state = FakeWorklist(fake)
    proposal = state.add(bakery_of(fake), invoice_number="A")
    [answer] = await fetch(COLLAB, [f"/dossiers/{{dossier}}/worklist/{proposal['id']}/document"],
                           worklist_app=build_fake_worklist(state), fake=fake)
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/plain")
    assert sandboxed(answer), dict(answer.headers)
