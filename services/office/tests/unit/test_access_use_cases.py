"""Who may work on a dossier (OFF-2, DOS-4) on the in-memory unit of work: assignments and client users."""
import uuid
from dataclasses import replace
from datetime import datetime, timezone

import pytest
from runtime.auth.policy import Forbidden

from office.domain.errors import InvalidInput, NotFound
from office.domain.office import Office
from office.domain.principals import Account
from office.handlers import access, dossiers
from office.handlers.context import Caller, principal_for

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)
ACME = Office(id=str(uuid.uuid4()), slug="acme", name="Acme", portal_name="Acme portal", default_language="nl")


@pytest.fixture
def clock():
    return lambda: NOW


def person(memory, kind, name, role=None, office=ACME, active=True):
    return memory.dossiers.add_account(Account(str(uuid.uuid4()), office.id, kind, f"{name}@acme.test", name,
                                               "nl", role, active))


async def caller_of(memory, account):
    return Caller(await principal_for(memory.dossiers, account), account, ACME)


@pytest.fixture
async def admin(memory):
    return await caller_of(memory, person(memory, "collaborator", "Ada", "ADMIN"))


@pytest.fixture
async def dossier(deps, admin):
    return (await dossiers.create_dossier(deps, admin, {"name": "Dupont"}))["id"]


async def test_assignments_are_replaced_by_active_collaborators_of_the_office_only(memory, deps, admin, dossier):
    ann = person(memory, "collaborator", "Ann", "COLLABORATOR")
    gone = person(memory, "collaborator", "Gus", "COLLABORATOR", active=False)
    foreign = person(memory, "collaborator", "Eve", "COLLABORATOR", office=replace(ACME, id=str(uuid.uuid4())))
    for bad in (gone, foreign):
        with pytest.raises(InvalidInput) as refused:
            await access.put_assignments(deps, admin, dossier, {"collaborators": [{"collaborator_id": ann.id},
                                                                                  {"collaborator_id": bad.id}]})
        assert refused.value.fields[0]["field"] == "collaborators.1.collaborator_id"
    with pytest.raises(InvalidInput):
        await access.put_assignments(deps, admin, dossier, {"collaborators": [{"collaborator_id": "x"}]})
    assert len(memory.published) == 1  # the creation only
    done = await access.put_assignments(deps, admin, dossier, {"collaborators": [
        {"collaborator_id": ann.id, "worklists_only": True}]})
    assert [(a["name"], a["worklists_only"], a["via"]) for a in done["items"]] == [("Ann", True, "direct")]
    assert memory.published[-1].change == "assignments"
    assert [str(a.collaborator_id) for a in memory.published[-1].dossier.assignments] == [ann.id]
    assert (await access.get_assignments(deps, admin, dossier))["items"] == done["items"]
    ann_now = await caller_of(memory, ann)
    assert ann_now.principal.worklists_only == {dossier}


async def test_a_client_users_profile_name_and_language_change_on_every_dossier_they_are_on(
        memory, deps, admin, dossier):
    other = (await dossiers.create_dossier(deps, admin, {"name": "Other"}))["id"]
    bea = person(memory, "client", "Bea")
    await memory.dossiers.set_client_user(dossier, bea.id, profile="DOCUMENT_DELIVERY")
    await memory.dossiers.set_client_user(other, bea.id, profile="FULL_ACCESS")
    changed = await access.update_client_user(deps, admin, dossier, bea.id, {"profile": "FULL_FEEDBACK",
                                                                             "name": "Beatrix"})
    assert (changed["profile"], changed["name"]) == ("FULL_FEEDBACK", "Beatrix")
    assert sorted((str(e.dossier_id), e.change) for e in memory.published[-2:]) == sorted(
        [(dossier, "users"), (other, "users")])
    assert (await memory.accounts.get(bea.id)).name == "Beatrix"
    with pytest.raises(NotFound):
        await access.update_client_user(deps, admin, dossier, str(uuid.uuid4()), {"profile": "FULL_ACCESS"})


async def test_a_client_administrator_may_change_a_profile_but_not_a_name(memory, deps, admin, dossier):
    boss, bea = person(memory, "client", "Boss"), person(memory, "client", "Bea")
    await memory.dossiers.set_client_user(dossier, boss.id, profile="ADMINISTRATOR")
    await memory.dossiers.set_client_user(dossier, bea.id, profile="DOCUMENT_DELIVERY")
    them = await caller_of(memory, boss)
    with pytest.raises(Forbidden):
        await access.update_client_user(deps, them, dossier, bea.id, {"name": "X"})
    assert (await access.update_client_user(deps, them, dossier, bea.id, {"profile": "FULL_ACCESS"}))["profile"] == (
        "FULL_ACCESS")


async def test_a_client_user_left_without_a_dossier_is_disabled_and_logged_out(memory, deps, admin, dossier):
    bea = person(memory, "client", "Bea")
    await memory.dossiers.set_client_user(dossier, bea.id, profile="FULL_ACCESS")
    off = await access.set_client_user_active(deps, admin, dossier, bea.id, False)
    assert off["active"] is False and memory.accounts.revoked == {bea.id: NOW}
    assert (await memory.accounts.get(bea.id)).active is False
    on = await access.set_client_user_active(deps, admin, dossier, bea.id, True)
    assert on["active"] is True and (await memory.accounts.get(bea.id)).active is True
    assert [e.change for e in memory.published[-2:]] == ["users", "users"]


async def test_a_client_administrator_disabling_someone_on_another_dossier_too_keeps_them_logged_in(
        memory, deps, admin, dossier):
    other = (await dossiers.create_dossier(deps, admin, {"name": "Other"}))["id"]
    boss, bea = person(memory, "client", "Boss"), person(memory, "client", "Bea")
    await memory.dossiers.set_client_user(dossier, boss.id, profile="ADMINISTRATOR")
    for d in (dossier, other):
        await memory.dossiers.set_client_user(d, bea.id, profile="FULL_ACCESS")
    them = await caller_of(memory, boss)
    await access.set_client_user_active(deps, them, dossier, bea.id, False)
    assert memory.accounts.revoked == {} and (await memory.accounts.get(bea.id)).active is True
    await access.set_client_user_active(deps, admin, other, bea.id, False)  # the office: disabled everywhere now
    assert (await memory.accounts.get(bea.id)).active is False
    with pytest.raises(Forbidden):
        await access.set_client_user_active(deps, them, dossier, bea.id, True)


async def test_an_api_key_is_shown_once_listed_without_its_secret_and_revoked_on_its_dossier_only(
        memory, deps, admin, dossier):
    other = (await dossiers.create_dossier(deps, admin, {"name": "Other"}))["id"]
    made = await access.create_api_key(deps, admin, dossier, {"name": "Scanner", "mailbox": "purchases"})
    assert made["key"].startswith(f"bfk_{made['prefix']}_") and made["revoked_at"] is None
    listed = (await access.list_api_keys(deps, admin, dossier))["items"]
    assert [(k["id"], k["name"], k["mailbox"]) for k in listed] == [(made["id"], "Scanner", "purchases")]
    assert all("key" not in k for k in listed)
    with pytest.raises(InvalidInput):
        await access.create_api_key(deps, admin, dossier, {"name": "Bad", "mailbox": "spam"})
    with pytest.raises(NotFound):
        await access.revoke_api_key(deps, admin, other, made["id"])
    await access.revoke_api_key(deps, admin, dossier, made["id"])
    assert (await access.list_api_keys(deps, admin, dossier))["items"][0]["revoked_at"] == NOW.isoformat()
