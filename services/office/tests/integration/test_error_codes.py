"""Errors a client can act on: every bad field with a stable code, conflicts naming their field, and /me carrying
what the portal needs to apply the matrix (OFF-1, OFF-3, DOS-3, DOS-5)."""
from __future__ import annotations

import pytest

from office.handlers import provisioning

pytestmark = pytest.mark.integration
PW = "correct horse battery"


@pytest.fixture
async def h(client, deps):
    office = await provisioning.ensure_office(deps, slug="acme", name="Acme", portal_name="Acme portal")
    await provisioning.ensure_account(deps, office, email="admin@acme.test", name="Admin", password=PW)
    tokens = (await client.post("/auth/login", json={"email": "admin@acme.test", "password": PW})).json()
    return {"Authorization": f"Bearer {tokens['access_token']}"}


async def test_every_bad_row_of_an_office_list_is_named_with_a_code(client, h):
    """OFF-3: journal templates with two bad rows: both rows' fields come back, each with its code."""
    body = {"journal_templates": [
        {"alias": "ACH", "type": "purchases", "number_format": "{year}/{seq:05}"},
        {"alias": "", "type": "sales", "number_format": "{year}"},
        {"alias": "X", "type": "nonsense", "number_format": "{seq}"}]}
    response = await client.patch("/office", json=body, headers=h)
    assert response.status_code == 422
    fields = {(f["field"], f["code"]) for f in response.json()["error"]["fields"]}
    assert fields == {("journal_templates.1.alias", "too_short"), ("journal_templates.1.number_format", "number_format"),
                      ("journal_templates.2.type", "choice")}
    assert all(f["message"] for f in response.json()["error"]["fields"])
    assert (await client.get("/office", headers=h)).json()["journal_templates"][0]["alias"] == "ACH"  # unchanged


@pytest.mark.parametrize(("body", "field", "code"), [
    ({"vat_codes": [{"code": "21", "rate": "abc", "type": "goods", "region": "national"}]}, "vat_codes.0.rate", "pattern"),
    ({"app_centre_links": [{"title": "Bank", "url": "ftp://x"}]}, "app_centre_links", "url"),
    ({"instruction_videos": [{"title": "Intro", "url": "javascript:alert(1)"}]}, "instruction_videos.0.url", "pattern"),
    ({"office_schema": [{"rubric": "x"}]}, "office_schema.0.account", "required"),
    ({"permanent_dossier_types": [{"code": "", "name": "Statutes"}]}, "permanent_dossier_types.0.code", "too_short"),
])
async def test_office_list_errors_carry_a_stable_code(client, h, body, field, code):
    """OFF-3: the portal translates by code; the English message stays for API users."""
    response = await client.patch("/office", json=body, headers=h)
    assert response.status_code == 422
    assert {"field": field, "code": code} in [{k: f[k] for k in ("field", "code")} for f in response.json()["error"]["fields"]]


async def test_a_dossier_journal_with_a_bad_number_format_is_named_by_its_row(client, h):
    """DOS-3: per-dossier journals are checked where they are."""
    dossier = (await client.post("/dossiers", json={"name": "Dupont"}, headers=h)).json()
    journals = [{"alias": "ACH", "type": "purchases", "number_format": "{seq}"},
                {"alias": "VEN", "type": "sales", "number_format": "V-{month}", "next_number": 0}]
    response = await client.patch(f"/dossiers/{dossier['id']}/settings", json={"journals": journals}, headers=h)
    fields = {(f["field"], f["code"]) for f in response.json()["error"]["fields"]}
    assert response.status_code == 422 and ("settings.journals.1.number_format", "number_format") in fields


async def test_conflicts_name_the_field_they_concern(client, h):
    """409s carry field and reason: a taken dossier code, a taken e-mail, an already active dossier."""
    await client.post("/dossiers", json={"name": "One", "code": "DUP"}, headers=h)
    code = (await client.post("/dossiers", json={"name": "Two", "code": "DUP"}, headers=h)).json()["error"]
    assert (code["field"], code["reason"], code["fields"][0]["code"]) == ("code", "code_taken", "code_taken")
    mail = (await client.post("/collaborators", json={"email": "admin@acme.test", "name": "X", "role": "SUPPORT",
                                                      "language": "en"}, headers=h)).json()["error"]
    assert (mail["field"], mail["reason"]) == ("email", "email_taken")


async def test_me_carries_the_matrix_facts_and_the_activation_setting(client, h):
    """DOS-2/OFF-1: dossier summaries carry payment module, financial tab, hidden financial data; the office who
    may activate dossiers."""
    await client.patch("/office", json={"dossier_activation": "admins", "payment_module": True}, headers=h)
    dossier = (await client.post("/dossiers", json={"name": "Dupont", "settings": {"hide_financial_data": True}},
                                 headers=h)).json()
    me = (await client.get("/me", headers=h)).json()
    summary = next(d for d in me["dossiers"] if d["id"] == dossier["id"])
    assert (summary["payment_module"], summary["financial_tab"], summary["hide_financial_data"]) == (True, True, True)
    assert me["office"]["dossier_activation"] == "admins"
