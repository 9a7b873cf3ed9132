"""Helpers of the worklist browser tests: proposals and master data published on the test's own topics (what
enrichment and sync-connector would send), the recognised words put in object storage, the worklist API as a
user sees it, and the proposal.validated events the e2e worklist published."""
from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from typing import Any, TypeVar

import httpx
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from contracts.cloudevents import to_headers
from contracts.codec import serialize
from contracts.envelope import Event
from contracts.events.ledger import LedgerSynced
from contracts.events.proposals import ProposalCreated
from runtime.config import Settings
from runtime.storage import ObjectStore

from portal_testkit.live import Platform

T = TypeVar("T")
SETTINGS = Settings(service="portal-e2e")


def in_thread(make: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """Run a coroutine to its end from Playwright's sync tests (whose thread already runs a loop)."""
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(lambda: asyncio.run(make())).result()


def publish(platform: Platform, contract_topic: str, *events: Event) -> None:
    """Events on the test's copy of a topic, as their producer would send them (key, CloudEvents headers)."""
    assert platform.topics is not None, "the platform runs without its own topics"
    topic = platform.topics[contract_topic]

    async def send() -> None:
        producer = AIOKafkaProducer(bootstrap_servers=SETTINGS.kafka_bootstrap, enable_idempotence=True, acks="all")
        await producer.start()
        try:
            for event in events:
                await producer.send_and_wait(topic, serialize(event), key=str(event.dossier_id).encode(),
                                             headers=to_headers(event, source="/tests/portal-e2e"))
        finally:
            await producer.stop()

    in_thread(send)


def validated(platform: Platform, proposal_ids: list[str], timeout: float = 30.0) -> dict[str, dict[str, Any]]:
    """The proposal.validated events of these proposals the e2e worklist published on the test's topic (read
    from its start until each has one or the time is up)."""
    assert platform.topics is not None
    topic, wanted = platform.topics["proposal.validated"], set(proposal_ids)

    async def read() -> dict[str, dict[str, Any]]:
        consumer = AIOKafkaConsumer(topic, bootstrap_servers=SETTINGS.kafka_bootstrap, group_id=None,
                                    auto_offset_reset="earliest", enable_auto_commit=False)
        await consumer.start()
        found: dict[str, dict[str, Any]] = {}
        try:
            deadline = time.monotonic() + timeout
            while not wanted <= set(found) and time.monotonic() < deadline:
                for records in (await consumer.getmany(timeout_ms=500)).values():
                    for record in records:
                        event = json.loads(record.value)
                        if event.get("proposal_id") in wanted:
                            found[event["proposal_id"]] = event
        finally:
            await consumer.stop()
        return found

    return in_thread(read)


def put_words(pages: list[dict[str, Any]]) -> str:
    """The recognised words of a document in object storage, as recognition stores them; returns the key."""
    store = ObjectStore.from_settings(SETTINGS)
    data = json.dumps({"method": "ocr", "pages": pages}).encode()
    return in_thread(lambda: store.put_bytes(data, "application/json")).key


def master_data(office_id: str, dossier_id: str) -> LedgerSynced:
    """A resync with the chart (suspense 499000), journals, open periods, VAT codes and one known supplier."""
    return LedgerSynced.model_validate({
        "correlation_id": "portal-e2e", "office_id": office_id, "dossier_id": dossier_id,
        "accounting_software": "tryton", "sync": {"run_id": str(uuid.uuid4()), "reason": "full",
                                                  "started_at": "2026-01-05T08:00:00Z",
                                                  "finished_at": "2026-01-05T08:00:00Z"}, "master_data": {
            "accounts": [{"code": "604000", "name": "Purchases of goods", "kind": "expense"},
                         {"code": "610000", "name": "Rent", "kind": "expense"},
                         {"code": "499000", "name": "Suspense account"}],
            "journals": [{"code": "ACH", "type": "purchases", "name": "Purchases"},
                         {"code": "VEN", "type": "sales", "name": "Sales"}],
            "periods": [{"code": "2026-01", "start_date": "2026-01-01", "end_date": "2026-01-31"},
                        {"code": "2026-02", "start_date": "2026-02-01", "end_date": "2026-02-28"}],
            "vat_codes": [{"code": "21", "direction": "purchase", "rate": "21"}],
            "counterparties": [{"reference": "C1", "name": "Brico Supplies NV", "vat_number": "BE0403170701"}]}})


def proposal(office_id: str, dossier_id: str, number: str, **update: Any) -> ProposalCreated:
    """A complete purchase proposal (one 604000 line, 121.00) as enrichment would publish it."""
    data: dict[str, Any] = {
        "correlation_id": "portal-e2e", "office_id": office_id, "dossier_id": dossier_id,
        "proposal_id": str(uuid.uuid4()), "document_id": str(uuid.uuid4()), "origin": "air",
        "journal": {"code": "ACH", "type": "purchases", "name": "Purchases"},
        "period": {"code": "2026-01", "start_date": "2026-01-01", "end_date": "2026-01-31"},
        "invoice_number": number, "invoice_date": "2026-01-15",
        "counterparty": {"status": "known", "reference": "C1", "name": "Brico Supplies NV",
                         "vat_number": "BE0403170701"},
        "lines": [{"line_no": 1, "account": "604000", "vat_code": "21", "vat_rate": "21", "net_amount": "100.00",
                   "vat_amount": "21.00"}],
        "totals": {"net": "100.00", "vat": "21.00", "gross": "121.00"}, "status": "complete",
        "mailbox": "purchases", "page_count": 1, "occurred_at": datetime.now(timezone.utc).isoformat()}
    data.update(update)
    return ProposalCreated.model_validate(data)


def worklist_api(platform: Platform, email: str, password: str) -> httpx.Client:
    """An httpx client on the worklist API with that user's office token (to check what the portal did)."""
    token = httpx.post(f"{platform.office.url}/auth/login", json={"email": email, "password": password},
                       timeout=10).json()["access_token"]
    assert platform.worklist is not None
    return httpx.Client(base_url=platform.worklist.url, headers={"Authorization": f"Bearer {token}"}, timeout=30)


def wait_for(api: httpx.Client, dossier_id: str, proposal_ids: list[str], timeout: float = 60.0) -> None:
    """Wait until the worklist stored these proposals (its consumer is asynchronous)."""
    deadline = time.monotonic() + timeout
    while True:
        found = [api.get(f"/dossiers/{dossier_id}/proposals/{p}").status_code for p in proposal_ids]
        if all(status == 200 for status in found):
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"the worklist did not store {proposal_ids} within {timeout}s (answers {found})")
        time.sleep(0.3)


def wait_for_dossier(api: httpx.Client, dossier_id: str, timeout: float = 60.0) -> None:
    """Wait until the worklist's replica knows the dossier (403 until its dossier.changed arrived)."""
    deadline = time.monotonic() + timeout
    while api.get(f"/dossiers/{dossier_id}/choices").status_code != 200:
        if time.monotonic() > deadline:
            raise AssertionError(f"the worklist does not know dossier {dossier_id} after {timeout}s")
        time.sleep(0.3)
