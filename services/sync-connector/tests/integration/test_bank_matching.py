"""Matching by hand the bank lines the rules left (issue 17 item 3; REP-5, matrix bank.match), through the HTTP API
on the real Tryton, Postgres and S3: the open invoices offered (suggestions first), a line paying two supplier
invoices and one paying a third in part reconciled in Tryton (paid, part paid, the suspense account back to zero),
recorded as matched by hand and published on bank_statement.imported with that line; the same match again changes
nothing, another is a 409, amounts that do not fit a 422; who may match."""
from __future__ import annotations

import uuid
from decimal import Decimal

import httpx
import pytest
from contracts.codec import deserialize
from contracts.events.bank import BankStatementImported
from runtime.auth.tokens import TokenVerifier
from runtime.bankfiles.write import to_coda
from runtime.service import http_app
from integration.test_bank_statements import _invoices, _line, _post_purchases, _receive, _statement, world  # noqa: F401
from integration.test_http import OFFICE, auth, issuer  # noqa: F401
from integration.test_service import code  # noqa: F401

from sync_connector.bootstrap import SPEC

pytestmark = pytest.mark.integration


@pytest.fixture
async def matching(world, issuer):  # noqa: F811
    """The world's dossier in the tokens' office, three open supplier invoices and a statement whose two lines the
    rules cannot match (no reference, no IBAN, no single amount): (world, invoices, file id, HTTP client)."""
    w = world
    await w["deps"].pool.execute("UPDATE platform_dossiers SET office_id = $2 WHERE dossier_id = $1", w["dossier"],
                                 uuid.UUID(OFFICE))
    invoices = await _post_purchases(w)
    event = await _receive(w, to_coda(_statement(_line(1, "-181.50", communication="two invoices"),
                                                 _line(2, "-100.00", communication="on account"))), "may.cod")
    app = http_app(SPEC, w["deps"].settings, w["deps"],
                   token_verifier=TokenVerifier(issuer=issuer.issuer, jwks=issuer.jwks()))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://sync") as client:
        yield w, invoices, event.statement_file_id, client


async def _published(w) -> list[BankStatementImported]:
    rows = await w["deps"].pool.fetch("SELECT topic, payload FROM outbox WHERE topic = $1 ORDER BY id",
                                      "bank_statement.imported")
    return [deserialize(r["topic"], bytes(r["payload"])) for r in rows]


async def test_the_office_matches_the_lines_the_rules_left(matching, issuer):  # noqa: F811
    w, (a, b, c), file_id, client = matching
    base, who = f"/dossiers/{w['dossier']}/bank-statements/{file_id}/lines", auth(issuer, "ADMIN", w["dossier"])
    offered = await client.get(f"{base}/0001/candidates", headers=who)
    assert offered.status_code == 200, offered.text
    assert {c_["reference"] for c_ in offered.json()["candidates"]} == {str(a), str(b), str(c)}
    assert offered.json()["line"]["state"] == "unmatched"
    assert offered.json()["candidates"][0]["party"]  # the supplier's name, to recognise it

    too_little = await client.post(f"{base}/0001/match", json={"references": [str(a)]}, headers=who)
    assert too_little.status_code == 422 and too_little.json()["error"]["code"] == "amounts_do_not_fit"
    assert too_little.json()["error"]["params"] == {"amount": "181.50", "open_total": "121.00"}

    both = await client.post(f"{base}/0001/match", json={"references": [str(a), str(c)]}, headers=who)
    assert both.status_code == 200, both.text
    assert (both.json()["state"], both.json()["rule"]) == ("matched", "manual")
    assert {(m["reference"], m["amount"], m["paid_in_full"]) for m in both.json()["matched"]} == {
        (str(a), "121.00", True), (str(c), "60.50", True)}
    part = await client.post(f"{base}/0002/match", json={"references": [str(b)]}, headers=who)
    assert part.status_code == 200 and part.json()["matched"][0]["paid_in_full"] is False

    again = await client.post(f"{base}/0001/match", json={"references": [str(c), str(a)]}, headers=who)
    other = await client.post(f"{base}/0001/match", json={"references": [str(b)]}, headers=who)
    assert again.status_code == 200 and again.json() == both.json()
    assert other.status_code == 409 and other.json()["error"]["code"] == "line_already_matched"

    invoices = await _invoices(w["rpc"], [a, b, c])
    assert [invoices[i]["state"] for i in (a, b, c)] == ["paid", "posted", "paid"]
    assert invoices[b]["amount_to_pay"] == Decimal("142.00") and invoices[a]["reconciled"]
    moves = await w["rpc"].search_read("account.move", [("bf_external_id", "like", "bank-match:%")], ["state"])
    assert [m["state"] for m in moves] == ["posted", "posted"]  # one move per line, none twice
    suspense = await w["rpc"].search_read("account.account", [("code", "=", "499000")], ["balance"])
    assert suspense[0]["balance"] == 0

    published = await _published(w)
    by_hand = [p for p in published if p.lines and p.lines[0].rule == "manual"]
    assert [[line.sequence for line in p.lines] for p in by_hand] == [["0001"], ["0002"]]
    assert by_hand[0].statement_file_id == file_id and by_hand[0].outcome == "imported"
    assert {m.reference for m in by_hand[0].lines[0].matched} == {str(a), str(c)}
    listed = await client.get(f"/dossiers/{w['dossier']}/bank-statements/{file_id}", headers=who)
    assert [line["rule"] for line in listed.json()["lines"]] == ["manual", "manual"]


async def test_who_may_match(matching, issuer):  # noqa: F811
    """bank.match is the office's: an assigned collaborator may (here: nothing picked, 422), support and another
    office may not; an unknown line is a 404."""
    w, _, file_id, client = matching
    for who, status in (("COLLABORATOR", 422), ("SUPPORT", 403), ("FOREIGN_ADMIN", 403)):
        answer = await client.post(f"/dossiers/{w['dossier']}/bank-statements/{file_id}/lines/0001/match",
                                   json={"references": []}, headers=auth(issuer, who, w["dossier"]))
        assert answer.status_code == status, (who, answer.text)
    unknown = await client.get(f"/dossiers/{w['dossier']}/bank-statements/{file_id}/lines/0099/candidates",
                               headers=auth(issuer, "ADMIN", w["dossier"]))
    assert unknown.status_code == 404
