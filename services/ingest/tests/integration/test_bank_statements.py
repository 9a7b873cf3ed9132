"""Bank statement files in ingest (issue 17 item 2; FEATURES REP-5): recognised by content in any mailbox and
sent to the statement flow (stored original + bank_statement.received), never to recognition; a malformed or
unbalanced file refused at upload with the reason; the 'bank' mailbox takes statements only."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from runtime.bankfiles import BankLine, BankStatement
from runtime.bankfiles.write import to_camt053, to_coda

from ingest_testkit import outbox, pdf_bytes, upload

pytestmark = pytest.mark.integration
CODA_SAMPLES = Path(__file__).resolve().parents[4].parent / "shared" / "standards" / "coda"


def statement(closing: str = "879.00") -> BankStatement:
    line = BankLine("0001", date(2026, 4, 10), Decimal("-121.00"), structured="090933755493",
                    counterparty_name="Brasserie Dupont", counterparty_iban="BE62510007547061")
    return BankStatement("coda", "BE80001000000177", "EUR", "004", date(2026, 4, 10), Decimal("1000.00"),
                         Decimal(closing), (line,))


@pytest.mark.parametrize("mailbox", ["bank", "purchases"])
async def test_a_coda_file_goes_to_the_statement_flow_with_its_original_stored(client, world, pool, store, mailbox):
    data = to_coda(statement())
    response = await upload(client, world, "ADMIN", mailbox, None, ("april.cod", data))
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["documents"] == [] and [s["format"] for s in body["statements"]] == ["coda"]
    events = await outbox(pool)
    assert [e["topic"] for e in events] == ["bank_statement.received"]  # no document.received: not recognised
    received = events[0]
    assert (received["format"], received["filename"], received["dossier_id"]) == ("coda", "april.cod", world.own)
    assert await store.get_bytes(received["storage_key"]) == data
    assert received["statement_file_id"] == body["statements"][0]["statement_file_id"]


async def test_a_camt053_by_api_key_is_a_statement_too(client, world, pool):
    response = await upload(client, world, "API_KEY", "purchases", None, ("april.xml", to_camt053(statement())))
    assert response.status_code == 201, response.text
    received, = await outbox(pool)
    assert (received["format"], received["source"]) == ("camt053", "api")


async def test_unbalanced_and_malformed_files_are_refused_at_upload_with_the_reason(client, world, pool):
    unbalanced = await upload(client, world, "ADMIN", "bank", None, ("bad.cod", to_coda(statement("900.00"))))
    assert unbalanced.status_code == 422
    assert unbalanced.json()["error"]["code"] == "unbalanced_statement"
    assert "879.00" in unbalanced.json()["error"]["message"]
    sample = await upload(client, world, "ADMIN", "bank", None,
                          ("invalid.cod", (CODA_SAMPLES / "invalid.cod").read_bytes()))
    assert (sample.status_code, sample.json()["error"]["code"]) == (422, "malformed_statement")
    assert await outbox(pool) == []


async def test_the_bank_mailbox_takes_statements_only(client, world, pool):
    response = await upload(client, world, "ADMIN", "bank", None, ("invoice.pdf", pdf_bytes()))
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "unsupported_type" and "bank" in response.json()["error"]["message"]
    assert await outbox(pool) == []


async def test_a_foreign_dossier_cannot_receive_statements(client, world, pool):
    response = await upload(client, world, "ADMIN", "bank", world.foreign, ("april.cod", to_coda(statement())))
    assert response.status_code in (403, 404)
    assert await outbox(pool) == []
