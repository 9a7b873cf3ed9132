"""COM-2 "VAT return OK" over notify's HTTP API on the real Postgres: the client's confirmation is a message to the
office and a mark per dossier and period the office reads back; a second confirmation answers the first; who may
confirm, and bad periods are 422 naming the problem."""
from __future__ import annotations

from datetime import date

import pytest

from conversation_kit import DOSSIER, as_, base, pool, store  # noqa: F401  (fixtures)

pytestmark = pytest.mark.integration
URL = f"/dossiers/{DOSSIER}/vat-confirmations"


async def test_the_confirmation_reaches_the_office_once_and_is_read_back(pool, as_):  # noqa: F811
    """COM-2: a message in a new conversation for the office (mailed to the assigned collaborator), the mark on the
    dossier and in the office's list; a second confirmation by another user says who confirmed first."""
    anna, jan, carl = as_("ANNA"), as_("JAN"), as_("CARL")
    first = await anna.post(URL, json={"period": "2026-Q1"})
    assert first.status_code == 201, first.text
    assert first.json()["already"] is False and first.json()["confirmed_by_name"] == "Anna"
    thread = (await jan.get(f"{base()}/{first.json()['conversation_id']}")).json()
    assert thread["subject"] == "Déclaration TVA OK : 2026-Q1"  # Anna reads French
    assert thread["messages"][0]["author_side"] == "client" and "2026-Q1" in thread["messages"][0]["text"]
    assert await pool.fetchval("SELECT count(*) FROM outgoing_mail WHERE to_address = 'jan@office.be' "
                               "AND template = 'conversation.message'") == 1

    again = await carl.post(URL, json={"period": " 2026-Q1"})
    assert again.status_code == 200 and again.json()["already"] is True
    assert again.json()["confirmed_by_name"] == "Anna" and again.json()["confirmed_at"] == first.json()["confirmed_at"]
    assert await pool.fetchval("SELECT count(*) FROM conversations WHERE subject LIKE '%2026-Q1%'") == 1

    assert (await anna.post(URL, json={"period": "2026-02"})).status_code == 201
    marks = (await jan.get(URL)).json()["confirmations"]
    assert [m["period"] for m in marks] == ["2026-Q1", "2026-02"]
    office = (await as_("ADMIN").get("/vat-confirmations", params={"period": "2026-Q1"})).json()["confirmations"]
    assert [(m["dossier_id"], m["confirmed_by_name"]) for m in office] == [(str(DOSSIER), "Anna")]
    assert (await jan.get("/vat-confirmations")).json()["confirmations"][0]["dossier_name"] == "Bakkerij Janssens BV"
    assert (await as_("FOREIGN").get("/vat-confirmations")).json()["confirmations"] == []


@pytest.mark.parametrize("period", ["2026-13", "2026-Q5", "Q1-2026", "2020-Q1", f"{date.today().year + 1}-01"])
async def test_a_period_that_cannot_be_confirmed_is_422_naming_it(pool, as_, period):  # noqa: F811
    answer = await as_("ANNA").post(URL, json={"period": period})
    assert answer.status_code == 422 and answer.json()["error"]["code"] in ("invalid_vat_period", "validation_error")
    assert await pool.fetchval("SELECT count(*) FROM vat_confirmations") == 0


async def test_only_full_access_users_of_the_dossier_confirm(pool, as_):  # noqa: F811
    """COM-2 in the matrix (vat_return.confirm: administrator and full access): a document processor, a
    collaborator and a foreign office are refused; nothing is stored."""
    for name in ("BOB", "DAN", "JAN", "FOREIGN"):
        assert (await as_(name).post(URL, json={"period": "2026-Q1"})).status_code == 403, name
    assert (await as_("BOB").get("/vat-confirmations")).status_code == 403
    assert await pool.fetchval("SELECT count(*) FROM vat_confirmations") == 0
