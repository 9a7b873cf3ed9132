"""Office contract, identity: public office, login/refresh/logout, /me and its matrix facts (OFF-1, DOS-2, DOS-4),
run against the fake office and the real one (portal_testkit.office_contract)."""
from datetime import datetime, timedelta, timezone

from portal.adapters.office import OfficeError
from portal.domain.access import may, principal_of
from portal.domain.sessions import Tokens

from portal_testkit.office_contract import (  # noqa: F401
    PROFILES, SUMMARY_KEYS, field_codes, office, office_template, portal_office, refused)

USER_KEYS = {"id", "email", "name", "language", "kind", "role"}
ME_OFFICE_KEYS = {"id", "slug", "name", "portal_name", "default_language", "dossier_activation",
                  "instruction_videos", "app_centre_links"}


async def test_public_office_by_slug_and_unknown_slug(office, portal_office):
    public = await portal_office.client.public_office(office.slug)
    assert set(public) == {"slug", "name", "portal_name", "default_language"}
    assert public["slug"] == office.slug and public["portal_name"]
    await refused(portal_office.client.public_office("no-such-office"), 404, "not_found")


async def test_login_gives_expiring_tokens_and_a_wrong_password_is_401(office, portal_office):
    email, password = office.logins["ADMIN"]
    tokens = await portal_office.client.login(email.upper(), password)
    now = datetime.now(timezone.utc)
    assert tokens.access and tokens.refresh and now < tokens.access_expires <= now + timedelta(minutes=16)
    await refused(portal_office.client.login(email, password + "x"), 401, "unauthenticated")


async def test_refresh_rotates_and_reusing_a_used_token_kills_the_chain(office, portal_office):
    tokens = await portal_office.client.login(*office.logins["COLLABORATOR"])
    renewed = await portal_office.client.refresh(tokens.refresh)
    assert renewed.refresh != tokens.refresh and renewed.access
    await refused(portal_office.client.refresh(tokens.refresh), 401, "unauthenticated")
    await refused(portal_office.client.refresh(renewed.refresh), 401, "unauthenticated")


async def test_logout_revokes_the_refresh_token(office, portal_office):
    tokens = await portal_office.client.login(*office.logins["SUPPORT"])
    await portal_office.client.logout(tokens)
    await refused(portal_office.client.refresh(tokens.refresh), 401, "unauthenticated")
    await portal_office.client.logout(tokens)  # an unknown token is a 204 too


async def test_a_refused_access_token_is_renewed_once_with_the_refresh_token(office, portal_office):
    api = await portal_office.as_("ADMIN")
    good = api.session.tokens
    api.session = api.session.with_tokens(Tokens("not-a-token", good.refresh, good.access_expires))
    me = await api.get("/me")
    assert me["user"]["email"].lower() == office.logins["ADMIN"][0].lower()
    assert api.session.tokens.refresh != good.refresh


async def test_me_of_collaborators_says_how_each_dossier_is_reached(office, portal_office):
    admin, collab = await portal_office.me("ADMIN"), await portal_office.me("COLLABORATOR")
    for me in (admin, collab):
        assert set(me["user"]) == USER_KEYS and set(me["office"]) == ME_OFFICE_KEYS
        assert me["user"]["kind"] == "collaborator" and me["office"]["slug"] == office.slug
        assert all(set(d) == SUMMARY_KEYS and d["profile"] is None for d in me["dossiers"])
    assert admin["user"]["role"] == "ADMIN" and {d["access"] for d in admin["dossiers"]} == {"all"}
    reach = {d["id"]: d["access"] for d in collab["dossiers"]}
    assert reach[office.collaborator_dossier] == "assigned"
    assert set(reach) <= {d["id"] for d in admin["dossiers"]}


async def test_me_of_each_client_profile_carries_the_matrix_facts(office, portal_office):
    for profile in PROFILES:
        me = await portal_office.me(profile)
        assert me["user"]["kind"] == "client" and me["user"]["role"] is None
        summary = next(d for d in me["dossiers"] if d["id"] == office.client_dossier)
        assert set(summary) == SUMMARY_KEYS and summary["profile"] == profile and summary["access"] is None
        assert all(isinstance(summary[k], bool) for k in ("payment_module", "financial_tab", "hide_financial_data"))


