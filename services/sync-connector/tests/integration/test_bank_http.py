"""The bank statement API (issue 17 item 4; REP-5, matrix financial.view): who may list a dossier's statement
files and read one's lines, a file of another dossier is not found through this one, bad ids are a 422."""
from __future__ import annotations

import uuid

import httpx
import pytest
from runtime.auth.tokens import TokenVerifier
from runtime.service import http_app
from integration.test_http import OTHER, OWN, auth, issuer, pool  # noqa: F401 (the API's world: dossiers, tokens)

from sync_connector.adapters.registry import Adapters
from sync_connector.bootstrap import SPEC
from sync_connector.config import SyncSettings
from sync_connector.handlers.context import Deps

pytestmark = pytest.mark.integration
MINE, THEIRS = uuid.uuid4(), uuid.uuid4()


@pytest.fixture
async def bank(pool, issuer):  # noqa: F811
    for file_id, dossier in ((MINE, OWN), (THEIRS, OTHER)):
        await pool.execute(
            "INSERT INTO statement_imports (statement_file_id, dossier_id, office_id, sha256, format, filename, source, "
            "storage_key, state, account, statement_date, opening_balance, closing_balance) VALUES ($1, $2, $3, $4, "
            "'coda', 'april.cod', 'portal', 'k', 'imported', 'BE48001123456727', '2026-04-10', 5000, 4879)",
            file_id, dossier, uuid.uuid4(), file_id.hex * 2)
    await pool.execute(
        "INSERT INTO statement_lines (statement_file_id, sequence, booking_date, amount, state, rule, matched) "
        "VALUES ($1, '0001', '2026-04-09', -121, 'matched', 'structured_reference', $2)",
        MINE, [{"kind": "payable", "reference": "17", "amount": "121.00"}])
    settings = SyncSettings(service="sync-connector-test")
    app = http_app(SPEC, settings, Deps(pool=pool, settings=settings, adapters=Adapters()),
                   token_verifier=TokenVerifier(issuer=issuer.issuer, jwks=issuer.jwks()))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://sync") as c:
        yield c


@pytest.mark.parametrize("who, status", [("ADMIN", 200), ("COLLABORATOR", 200), ("SUPPORT", 403),
                                         ("FOREIGN_ADMIN", 403)])
async def test_who_lists_the_statements(bank, issuer, who, status):  # noqa: F811
    answer = await bank.get(f"/dossiers/{OWN}/bank-statements", headers=auth(issuer, who))
    assert answer.status_code == status, answer.text
    if status == 200:
        listed, = answer.json()["statements"]
        assert (listed["statement_file_id"], listed["lines"], listed["matched"]) == (str(MINE), 1, 1)
        assert (listed["opening_balance"], listed["closing_balance"]) == ("5000.00", "4879.00")


async def test_a_statements_lines_and_nothing_of_another_dossier(bank, issuer):  # noqa: F811
    headers = auth(issuer, "ADMIN")
    one = await bank.get(f"/dossiers/{OWN}/bank-statements/{MINE}", headers=headers)
    assert one.status_code == 200 and one.json()["lines"][0]["rule"] == "structured_reference"
    assert one.json()["lines"][0]["matched"][0]["reference"] == "17"
    # money crosses the wire as decimal strings, never JSON numbers (issue 19 item 5)
    assert (one.json()["lines"][0]["amount"], one.json()["lines"][0]["matched"][0]["amount"]) == ("-121.00", "121.00")
    assert (one.json()["closing_balance"], one.json()["statement_date"]) == ("4879.00", "2026-04-10")
    other = await bank.get(f"/dossiers/{OWN}/bank-statements/{THEIRS}", headers=headers)
    assert other.status_code == 404 and other.json()["error"]["code"] == "not_found"
    assert (await bank.get(f"/dossiers/{OWN}/bank-statements/not-a-uuid", headers=headers)).status_code == 422
    assert (await bank.get(f"/dossiers/{OWN}/bank-statements")).status_code == 401
