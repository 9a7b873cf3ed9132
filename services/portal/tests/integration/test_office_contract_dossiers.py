"""Office contract, dossiers: create/list/activate/get, settings with office defaults, the checklist (DOS-1..5),
mailbox rotation (ING-2), client users (DOS-4) and API keys (ING-4), against the fake office and the real one."""
from portal_testkit.office_contract import (  # noqa: F401
    SUMMARY_KEYS, field_codes, office, office_template, portal_office, refused)

DOSSIER_KEYS = SUMMARY_KEYS | {"language", "accounting", "mailboxes", "settings", "journals", "client_group_name",
                               "created_at"}
CHECKLIST_CODES = {"activated", "journals_present", "journals_reviewed", "rubrics_reviewed", "collaborator_assigned",
                   "client_user", "vat_number", "default_counterparty", "updated_up_to"}
CLIENT_USER_KEYS = {"id", "email", "name", "language", "profile", "active"}
API_KEY_KEYS = {"id", "dossier_id", "name", "mailbox", "prefix", "created_at", "revoked_at"}
ACCOUNTING = {"software": "tryton", "installation": "local", "dossier_code": "contract-1"}
TEMPLATE = {"alias": "KAS", "description": "Cash", "type": "financial", "number_format": "{year}-{seq:04}",
            "credit_notes_only": False, "active": True}


async def test_a_dossier_is_created_as_draft_listed_by_status_and_renamed(office, portal_office):
    admin = await portal_office.as_("ADMIN")
    made = await admin.post("/dossiers", {"name": "Contract Dossier", "code": "CTR1", "vat_number": "BE0403170701"})
    assert set(made) == DOSSIER_KEYS and made["status"] == "draft" and made["code"] == "CTR1"
    assert set(made["mailboxes"]) == {"purchases", "sales", "misc"} and all("@" in a for a in made["mailboxes"].values())
    drafts = {d["id"]: d for d in (await admin.get("/dossiers", status="draft"))["items"]}
    assert set(drafts[made["id"]]) == SUMMARY_KEYS
    assert made["id"] not in {d["id"] for d in (await admin.get("/dossiers", status="active"))["items"]}
    renamed = await admin.patch(f"/dossiers/{made['id']}", {"name": "Contract Dossier BV"})
    assert renamed["name"] == "Contract Dossier BV" and (await admin.get(f"/dossiers/{made['id']}")) == renamed


async def test_dossier_creation_errors_name_the_field(office, portal_office):
    admin = await portal_office.as_("ADMIN")
    await admin.post("/dossiers", {"name": "First", "code": "TWIN"})
    twin = await refused(admin.post("/dossiers", {"name": "Second", "code": "TWIN"}), 409, "conflict")
    assert (twin.reason, list(twin.fields)) == ("code_taken", ["code"])
    nameless = await refused(admin.post("/dossiers", {"code": "NONAME"}), 422, "validation_error")
    assert list(field_codes(nameless)) == ["name"]
    await refused((await portal_office.as_("SUPPORT")).post("/dossiers", {"name": "No"}), 403, "forbidden")
    collab = await portal_office.as_("COLLABORATOR")
    own = await collab.post("/dossiers", {"name": "Created by a collaborator", "code": "MINE1"})
    assert own["access"] == "assigned"
    assert {d["id"]: d["access"] for d in (await collab.get("/me"))["dossiers"]}[own["id"]] == "assigned"


async def test_activation_creates_the_journals_of_the_office_templates_once(office, portal_office):
    admin = await portal_office.as_("ADMIN")
    await admin.patch("/office", {"journal_templates": [TEMPLATE, {**TEMPLATE, "alias": "OLD", "active": False}]})
    draft = await admin.post("/dossiers", {"name": "To Activate", "code": "ACT1"})
    missing = await refused(admin.post(f"/dossiers/{draft['id']}/activate", {"accounting": {"software": "tryton"}}), 422)
    assert "accounting.dossier_code" in field_codes(missing)
    active = await admin.post(f"/dossiers/{draft['id']}/activate", {"accounting": ACCOUNTING,
                                                                     "accounting_updated_up_to": "2025-12-31"})
    assert active["status"] == "active" and active["accounting"] == ACCOUNTING
    assert active["accounting_updated_up_to"] == "2025-12-31"
    assert [j["alias"] for j in active["journals"]] == ["KAS"] and not active["journals"][0]["reviewed"]
    assert active["journals"] == active["settings"]["journals"]
    again = await refused(admin.post(f"/dossiers/{draft['id']}/activate", {"accounting": ACCOUNTING}), 409)
    assert again.reason == "already_active"


