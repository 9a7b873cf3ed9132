"""The worklist's counters of the active-clients monitor (ACT-1) follow the dossier replica's people, not only the
caller's token (issue 15): a collaborator unassigned, or an admin demoted, since their token was issued no longer
sees the dossier's counters."""
from __future__ import annotations

import uuid

import pytest

from worklist.handlers.events import on_dossier_changed
from worklist_testkit import apply, dossier_changed

pytestmark = pytest.mark.integration


async def seen(client, world, who: str) -> list[str]:
    answer = await client.get("/monitor/counters", headers=world.headers(who))
    assert answer.status_code == 200, answer.text
    return sorted(i["dossier_id"] for i in answer.json()["items"])


async def republish(pool, world, dossier: str, admins: list[str], assigned: dict[str, str]) -> None:
    """office's dossier.changed naming its admins and the collaborators on it ({principal name: role})."""
    event = dossier_changed(world.office, dossier, validation_mode="collaborator")
    assignments = [{"collaborator_id": world.principals[who].subject, "email": f"{who.lower()}@office.test",
                    "name": who.title(), "role": role} for who, role in assigned.items()]
    snapshot = event.dossier.model_validate({**event.dossier.model_dump(mode="json"), "assignments": assignments,
                                             "admins": admins})
    await apply(pool, on_dossier_changed, event.model_copy(update={"dossier": snapshot}))


async def test_a_collaborator_unassigned_or_an_admin_demoted_since_the_token_no_longer_sees_the_dossier(client, world,
                                                                                                         pool):
    admin = world.principals["ADMIN"].subject
    assert await seen(client, world, "SUPPORT") == [world.own]  # snapshots naming no admins (older): the token
    await republish(pool, world, world.own, [admin], {"SUPPORT": "support"})
    assert await seen(client, world, "SUPPORT") == [world.own]
    await republish(pool, world, world.own, [admin], {})
    assert await seen(client, world, "SUPPORT") == []
    assert await seen(client, world, "ADMIN") == sorted((world.own, world.other))
    await republish(pool, world, world.own, [str(uuid.uuid4())], {})
    assert await seen(client, world, "ADMIN") == [world.other]  # OTHER's snapshot names no admins: the token
