"""Office contract, the office itself: settings (OFF-1, OFF-3), collaborators (OFF-2), groups and the monitor
(ACT-1), run against the fake office and the real one (portal_testkit.office_contract)."""
from portal_testkit.office_contract import (  # noqa: F401
    field_codes, office, office_template, portal_office, refused)

OFFICE_KEYS = {"id", "slug", "name", "portal_name", "default_language", "key_figures_closed_periods_only",
               "dossier_activation", "payment_module", "dossier_defaults", "permanent_dossier_types",
               "journal_templates", "office_schema", "vat_codes", "instruction_videos", "app_centre_links"}
COLLABORATOR_KEYS = {"id", "email", "name", "role", "language", "active", "created_at"}
MONITOR_ROW_KEYS = {"dossier_id", "name", "code", "status", "validation_mode", "accounting_updated_up_to", "mine",
                    "last_document_at", "documents_received", "sent_to_accounting", "sync_status", "sync_error",
                    "last_sync_at", "help_requests", "uploaded_not_sent", "ready_for_validation", "misc_to_do",
                    "account_changes_to_review", "open_conversations"}
TEMPLATE = {"alias": "KAS", "description": "Cash", "type": "financial", "number_format": "{year}-{seq:04}",
            "credit_notes_only": False, "active": True}


async def test_office_settings_have_every_documented_key_and_are_the_admins(office, portal_office):
    settings = await (await portal_office.as_("ADMIN")).get("/office")
    assert set(settings) == OFFICE_KEYS and settings["slug"] == office.slug
    await refused((await portal_office.as_("FULL_ACCESS")).get("/office"), 403, "forbidden")
    await refused((await portal_office.as_("FULL_ACCESS")).patch("/office", {"name": "x"}), 403, "forbidden")


async def test_patching_the_office_shows_in_its_settings_and_on_the_login_page(office, portal_office):
    admin = await portal_office.as_("ADMIN")
    videos = [{"title": "Scan your invoices", "url": "https://videos.example/scan", "language": "nl"}]
    links = [{"title": "Bank app", "url": "https://bank.example/app"}]
    patched = await admin.patch("/office", {"portal_name": "Mijn portaal", "instruction_videos": videos,
                                            "app_centre_links": links, "journal_templates": [TEMPLATE]})
    again = await admin.get("/office")
    assert patched == again and again["instruction_videos"] == videos and again["app_centre_links"] == links
    assert again["journal_templates"] == [TEMPLATE]
    assert (await portal_office.client.public_office(office.slug))["portal_name"] == "Mijn portaal"


async def test_bad_office_lists_are_refused_naming_each_row_and_code_and_nothing_changes(office, portal_office):
    admin = await portal_office.as_("ADMIN")
    before = await admin.get("/office")
    error = await refused(admin.patch("/office", {
        "name": "Renamed", "journal_templates": [{**TEMPLATE, "number_format": "{year}"}, {**TEMPLATE, "alias": ""}],
        "vat_codes": [{"code": "", "rate": "21", "type": "goods", "region": "national", "description": ""}],
    }), 422, "validation_error")
    assert field_codes(error) == {"journal_templates.0.number_format": "number_format",
                                 "journal_templates.1.alias": "too_short", "vat_codes.0.code": "too_short"}
    bad_link = await refused(admin.patch("/office", {"app_centre_links": [{"title": "x", "url": "ftp://x"}]}), 422)
    assert [d["field"].split(".")[0] for d in bad_link.details] == ["app_centre_links"]
    assert {d["code"] for d in bad_link.details} <= {"url", "pattern"}
    empty = await refused(admin.patch("/office", {"name": ""}), 422)
    assert field_codes(empty) == {"name": "too_short"}
    assert await admin.get("/office") == before


async def test_collaborators_are_created_listed_disabled_and_enabled(office, portal_office):
    admin = await portal_office.as_("ADMIN")
    made = await admin.post("/collaborators", {"email": "new.one@example.test", "name": "New One",
                                               "role": "COLLABORATOR", "language": "fr"})
    assert set(made) == COLLABORATOR_KEYS and made["active"] and made["role"] == "COLLABORATOR"
    listed = {c["id"]: c for c in (await admin.get("/collaborators"))["items"]}
    assert listed[made["id"]] == made and all(set(c) == COLLABORATOR_KEYS for c in listed.values())
    assert {c["role"] for c in listed.values()} == {"ADMIN", "COLLABORATOR", "SUPPORT"}
    assert (await admin.post(f"/collaborators/{made['id']}/disable"))["active"] is False
    assert (await admin.post(f"/collaborators/{made['id']}/enable"))["active"] is True