async def test_a_setting_set_to_null_inherits_the_office_default_again(office, portal_office):
    admin = await portal_office.as_("ADMIN")
    dossier = (await admin.post("/dossiers", {"name": "Defaults", "code": "DEF1"}))["id"]
    await admin.patch("/office", {"dossier_defaults": {"validation_mode": "hybrid", "nightly_sync": False}})
    got = await admin.get(f"/dossiers/{dossier}/settings")
    assert (got["effective"]["validation_mode"], got["effective"]["nightly_sync"]) == ("hybrid", False)
    own = await admin.patch(f"/dossiers/{dossier}/settings", {"validation_mode": "client", "keywords": ["bakery"]})
    assert own["effective"]["validation_mode"] == "client" and own["overrides"]["validation_mode"] == "client"
    back = await admin.patch(f"/dossiers/{dossier}/settings", {"validation_mode": None})
    assert back["effective"]["validation_mode"] == "hybrid" and back["overrides"].get("validation_mode") is None
    assert back["effective"]["keywords"] == ["bakery"] and back == await admin.get(f"/dossiers/{dossier}/settings")
    summary = next(d for d in (await admin.get("/dossiers"))["items"] if d["id"] == dossier)
    assert summary["validation_mode"] == "hybrid"


async def test_bad_dossier_settings_are_refused_naming_settings_paths(office, portal_office):
    admin = await portal_office.as_("ADMIN")
    dossier = office.client_dossier
    before = await admin.get(f"/dossiers/{dossier}/settings")
    error = await refused(admin.patch(f"/dossiers/{dossier}/settings", {
        "keywords": ["a", "b", "c", "d", "e"], "dashboard_accounts": ["55x"],
        "journals": [{**TEMPLATE, "number_format": "{year}"}]}), 422, "validation_error")
    assert field_codes(error) == {"settings.keywords": "too_many", "settings.dashboard_accounts": "account",
                                  "settings.journals.0.number_format": "number_format"}
    unknown = await refused(admin.patch(f"/dossiers/{dossier}/settings", {"colour": "blue"}), 422)
    assert field_codes(unknown) == {"settings.colour": "unknown"}
    assert await admin.get(f"/dossiers/{dossier}/settings") == before


async def test_a_client_administrator_edits_client_keys_only(office, portal_office):
    client = await portal_office.as_("ADMINISTRATOR")
    path = f"/dossiers/{office.client_dossier}/settings"
    changed = await client.patch(path, {"default_payment_date": "invoice_date"})
    assert changed["effective"]["default_payment_date"] == "invoice_date"
    await refused(client.patch(path, {"validation_mode": "collaborator"}), 403, "forbidden")
    await refused((await portal_office.as_("FULL_ACCESS")).patch(path, {"default_payment_date": "today"}), 403)


async def test_the_checklist_has_the_codes_the_portal_translates(office, portal_office):
    admin = await portal_office.as_("ADMIN")
    draft = await admin.post("/dossiers", {"name": "Checked", "code": "CHK1"})
    checklist = await admin.get(f"/dossiers/{draft['id']}/checklist")
    assert {i["code"] for i in checklist["items"]} == CHECKLIST_CODES and checklist["ok"] is False
    assert all(set(i) == {"code", "ok", "severity", "message", "field"} for i in checklist["items"])
    by_code = {i["code"]: i for i in checklist["items"]}
    assert by_code["activated"]["severity"] == "red" and not by_code["activated"]["ok"]
    assert by_code["vat_number"]["severity"] == "info"
    await admin.patch(f"/dossiers/{draft['id']}/settings", {"rubrics_reviewed": True})
    after = {i["code"]: i["ok"] for i in (await admin.get(f"/dossiers/{draft['id']}/checklist"))["items"]}
    assert after["rubrics_reviewed"] is True


async def test_rotating_a_mailbox_changes_only_its_address(office, portal_office):
    admin = await portal_office.as_("ADMIN")
    before = (await admin.get(f"/dossiers/{office.client_dossier}"))["mailboxes"]
    after = (await admin.post(f"/dossiers/{office.client_dossier}/mailboxes/sales/rotate"))["mailboxes"]
    assert after["sales"] != before["sales"] and "@" in after["sales"]
    assert (after["purchases"], after["misc"]) == (before["purchases"], before["misc"])
    bad = await refused(admin.post(f"/dossiers/{office.client_dossier}/mailboxes/spam/rotate"), 422)
    assert list(bad.fields) == ["mailbox"]


