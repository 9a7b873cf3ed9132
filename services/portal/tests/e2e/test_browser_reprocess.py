"""WL-13 in a real browser against the real office, worklist and portal: a proposal whose recognition timed out
(proposal.created and document.recognized on the test's topics, as enrichment and recognition would publish them)
shows why; the collaborator selects it and clicks Reprocess; the page says it was sent to be read again, the row
shows Reprocessing, and the worklist published document.reprocess_requested for its document (to ingest)."""
from __future__ import annotations

import json
import time
import uuid

import pytest
from aiokafka import AIOKafkaConsumer
from contracts.events.recognition import DocumentRecognized
from playwright.sync_api import Page, expect

from portal_testkit.browser import LOGINS, dossier_ids, log_in, office_api
from portal_testkit.worklist_kit import SETTINGS, in_thread, proposal, publish, wait_for_dossier, worklist_api

pytestmark = pytest.mark.e2e
COLLAB = LOGINS["COLLABORATOR"]


def requested_documents(platform, timeout: float = 30.0) -> set[str]:
    """The document ids of the document.reprocess_requested events on the test's topic."""
    topic = platform.topics["document.reprocess_requested"]

    async def read() -> set[str]:
        consumer = AIOKafkaConsumer(topic, bootstrap_servers=SETTINGS.kafka_bootstrap, group_id=None,
                                    auto_offset_reset="earliest", enable_auto_commit=False)
        await consumer.start()
        found: set[str] = set()
        try:
            deadline = time.monotonic() + timeout
            while not found and time.monotonic() < deadline:
                for records in (await consumer.getmany(timeout_ms=500)).values():
                    found |= {d for r in records for d in json.loads(r.value)["document_ids"]}
        finally:
            await consumer.stop()
        return found

    return in_thread(read)


def test_a_timed_out_document_is_reprocessed_from_the_worklist(platform, browser_page: Page):
    page, tag = browser_page, uuid.uuid4().hex[:6]
    dupont = dossier_ids(platform)["DUPONT"]
    with office_api(platform, LOGINS["ADMIN"].email, LOGINS["ADMIN"].password) as api:
        office_id = api.get("/me").json()["office"]["id"]
    failed = proposal(office_id, dupont, f"{tag}", status="technical_error", invoice_number=None, lines=[],
                      counterparty={"status": "new", "name": f"Supplier {tag}"})
    publish(platform, "proposal.created", failed)
    publish(platform, "document.recognized", DocumentRecognized(
        correlation_id="portal-e2e", office_id=office_id, dossier_id=dupont, document_id=failed.document_id,
        sha256="0" * 64, status="technical_error", error_code="timeout", error_reason="time limit exceeded"))
    with worklist_api(platform, COLLAB.email, COLLAB.password) as api:
        wait_for_dossier(api, dupont)
        deadline = time.monotonic() + 60
        while not any(r["recognition"] for r in api.get(f"/dossiers/{dupont}/worklists/purchases",
                                                        params={"q": tag}).json()["items"]):
            assert time.monotonic() < deadline, "the failure did not reach the worklist"
            time.sleep(0.3)

    log_in(page, COLLAB.email, COLLAB.password)
    page.goto(f"/dossiers/{dupont}/worklist?list=purchases&q={tag}")
    row = page.locator(f"tr[data-proposal='{failed.proposal_id}']")
    expect(row.locator(".recognition-error[data-error-code='timeout']")).to_have_text(
        "La lecture a pris trop de temps")  # the collaborator reads French
    row.locator("input[name='ids']").check()
    page.locator("#bulk-reprocess").click()
    expect(page.locator("#bulk-result[data-action='reprocess']")).to_have_attribute("data-done", "1")
    expect(page.locator("#bulk-result")).to_contain_text("1 renvoyé(s) à la reconnaissance.")
    expect(page.locator(f"tr[data-proposal='{failed.proposal_id}'] .reprocessing")).to_have_text("Relecture en cours")
    assert requested_documents(platform) == {str(failed.document_id)}