async def test_collaborator_conflicts_name_their_field_and_reason(office, portal_office):
    admin = await portal_office.as_("ADMIN")
    taken = await refused(admin.post("/collaborators", {"email": office.logins["SUPPORT"][0].upper(), "name": "Twin",
                                                        "role": "SUPPORT", "language": "en"}), 409, "conflict")
    assert (taken.fields, taken.reason) == ({"email": taken.message}, "email_taken")
    me = await admin.get("/me")
    self_disable = await refused(admin.post(f"/collaborators/{me['user']['id']}/disable"), 409, "conflict")
    assert self_disable.reason == "cannot_disable_self"
    bad = await refused(admin.post("/collaborators", {"email": "x@example.test", "name": "X", "role": "BOSS",
                                                      "language": "en"}), 422)
    assert field_codes(bad) == {"role": "choice"}


async def test_an_admin_changes_a_collaborators_role_and_the_office_keeps_an_admin(office, portal_office):
    """OFF-2, issue 15 item 12: PATCH /collaborators/{id} {"role"}; an unknown role names the field; the last ADMIN stays."""
    admin = await portal_office.as_("ADMIN")
    made = await admin.post("/collaborators", {"email": "role.change@example.test", "name": "Role Change",
                                               "role": "COLLABORATOR", "language": "nl"})
    changed = await admin.patch(f"/collaborators/{made['id']}", {"role": "SUPPORT"})
    assert changed == {**made, "role": "SUPPORT"} and (await admin.get(f"/collaborators/{made['id']}"))["role"] == "SUPPORT"
    bad = await refused(admin.patch(f"/collaborators/{made['id']}", {"role": "BOSS"}), 422)
    assert field_codes(bad) == {"role": "choice"}
    me = await admin.get("/me")
    last = await refused(admin.patch(f"/collaborators/{me['user']['id']}", {"role": "COLLABORATOR"}), 409, "conflict")
    assert last.reason == "last_admin"
    support = await portal_office.as_("SUPPORT")
    await refused(support.patch(f"/collaborators/{made['id']}", {"role": "ADMIN"}), 403, "forbidden")


async def test_groups_are_created_listed_and_deleted(office, portal_office):
    admin = await portal_office.as_("ADMIN")
    support_id = next(c["id"] for c in (await admin.get("/collaborators"))["items"] if c["role"] == "SUPPORT")
    team = await admin.post("/collaborator-groups", {"name": "Team Gent", "members": [support_id]})
    assert team == {"id": team["id"], "name": "Team Gent", "members": [support_id]}
    clients = await admin.post("/client-groups", {"name": "Horeca", "dossiers": [], "collaborators": [],
                                                  "collaborator_groups": [team["id"]]})
    assert set(clients) == {"id", "name", "dossiers", "collaborators", "collaborator_groups"}
    assert clients["collaborator_groups"] == [team["id"]]
    assert team in (await admin.get("/collaborator-groups"))["items"]
    twin = await refused(admin.post("/collaborator-groups", {"name": "Team Gent", "members": []}), 409)
    assert (twin.reason, list(twin.fields)) == ("name_taken", ["name"])
    await admin.delete(f"/client-groups/{clients['id']}")
    assert clients["id"] not in {g["id"] for g in (await admin.get("/client-groups"))["items"]}


async def test_a_collaborator_reaches_the_dossiers_of_their_client_groups(office, portal_office):
    admin = await portal_office.as_("ADMIN")
    dossier = await admin.post("/dossiers", {"name": "Grouped Dossier", "code": "GRP1"})
    collab_me = await portal_office.me("COLLABORATOR")
    assert dossier["id"] not in {d["id"] for d in collab_me["dossiers"]}
    group = await admin.post("/client-groups", {"name": "Reach", "dossiers": [dossier["id"]],
                                                "collaborators": [collab_me["user"]["id"]], "collaborator_groups": []})
    reach = {d["id"]: d for d in (await portal_office.me("COLLABORATOR"))["dossiers"]}
    assert reach[dossier["id"]]["access"] == "client_group"
    assert reach[dossier["id"]]["client_group_id"] == group["id"]


async def test_the_monitor_lists_visible_dossiers_sorted_by_office_columns_only(office, portal_office):
    admin = await portal_office.as_("ADMIN")
    answer = await admin.get("/monitor")
    assert {c["key"] for c in answer["columns"]} == MONITOR_ROW_KEYS - {"dossier_id", "status", "mine", "sync_error"}
    assert all(set(c) == {"key", "label", "explanation", "source"} for c in answer["columns"])
    assert all(set(r) == MONITOR_ROW_KEYS for r in answer["items"])
    names = [r["name"] for r in answer["items"]]
    assert names == sorted(names) and len(names) == len((await admin.get("/dossiers"))["items"])
    by_code = await admin.get("/monitor", sort="code", order="desc")
    codes = [r["code"] for r in by_code["items"] if r["code"] is not None]
    assert codes == sorted(codes, reverse=True)
    error = await refused(admin.get("/monitor", sort="help_requests"), 422, "validation_error")
    assert list(error.fields) == ["sort"]
    mine = await (await portal_office.as_("COLLABORATOR")).get("/monitor", mine="true")
    assert office.collaborator_dossier in {r["dossier_id"] for r in mine["items"]}
    assert all(r["mine"] for r in mine["items"])