async def test_client_users_get_a_profile_which_changes_and_they_are_disabled(office, portal_office):
    admin = await portal_office.as_("ADMIN")
    path = f"/dossiers/{office.client_dossier}/users"
    made = await admin.post(path, {"email": "nieuw@client.example", "name": "Nieuw", "language": "nl",
                                   "profile": "FULL_FEEDBACK"})
    assert set(made) == CLIENT_USER_KEYS and (made["profile"], made["active"]) == ("FULL_FEEDBACK", True)
    listed = {u["id"]: u for u in (await admin.get(path))["items"]}
    assert listed[made["id"]] == made and all(set(u) == CLIENT_USER_KEYS for u in listed.values())
    assert {u["profile"] for u in listed.values()} >= {"ADMINISTRATOR", "DOCUMENT_DELIVERY"}
    assert (await admin.patch(f"{path}/{made['id']}", {"profile": "DOCUMENT_DELIVERY"}))["profile"] == "DOCUMENT_DELIVERY"
    assert (await admin.post(f"{path}/{made['id']}/disable"))["active"] is False
    assert (await admin.post(f"{path}/{made['id']}/enable"))["active"] is True


async def test_client_user_errors_name_the_field(office, portal_office):
    admin = await portal_office.as_("ADMIN")
    path = f"/dossiers/{office.client_dossier}/users"
    bad = await refused(admin.post(path, {"email": "x@client.example", "name": "X", "language": "nl",
                                          "profile": "BOSS"}), 422, "validation_error")
    assert field_codes(bad) == {"profile": "choice"}
    staff = await refused(admin.post(path, {"email": office.logins["SUPPORT"][0], "name": "S", "language": "nl",
                                            "profile": "FULL_ACCESS"}), 409, "conflict")
    assert (staff.reason, list(staff.fields)) == ("email_taken", ["email"])
    twice = await refused(admin.post(path, {"email": office.logins["FULL_ACCESS"][0], "name": "F", "language": "nl",
                                            "profile": "FULL_ACCESS"}), 409, "conflict")
    assert (twice.reason, list(twice.fields)) == ("already_user", ["email"])


async def test_api_keys_are_shown_once_listed_without_the_key_and_revoked(office, portal_office):
    admin = await portal_office.as_("ADMIN")
    path = f"/dossiers/{office.client_dossier}/api-keys"
    made = await admin.post(path, {"name": "Scanner", "mailbox": "purchases"})
    assert set(made) == API_KEY_KEYS | {"key"} and made["key"].startswith(f"bfk_{made['prefix']}_")
    assert made["revoked_at"] is None and made["dossier_id"] == office.client_dossier
    listed = {k["id"]: k for k in (await admin.get(path))["items"]}
    assert listed[made["id"]] == {k: v for k, v in made.items() if k != "key"}
    assert await admin.delete(f"{path}/{made['id']}") is None
    assert (await admin.get(path))["items"] and {k["id"]: k for k in (await admin.get(path))["items"]}[made["id"]]["revoked_at"]
    await refused(admin.delete(f"{path}/00000000-0000-0000-0000-000000000000"), 404, "not_found")
    bad = await refused(admin.post(path, {"name": " ", "mailbox": "spam"}), 422)
    assert field_codes(bad) == {"name": "length", "mailbox": "choice"}


async def test_assignments_are_replaced_and_listed_with_how_they_reach(office, portal_office):
    admin = await portal_office.as_("ADMIN")
    dossier = (await admin.post("/dossiers", {"name": "Assigned", "code": "ASG1"}))["id"]
    by_role = {c["role"]: c for c in (await admin.get("/collaborators"))["items"]}
    put = await admin.put(f"/dossiers/{dossier}/assignments", {"collaborators": [
        {"collaborator_id": by_role["COLLABORATOR"]["id"], "worklists_only": True},
        {"collaborator_id": by_role["SUPPORT"]["id"]}]})
    assert all(set(a) == {"collaborator_id", "email", "name", "role", "language", "worklists_only", "via"}
               for a in put["items"])
    assert {a["role"]: (a["worklists_only"], a["via"]) for a in put["items"]} == {
        "COLLABORATOR": (True, "direct"), "SUPPORT": (False, "direct")}
    assert await admin.get(f"/dossiers/{dossier}/assignments") == put
