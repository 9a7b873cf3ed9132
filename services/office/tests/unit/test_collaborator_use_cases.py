"""Collaborator use cases (OFF-2) on the in-memory unit of work: changes, the last ADMIN, and who is republished."""
import uuid
from dataclasses import replace
from datetime import datetime, timezone

import pytest

from office.domain.errors import Conflict, InvalidInput, NotFound
from office.domain.office import Office
from office.domain.principals import Account
from office.handlers import collaborators, dossiers
from office.handlers.context import Caller, principal_for

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)
ACME = Office(id=str(uuid.uuid4()), slug="acme", name="Acme", portal_name="Acme portal", default_language="nl")


@pytest.fixture
def clock():
    return lambda: NOW


def person(memory, name, role, office=ACME):
    return memory.dossiers.add_account(Account(str(uuid.uuid4()), office.id, "collaborator", f"{name}@acme.test",
                                               name, "nl", role, True))


@pytest.fixture
async def admin(memory):
    account = person(memory, "Ada", "ADMIN")
    return Caller(await principal_for(memory.dossiers, account), account, ACME)


def changes(memory, since):
    return sorted((str(e.dossier_id), e.change) for e in memory.published[since:])


async def test_the_list_and_one_collaborator_are_of_the_callers_office(memory, deps, admin):
    bo = person(memory, "Bo", "SUPPORT")
    eve = person(memory, "Eve", "ADMIN", office=replace(ACME, id=str(uuid.uuid4())))
    listed = (await collaborators.list_collaborators(deps, admin))["items"]
    assert [(c["name"], c["role"]) for c in listed] == [("Ada", "ADMIN"), ("Bo", "SUPPORT")]
    assert (await collaborators.get_collaborator(deps, admin, bo.id))["email"] == "Bo@acme.test"
    for unknown in (eve.id, "nope"):
        with pytest.raises(NotFound):
            await collaborators.get_collaborator(deps, admin, unknown)


async def test_a_changed_collaborator_republishes_the_dossiers_naming_them(memory, deps, admin):
    bo = person(memory, "Bo", "COLLABORATOR")
    theirs = (await dossiers.create_dossier(deps, admin, {"name": "Theirs"}))["id"]
    await dossiers.create_dossier(deps, admin, {"name": "Other"})
    await memory.dossiers.replace_assignments(theirs, [(bo.id, False)])
    since = len(memory.published)
    changed = await collaborators.update_collaborator(deps, admin, bo.id, {"name": "Bob", "language": "fr"})
    assert (changed["name"], changed["language"]) == ("Bob", "fr")
    assert changes(memory, since) == [(theirs, "assignments")]
    assert [a.name for a in memory.published[-1].dossier.assignments] == ["Bob"]
    with pytest.raises(InvalidInput):
        await collaborators.update_collaborator(deps, admin, bo.id, {"email": "x@y.example"})


async def test_an_admin_change_republishes_every_dossier_of_the_office(memory, deps, admin):
    made = sorted([(await dossiers.create_dossier(deps, admin, {"name": n}))["id"] for n in ("A", "B")])
    bo = person(memory, "Bo", "COLLABORATOR")
    since = len(memory.published)
    await collaborators.update_collaborator(deps, admin, bo.id, {"role": "ADMIN"})
    assert changes(memory, since) == [(d, "assignments") for d in made]
    assert {str(a) for a in memory.published[-1].dossier.admins} == {admin.user_id, bo.id}


async def test_the_last_active_admin_stays_and_nobody_disables_themselves(memory, deps, admin):
    with pytest.raises(Conflict) as last:
        await collaborators.update_collaborator(deps, admin, admin.user_id, {"role": "SUPPORT"})
    assert last.value.reason == "last_admin"
    with pytest.raises(Conflict) as self_disable:
        await collaborators.set_collaborator_active(deps, admin, admin.user_id, False)
    assert self_disable.value.reason == "cannot_disable_self"
    assert (await memory.accounts.get(admin.user_id)).role == "ADMIN"


async def test_a_disabled_collaborator_is_logged_out_and_can_be_enabled_again(memory, deps, admin):
    bo = person(memory, "Bo", "COLLABORATOR")
    off = await collaborators.set_collaborator_active(deps, admin, bo.id, False)
    assert off["active"] is False and memory.accounts.revoked == {bo.id: NOW}
    on = await collaborators.set_collaborator_active(deps, admin, bo.id, True)
    assert on["active"] is True and memory.accounts.revoked == {bo.id: NOW}
