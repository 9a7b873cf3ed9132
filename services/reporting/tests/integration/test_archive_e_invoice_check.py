"""Issue 19 item 5 (DESIGN: "the verdict is kept with the document"): the verdict of a structured e-invoice's XSD and
EN 16931 / Peppol schematron checks, from document.recognized, is kept on the archive card and shown in its detail."""
from __future__ import annotations

import hashlib
import uuid

import pytest
from contracts.events.documents import DocumentReceived
from contracts.events.recognition import DocumentRecognized, RecognizedInvoice, StructuredValidation

from reporting.handlers.events import on_document_received, on_document_recognized, on_dossier_changed
from reporting_testkit import OFFICE, bearer, collaborator, dossier_changed

pytestmark = pytest.mark.integration
DOSSIER = uuid.uuid4()
VERDICT = StructuredValidation(valid=False, errors=("BR-CO-15",), warnings=("BR-CL-23",),
                               rulesets=("UBL-XSD", "EN16931-UBL"))


def _events(document: uuid.UUID, verdict: StructuredValidation | None) -> tuple[DocumentReceived, DocumentRecognized]:
    sha = hashlib.sha256(document.bytes).hexdigest()
    envelope = dict(correlation_id="t", office_id=OFFICE, dossier_id=DOSSIER, document_id=document)
    received = DocumentReceived(**envelope, source="portal", mailbox="purchases", filename="f.xml",
                                content_type="application/xml", size_bytes=10, sha256=sha, storage_key=f"o/{sha}")
    source = "ubl" if verdict else "pdf_text"
    recognized = DocumentRecognized(**envelope, sha256=sha, status="complete", document_kind="invoice",
                                    invoice=RecognizedInvoice(source=source, document_type="invoice",
                                                              validation=verdict))
    return received, recognized


async def test_the_verdict_is_kept_with_the_archived_document(pool, http, issuer):
    ubl, pdf = uuid.uuid4(), uuid.uuid4()
    async with pool.acquire() as conn, conn.transaction():
        await on_dossier_changed(conn, dossier_changed(DOSSIER))
        for document, verdict in ((ubl, VERDICT), (pdf, None)):
            for event in _events(document, verdict):
                await (on_document_received if isinstance(event, DocumentReceived) else on_document_recognized)(
                    conn, event)
    who = bearer(issuer, collaborator(DOSSIER))
    detail = (await http.get(f"/dossiers/{DOSSIER}/archive/{ubl}", headers=who)).json()
    assert detail["e_invoice_check"] == VERDICT.model_dump(mode="json")
    assert (await http.get(f"/dossiers/{DOSSIER}/archive/{pdf}", headers=who)).json()["e_invoice_check"] is None
