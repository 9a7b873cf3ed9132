"""Group use cases (OFF-3, DOS-5) on the in-memory unit of work: lists, unknown references, who is republished."""
import uuid
from dataclasses import replace

import pytest

from office.domain.errors import Conflict, InvalidInput, NotFound
from office.domain.office import Office
from office.domain.principals import Account
from office.handlers import dossiers, groups
from office.handlers.context import Caller, principal_for

ACME = Office(id=str(uuid.uuid4()), slug="acme", name="Acme", portal_name="Acme portal", default_language="nl")


def person(memory, name, role, office=ACME):
    return memory.dossiers.add_account(Account(str(uuid.uuid4()), office.id, "collaborator", f"{name}@acme.test",
                                               name, "nl", role, True))


@pytest.fixture
async def admin(memory):
    account = person(memory, "Ada", "ADMIN")
    return Caller(await principal_for(memory.dossiers, account), account, ACME)


def republished(memory, since):
    return sorted(str(e.dossier_id) for e in memory.published[since:])


async def test_a_client_group_gives_its_dossiers_to_the_members_of_its_collaborator_groups(memory, deps, admin):
    ann = person(memory, "Ann", "COLLABORATOR")
    did = (await dossiers.create_dossier(deps, admin, {"name": "D"}))["id"]
    team = await groups.save_group(deps, admin, groups.COLLABORATOR_GROUPS, {"name": "Team", "members": [ann.id]})
    since = len(memory.published)
    family = await groups.save_group(deps, admin, groups.CLIENT_GROUPS,
                                     {"name": "Family", "dossiers": [did], "collaborator_groups": [team["id"]]})
    assert (family["dossiers"], family["collaborators"], family["collaborator_groups"]) == ([did], [], [team["id"]])
    assert republished(memory, since) == [did]
    assert [a.name for a in memory.published[-1].dossier.assignments] == ["Ann"]
    since = len(memory.published)
    await groups.save_group(deps, admin, groups.COLLABORATOR_GROUPS, {"name": "Renamed"}, team["id"])
    assert republished(memory, since) == []  # a renamed collaborator group is named by no snapshot
    await groups.delete_group(deps, admin, groups.COLLABORATOR_GROUPS, team["id"])
    assert republished(memory, since) == [did] and memory.published[-1].dossier.assignments == ()
    listed = await groups.list_groups(deps, admin, groups.CLIENT_GROUPS)
    assert [(g["name"], g["collaborator_groups"]) for g in listed["items"]] == [("Family", [])]


async def test_unknown_references_names_and_groups_are_refused(memory, deps, admin):
    eve = person(memory, "Eve", "ADMIN", office=replace(ACME, id=str(uuid.uuid4())))
    with pytest.raises(InvalidInput) as unknown:
        await groups.save_group(deps, admin, groups.COLLABORATOR_GROUPS, {"name": "T", "members": [eve.id]})
    assert unknown.value.fields[0]["code"] == "unknown_reference"
    with pytest.raises(InvalidInput):
        await groups.save_group(deps, admin, groups.CLIENT_GROUPS, {"name": "F", "dossiers": ["nope"]})
    await groups.save_group(deps, admin, groups.CLIENT_GROUPS, {"name": "F"})
    with pytest.raises(Conflict):
        await groups.save_group(deps, admin, groups.CLIENT_GROUPS, {"name": "F"})
    for missing in ("nope", str(uuid.uuid4())):
        with pytest.raises(NotFound):
            await groups.get_group(deps, admin, groups.CLIENT_GROUPS, missing)
    assert [g["name"] for g in (await groups.list_groups(deps, admin, groups.CLIENT_GROUPS))["items"]] == ["F"]
