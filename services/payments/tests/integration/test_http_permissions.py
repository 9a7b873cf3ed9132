"""Who may do what on payments (matrix payment.*): other offices, profiles without full access, the module off,
office preparation, rule editing, and other dossiers' payment ids."""
from __future__ import annotations

import uuid

import pytest
from runtime.auth.principal import Role

from payments.handlers.events import on_dossier_changed
from payments_testkit import (OTHER_OFFICE, PROXIMUS_IBAN, bearer, client, client_user, collaborator,
                              dossier_changed)

pytestmark = pytest.mark.integration
DOSSIER, OTHER, OFF, PREP = uuid.uuid4(), uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
ANNA, ADMIN, DELIVERY = client_user("full_access"), client_user("administrator"), client_user("document_delivery")
BODY = {"creditor": {"name": "Proximus NV", "iban": PROXIMUS_IBAN}, "amount": "10.00"}


@pytest.fixture
async def seeded(pool):
    async with pool.acquire() as conn, conn.transaction():
        await on_dossier_changed(conn, dossier_changed(DOSSIER, ANNA, ADMIN, DELIVERY))
        await on_dossier_changed(conn, dossier_changed(OTHER, ANNA))
        await on_dossier_changed(conn, dossier_changed(OFF, ANNA, payment_module=False))
        await on_dossier_changed(conn, dossier_changed(PREP, ANNA, preparation=True))
        await on_dossier_changed(conn, dossier_changed(uuid.uuid4(), office=OTHER_OFFICE))
    return pool


def path(dossier: uuid.UUID, rest: str = "/payments") -> str:
    return f"/dossiers/{dossier}{rest}"


async def test_another_offices_caller_and_an_unknown_dossier_get_the_same_refusal(http, issuer, seeded):
    """Tenancy: a foreign office's admin is refused like for a dossier that does not exist (nothing leaks)."""
    foreign = bearer(issuer, collaborator(DOSSIER, Role.ADMIN, office=OTHER_OFFICE))
    mine = bearer(issuer, collaborator(DOSSIER, Role.ADMIN))
    refused = await http.get(path(DOSSIER), headers=foreign)
    unknown = await http.get(path(uuid.uuid4()), headers=mine)
    assert refused.status_code == unknown.status_code == 403
    assert (await http.get(path(DOSSIER))).status_code == 401


async def test_a_payment_id_of_another_dossier_is_not_found(http, issuer, seeded):
    """No leak across dossiers: the same user reaching both dossiers gets 404 for the other one's payment."""
    anna = bearer(issuer, client(ANNA, DOSSIER))
    created = (await http.post(path(DOSSIER), json=BODY, headers=anna)).json()
    both = bearer(issuer, client(ANNA, OTHER))
    for rest in (f"/payments/{created['id']}", f"/payments/{created['id']}/epc-qr.svg"):
        got = await http.get(path(OTHER, rest), headers=both)
        assert got.status_code == 404 and created["id"] not in got.text
    assert (await http.post(path(OTHER, f"/payments/{created['id']}/cancel"), headers=both)).status_code == 404


async def test_a_client_without_full_access_may_not_pay(http, issuer, seeded):
    """DOS-4, PAY-1: document delivery profile → 403 on view, create, approve and SEPA files."""
    who = bearer(issuer, client(DELIVERY, DOSSIER))
    assert (await http.get(path(DOSSIER), headers=who)).status_code == 403
    assert (await http.post(path(DOSSIER), json=BODY, headers=who)).status_code == 403
    assert (await http.post(path(DOSSIER, "/sepa-files/preview"), json={"payment_ids": []},
                            headers=who)).status_code == 403


async def test_the_payment_module_off_is_a_clear_refusal(http, issuer, seeded):
    """PAY-10: module off for the dossier → 403 saying so."""
    got = await http.post(path(OFF), json=BODY, headers=bearer(issuer, client(ANNA, OFF)))
    assert got.status_code == 403 and "payment module" in got.json()["error"]["message"]


async def test_the_office_prepares_only_where_preparation_is_on_and_never_approves(http, issuer, seeded):
    """PAY-10: a collaborator creates a draft where payment preparation is on, is refused elsewhere and may not
    request approval (payment.create is the client's)."""
    staff = collaborator(PREP)
    made = await http.post(path(PREP), json=BODY, headers=bearer(issuer, staff))
    assert made.status_code == 201 and made.json()["state"] == "draft"
    off = await http.post(path(DOSSIER), json=BODY, headers=bearer(issuer, collaborator(DOSSIER)))
    assert off.status_code == 403 and "preparation" in off.json()["error"]["message"]
    ask = await http.post(path(PREP, f"/payments/{made.json()['id']}/request-approval"), json={},
                          headers=bearer(issuer, staff))
    assert ask.status_code == 403


async def test_only_dossier_administrators_edit_rules_and_rule_users_must_be_payers(http, issuer, seeded):
    """PAY-8: full access may read rules but not edit; an administrator's rule with a non-payer is a 422."""
    rule = {"name": "Boss", "user_ids": [str(ANNA.user_id)], "max_amount": "100"}
    assert (await http.post(path(DOSSIER, "/approval-rules"), json=rule,
                            headers=bearer(issuer, client(ANNA, DOSSIER)))).status_code == 403
    admin = bearer(issuer, client(ADMIN, DOSSIER))
    bad = await http.post(path(DOSSIER, "/approval-rules"), headers=admin,
                          json={**rule, "user_ids": [str(DELIVERY.user_id)]})
    assert bad.status_code == 422 and bad.json()["error"]["fields"][0]["field"] == "user_ids"
    made = await http.post(path(DOSSIER, "/approval-rules"), json=rule, headers=admin)
    assert made.status_code == 201
    listed = (await http.get(path(DOSSIER, "/approval-rules"), headers=bearer(issuer, client(ANNA, DOSSIER)))).json()
    assert [r["name"] for r in listed["rules"]] == ["Boss"] and listed["approval_required"] is False
