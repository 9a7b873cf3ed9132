"""THE MATRIX WALK: every ingest route, with every role, every client profile, an API key, nobody and another
office's admin, aimed at the caller's dossier, another dossier of the office and another office's dossier.

Allowed exactly where runtime.auth.matrix says (computed from the matrix, not asked from the service):
DOS-4 Document delivery may only upload, Full feedback may not upload, an API key only uploads into its
mailbox; refused (401 without a token, 403 outside the matrix) elsewhere; a document of another dossier
is never visible through a dossier one may see (404). DESIGN "Tenancy and security"; ING-1..10, DOS-4.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from runtime.auth.policy import DossierRef, is_allowed

from ingest.adapters import replica
from ingest.domain.files import IncomingFile
from ingest.handlers.context import Origin
from ingest.handlers.intake import intake

from ingest_testkit import pdf_bytes, png_bytes

pytestmark = pytest.mark.integration
Body = Callable[[str], dict[str, Any]] | None


@dataclass(frozen=True)
class Route:
    """One route of the walk: how to call it, the action it needs, its mailbox, and its body (given a document id)."""

    method: str
    path: str
    action: str
    mailbox: str | None = None
    json: Body = None
    upload: bool = False
    sent_only_for: tuple[str, ...] = ()  # actions that reach only documents sent into processing (404 in a mailbox)


ROUTES = (
    Route("POST", "/dossiers/{d}/mailboxes/purchases/documents", "document.upload", "purchases", upload=True),
    Route("POST", "/dossiers/{d}/mailboxes/sales/documents", "document.upload", "sales", upload=True),
    Route("POST", "/dossiers/{d}/mailboxes/misc/capture", "document.mobile_capture", "misc", upload=True),
    Route("GET", "/dossiers/{d}/mailboxes/purchases/documents", "document.view", "purchases"),
    Route("GET", "/dossiers/{d}/processing", "document.view"),
    Route("GET", "/dossiers/{d}/mailboxes/misc/notes", "document.view", "misc"),
    Route("GET", "/dossiers/{d}/labels", "document.view"),
    Route("GET", "/dossiers/{d}/documents/{doc}", "document.view"),
    Route("GET", "/dossiers/{d}/documents/{doc}/content", "document.view", sent_only_for=("worklist.view",)),
    Route("GET", "/dossiers/{d}/documents/{doc}/pages/1/thumbnail", "document.view", sent_only_for=("worklist.view",)),
    Route("PATCH", "/dossiers/{d}/documents/{doc}", "document.edit", json=lambda doc: {"labels": ["walk"]}),
    Route("DELETE", "/dossiers/{d}/documents/{doc}", "document.edit"),
    Route("POST", "/dossiers/{d}/documents/{doc}/split", "document.split", json=lambda doc: {"parts": [[1], [2]]}),
    Route("POST", "/dossiers/{d}/documents/{doc}/bulk-split", "document.split", json=lambda doc: {"first_pages": [1, 2]}),
    Route("POST", "/dossiers/{d}/merge", "document.split",
          json=lambda doc: {"pages": [{"document_id": doc, "page": 2}, {"document_id": doc, "page": 1}]}),
    Route("POST", "/dossiers/{d}/send", "document.send", json=lambda doc: {"document_ids": [doc]}),
)
WHO = ("ADMIN", "COLLABORATOR", "SUPPORT", "WORKLISTS_ONLY", "ADMINISTRATOR", "FULL_ACCESS",
       "DOCUMENT_PROCESSING", "DOCUMENT_PROCESSING_ARCHIVE", "FULL_FEEDBACK", "DOCUMENT_DELIVERY", "API_KEY",
       "FOREIGN_ADMIN", "NOBODY")


async def _fresh_document(deps, dossier_id: str) -> str:
    dossier = await replica.dossier(deps.pool, __import__("uuid").UUID(dossier_id))
    result = await intake(deps, dossier, "purchases", [IncomingFile("walk.pdf", pdf_bytes(2))], Origin("portal"))
    return str(result.documents[0].id)


def _expected(world, who: str, route: Route, dossier_id: str, office_id: str) -> int | None:
    """The expected status class: None = allowed (2xx), else 401/403."""
    if who == "NOBODY":
        return 401
    ref = DossierRef.from_settings(office_id, dossier_id, {"portal_scope": "documents_feedback",
                                                           "validation_mode": "collaborator"}, mailbox=route.mailbox)
    if is_allowed(world.principals[who], route.action, ref):
        return None
    if any(is_allowed(world.principals[who], action, ref) for action in route.sent_only_for):
        return 404  # the walk's document is still in its mailbox: not in any worklist yet
    return 403


async def _call(client, world, who: str, route: Route, dossier_id: str, doc: str):
    path = route.path.format(d=dossier_id, doc=doc)
    kw: dict[str, Any] = {"headers": world.headers(who)}
    if route.upload:
        name = "photo.png" if "capture" in path else "walk.pdf"
        kw["files"] = [("files", (name, png_bytes() if "capture" in path else pdf_bytes(), "application/octet-stream"))]
    elif route.json is not None:
        kw["json"] = route.json(doc)
    return await client.request(route.method, path, **kw)


async def test_every_route_with_every_grantee_on_every_reach(client, world, deps):
    targets = {"own": (world.own, world.office), "other": (world.other, world.office),
               "foreign": (world.foreign, world.foreign_office)}
    failures, calls = [], 0
    for target, (dossier_id, office_id) in targets.items():
        for route in ROUTES:
            for who in WHO:
                expected = _expected(world, who, route, dossier_id, office_id)
                doc = await _fresh_document(deps, dossier_id) if expected in (None, 404) \
                    else "00000000-0000-0000-0000-000000000001"
                response = await _call(client, world, who, route, dossier_id, doc)
                calls += 1
                ok = response.status_code < 300 if expected is None else response.status_code == expected
                if not ok:
                    failures.append(f"{who} {route.method} {route.path} on {target}: {response.status_code} "
                                    f"(expected {expected or '2xx'}) {response.text[:120]}")
    assert not failures, "\n".join(failures)
    assert calls == 3 * len(ROUTES) * len(WHO)


async def test_delivery_uploads_only_and_feedback_never_uploads(client, world):
    """DOS-4 spelled out: Document delivery uploads but sees nothing; Full feedback may not upload."""
    url = f"/dossiers/{world.own}/mailboxes/purchases/documents"
    files = [("files", ("d.pdf", pdf_bytes(), "application/pdf"))]
    assert (await client.post(url, files=files, headers=world.headers("DOCUMENT_DELIVERY"))).status_code == 201
    assert (await client.get(url, headers=world.headers("DOCUMENT_DELIVERY"))).status_code == 403
    assert (await client.post(url, files=files, headers=world.headers("FULL_FEEDBACK"))).status_code == 403


async def test_another_dossiers_document_is_never_visible(client, world, deps):
    """A document id of another dossier, asked through a dossier one may see, is not found (and lists stay apart)."""
    theirs = await _fresh_document(deps, world.other)
    for method, suffix in (("GET", ""), ("GET", "/content"), ("GET", "/pages/1/thumbnail"), ("DELETE", ""),
                           ("PATCH", "")):
        kw = {"json": {"note": "x"}} if method == "PATCH" else {}
        response = await client.request(method, f"/dossiers/{world.own}/documents/{theirs}{suffix}",
                                        headers=world.headers("COLLABORATOR"), **kw)
        assert response.status_code == 404, (method, suffix, response.status_code)
    send = await client.post(f"/dossiers/{world.own}/send", json={"document_ids": [theirs]},
                             headers=world.headers("COLLABORATOR"))
    assert send.status_code == 404
    listed = await client.get(f"/dossiers/{world.own}/mailboxes/purchases/documents", headers=world.headers("ADMIN"))
    assert theirs not in {d["id"] for d in listed.json()["items"]}


async def test_a_worklist_reader_sees_the_documents_sent_into_processing_only(client, world, deps):
    """WL-5: SUPPORT annotates worklists without reading mailboxes: the content and pages of a document sent
    into processing are readable, an unsent one is not found, and the mailbox list stays refused."""
    doc = await _fresh_document(deps, world.own)
    paths = (f"/dossiers/{world.own}/documents/{doc}/content", f"/dossiers/{world.own}/documents/{doc}/pages/1/thumbnail")
    for path in paths:
        assert (await client.get(path, headers=world.headers("SUPPORT"))).status_code == 404
    sent = await client.post(f"/dossiers/{world.own}/send", json={"document_ids": [doc]},
                             headers=world.headers("COLLABORATOR"))
    assert sent.status_code < 300, sent.text
    for path in paths:
        answer = await client.get(path, headers=world.headers("SUPPORT"))
        assert answer.status_code == 200 and answer.content[:4] in (b"%PDF", b"\x89PNG"), answer.status_code
    listed = await client.get(f"/dossiers/{world.own}/mailboxes/purchases/documents", headers=world.headers("SUPPORT"))
    assert listed.status_code == 403