async def test_what_the_portal_derives_from_me_matches_what_the_office_allows(office, portal_office):
    """The portal hides navigation by the matrix on /me (portal.domain.access); the office must agree."""
    for who in ("COLLABORATOR", "SUPPORT", *PROFILES):
        api = await portal_office.as_(who)
        me = await api.get("/me")
        principal = principal_of(me)
        for summary in me["dossiers"]:
            for action, path in (("dossier.users.view", "/users"), ("dossier.checklist.view", "/checklist"),
                                 ("apikey.manage", "/api-keys")):
                try:
                    await api.get(f"/dossiers/{summary['id']}{path}")
                    allowed = True
                except OfficeError as exc:
                    assert exc.status == 403, exc
                    allowed = False
                assert allowed == may(principal, action, summary), (who, action, summary["name"])


async def test_me_says_where_an_assignment_is_worklists_only_and_the_portal_limits_it_as_the_office(
        office, portal_office):
    """OFF-2 (issue 13 item 5): the flag travels in /me per dossier, so the portal hides what the office refuses."""
    admin = await portal_office.as_("ADMIN")
    collaborator = next(c for c in (await admin.get("/collaborators"))["items"] if c["role"] == "COLLABORATOR")
    await admin.put(f"/dossiers/{office.collaborator_dossier}/assignments", {"collaborators": [
        {"collaborator_id": collaborator["id"], "worklists_only": True}]})
    api = await portal_office.as_("COLLABORATOR")
    me = await api.get("/me")
    flags = {d["id"]: d["worklists_only"] for d in me["dossiers"]}
    assert flags[office.collaborator_dossier] is True
    assert not any(d["worklists_only"] for d in (await portal_office.me("ADMIN"))["dossiers"])
    principal, summary = principal_of(me), next(d for d in me["dossiers"] if d["id"] == office.collaborator_dossier)
    assert may(principal, "worklist.view", summary) and not may(principal, "dossier.checklist.view", summary)
    await refused(api.get(f"/dossiers/{summary['id']}/checklist"), 403)


async def test_patch_me_changes_the_language_and_names_a_bad_one(office, portal_office):
    api = await portal_office.as_("FULL_ACCESS")
    assert (await api.patch("/me", {"language": "de"}))["user"]["language"] == "de"
    error = await refused(api.patch("/me", {"language": "xx"}), 422, "validation_error")
    assert field_codes(error) == {"language": "choice"}
    assert (await api.get("/me"))["user"]["language"] == "de"


async def test_a_disabled_collaborator_is_refused_at_once_and_cannot_refresh(office, portal_office):
    admin, collab = await portal_office.as_("ADMIN"), await portal_office.as_("COLLABORATOR")
    me = await collab.get("/me")
    await admin.post(f"/collaborators/{me['user']['id']}/disable")
    await refused(portal_office.client.call("GET", "/me", token=collab.session.tokens.access), 401, "unauthenticated")
    await refused(portal_office.client.refresh(collab.session.tokens.refresh), 401, "unauthenticated")
    await refused(portal_office.client.login(*office.logins["COLLABORATOR"]), 401, "unauthenticated")


async def test_every_portal_user_gets_the_offices_videos_and_links_in_me(office, portal_office):
    """OFF-3: clients cannot read the office settings, so /me carries what the portal shows them."""
    videos = [{"title": "Upload", "url": "https://videos.example/upload", "language": "fr"},
              {"title": "Start", "url": "https://videos.example/start", "language": None}]
    links = [{"title": "Bank", "url": "https://bank.example/"}]
    await (await portal_office.as_("ADMIN")).patch("/office", {"instruction_videos": videos, "app_centre_links": links})
    for who in ("DOCUMENT_DELIVERY", "SUPPORT"):
        me_office = (await portal_office.me(who))["office"]
        assert (me_office["instruction_videos"], me_office["app_centre_links"]) == (videos, links)
