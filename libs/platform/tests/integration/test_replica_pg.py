"""The dossier replica (issue 19 item 2) on the real Postgres: the projection of dossier.changed, a service's hook
in the same transaction, and an event about a dossier not replicated yet waited for instead of dead-lettered."""
import asyncio
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from contracts.cloudevents import to_headers
from contracts.codec import serialize
from contracts.events import SyncRequested
from contracts.events.dossiers import DossierChanged

from runtime import replica
from runtime.consumer import EventConsumer, Outcome
from runtime.inbox import Delivery
from runtime.outage import Backoff
from runtime.testing import temp_pool

pytestmark = pytest.mark.integration


def changed(dossier_id, office_id, *, name="Dupont SRL", users=(), assignments=(), status="active", **settings):
    return DossierChanged.model_validate({
        "correlation_id": "c-1", "office_id": str(office_id), "dossier_id": str(dossier_id), "change": "updated",
        "dossier": {"name": name, "code": "DUP", "vat_number": "BE0123456749", "status": status,
                    "accounting": {"software": "tryton", "installation": "main", "dossier_code": "dup"},
                    "settings": settings, "users": list(users), "assignments": list(assignments)}})


def user(email, profile="full_access"):
    return {"user_id": str(uuid.uuid4()), "email": email, "name": email.split("@")[0], "language": "fr",
            "profile": profile}


def assignment(email, **extra):
    return {"collaborator_id": str(uuid.uuid4()), "email": email, "name": email.split("@")[0], "role": "collaborator",
            **extra}


async def test_the_snapshot_replaces_row_users_and_assignments_and_hooks_run_in_the_same_transaction(settings):
    """OFF-2, DOS-4: the latest snapshot wins whole; a hook sees the standard rows already written."""
    dossier, office = uuid.uuid4(), uuid.uuid4()
    seen = []

    async def hook(conn, event):
        seen.append(await conn.fetchval("SELECT name FROM platform_dossiers WHERE dossier_id = $1", event.dossier_id))

    on_changed = replica.projection(hook)
    async with temp_pool(settings) as pool:
        async with pool.acquire() as conn, conn.transaction():
            await on_changed(conn, changed(dossier, office, users=[user("a@x.be"), user("b@x.be")],
                                           assignments=[assignment("c@o.be", worklists_only=True)],
                                           payment_module=True))
        first = await replica.dossier(pool, dossier)
        assert (first["office_id"], first["name"], first["code"], first["active"]) == (office, "Dupont SRL", "DUP", True)
        assert first["settings"]["payment_module"] is True and first["accounting"]["dossier_code"] == "dup"
        assert [u["email"] for u in await replica.users(pool, dossier)] == ["a@x.be", "b@x.be"]
        [worker] = await replica.assignments(pool, dossier)
        assert (worker["email"], worker["worklists_only"], worker["via"]) == ("c@o.be", True, "direct")

        async with pool.acquire() as conn, conn.transaction():
            await on_changed(conn, changed(dossier, office, name="Dupont SA", users=[user("b@x.be", "administrator")],
                                           status="archived"))
        again = await replica.dossier(pool, dossier)
        assert (again["name"], again["active"], again["settings"]["payment_module"]) == ("Dupont SA", False, False)
        assert [(u["email"], u["profile"]) for u in await replica.users(pool, dossier)] == [("b@x.be", "administrator")]
        assert await replica.assignments(pool, dossier) == []
        assert seen == ["Dupont SRL", "Dupont SA"]
        assert await replica.access_row(pool, dossier) == {"office_id": office, "settings": again["settings"]}
        access = await replica.access_row(pool, dossier, people=True)
        assert (access["office_id"], access["settings"], access["admins"]) == (office, again["settings"], None)
        assert [(u["profile"], u["active"]) for u in access["users"]] == [("administrator", True)]
        assert [d["dossier_id"] for d in await replica.office_dossiers(pool, office)] == [dossier]
        assert await replica.dossier(pool, uuid.uuid4()) is None


class _NoDeadLetters:
    async def send_and_wait(self, topic, *args, **kwargs):
        raise AssertionError(f"dead-lettered to {topic}: {dict(kwargs['headers']).get('dlq_reason')}")


def _record(event):
    return serialize(event), to_headers(event, source="/services/test")


async def test_an_event_about_a_dossier_not_replicated_yet_waits_for_its_dossier_changed(settings):
    """Issue 19 item 2: the event that needs the dossier is retried (like an outage, no attempt spent, never
    dead-lettered) until dossier.changed is applied, then applied with the dossier's settings."""
    dossier, office = uuid.uuid4(), uuid.uuid4()
    applied = []

    async def needs_dossier(conn, event, deps=None):
        found = await replica.require(conn, event.dossier_id)
        applied.append(found["settings"]["language"])

    async with temp_pool(settings) as pool:
        consumer = EventConsumer(pool, _NoDeadLetters(), service="t", name="g", attempts=1,
                                 handlers={"sync.requested": needs_dossier, "dossier.changed": replica.projection()},
                                 outage_backoff=Backoff(first=0.05, ceiling=0.2))
        request = SyncRequested(correlation_id="c", office_id=office, dossier_id=dossier, reason="manual")
        waiting = asyncio.create_task(consumer.process(Delivery("sync.requested", 0, 0), *_record(request), None))
        await asyncio.sleep(0.5)
        assert not waiting.done() and applied == [], "applied without its dossier"
        outcome = await consumer.process(Delivery("dossier.changed", 0, 0),
                                         *_record(changed(dossier, office, language="de")), None)
        assert outcome is Outcome.APPLIED
        assert await asyncio.wait_for(waiting, timeout=10) is Outcome.APPLIED
        assert applied == ["de"]


async def test_a_dossier_that_stays_unknown_hands_the_event_back_for_later_keeping_its_offset(settings):
    """The wait is bounded per delivery like an outage's: RETRY_LATER (offset kept), not a dead letter."""
    async def needs_dossier(conn, event, deps=None):
        await replica.require(conn, event.dossier_id)

    async with temp_pool(settings) as pool:
        consumer = EventConsumer(pool, _NoDeadLetters(), service="t", name="g", attempts=1,
                                 handlers={"sync.requested": needs_dossier},
                                 outage_backoff=Backoff(first=0.05, ceiling=0.1), outage_wait_s=0.3)
        request = SyncRequested(correlation_id="c", office_id=uuid.uuid4(), dossier_id=uuid.uuid4(), reason="manual")
        assert await consumer.process(Delivery("sync.requested", 0, 0), *_record(request), None) is Outcome.RETRY_LATER
        assert await pool.fetchval("SELECT count(*) FROM inbox") == 0


async def test_an_event_older_than_the_patience_goes_on_without_its_dossier_so_its_partition_moves(settings):
    """A dossier office never announces (a test's, a deleted one) must not hold the partition for ever: a fresh event
    waits (DossierNotReplicated), one that happened longer than PATIENCE ago gets None and is applied without it."""
    async with temp_pool(settings) as pool:
        unknown, now = uuid.uuid4(), datetime.now(timezone.utc)
        with pytest.raises(replica.DossierNotReplicated):
            await replica.require(pool, unknown, since=now)
        with pytest.raises(replica.DossierNotReplicated):
            await replica.require(pool, unknown)  # no event time: waits as before
        assert await replica.require(pool, unknown, since=now - replica.PATIENCE - timedelta(seconds=1)) is None


async def test_the_resolver_judges_the_caller_by_the_replicas_people_not_the_token(settings):
    """Issue 15: after office republished the dossier (a role, an assignment, a profile changed, the dossier archived),
    the resolver's DossierRef carries who may act now: a token issued before is refused what the replica no longer
    allows."""
    from runtime.auth.policy import Forbidden, authorize
    from runtime.auth.principal import ClientProfile, Principal, PrincipalKind, Role
    dossier, office = uuid.uuid4(), uuid.uuid4()
    dana, bart, ann = user("dana@client.be", "administrator"), assignment("bart@o.be"), uuid.uuid4()
    client = Principal(dana["user_id"], PrincipalKind.CLIENT, str(office), profiles={str(dossier): ClientProfile.ADMINISTRATOR})
    collab = Principal(bart["collaborator_id"], PrincipalKind.COLLABORATOR, str(office), role=Role.COLLABORATOR,
                       assigned_dossiers=frozenset({str(dossier)}))
    admin = Principal(str(ann), PrincipalKind.COLLABORATOR, str(office), role=Role.ADMIN)
    async with temp_pool(settings) as pool:
        resolve = replica.resolver(pool)

        async def publish(users, assignments, admins, status="active"):
            event = changed(dossier, office, users=users, assignments=assignments, status=status)
            event = event.model_copy(update={"dossier": event.dossier.model_copy(update={"admins": tuple(admins)})})
            async with pool.acquire() as conn, conn.transaction():
                await replica.projection()(conn, event)

        await publish([dana], [bart], [ann])
        for who, action in ((client, "dossier.users.manage"), (collab, "worklist.edit"), (admin, "dossier.configure")):
            authorize(who, action, await resolve(str(dossier)))
        await publish([dana], [bart], [ann], status="archived")  # office gives clients no profile on it
        with pytest.raises(Forbidden, match="no profile"):
            authorize(client, "document.view", await resolve(str(dossier)))
        authorize(collab, "worklist.view", await resolve(str(dossier)))
        await publish([{**dana, "profile": "document_delivery"}], [], [uuid.uuid4()])
        ref = await resolve(str(dossier))
        for who, action in ((client, "dossier.users.manage"), (collab, "worklist.view"), (admin, "worklist.view")):
            with pytest.raises(Forbidden):
                authorize(who, action, ref)


async def test_a_list_over_many_dossiers_judges_each_row_by_its_dossiers_people_too(settings):
    """Issue 15, ACT-1: the monitor's lists (replica.allowed_rows) leave out the dossiers the caller was unassigned
    from, or lost the profile on, since their token was issued — as a single dossier's route refuses them — and keep
    a dossier whose snapshot names no admins (an older one) or that the replica never heard of to the token."""
    from runtime.auth.principal import ClientProfile, Principal, PrincipalKind, Role
    kept, unassigned, older, unknown, office = uuid.uuid4(), uuid.uuid4(), uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    bart, dana, ann = assignment("bart@o.be"), user("dana@client.be", "full_access"), uuid.uuid4()
    collab = Principal(bart["collaborator_id"], PrincipalKind.COLLABORATOR, str(office), role=Role.COLLABORATOR,
                       assigned_dossiers=frozenset(map(str, (kept, unassigned, older, unknown))))
    client = Principal(dana["user_id"], PrincipalKind.CLIENT, str(office),
                       profiles={str(d): ClientProfile.FULL_ACCESS for d in (kept, unassigned)})
    async with temp_pool(settings) as pool:
        for dossier, users, assignments, admins in ((kept, [dana], [bart], [ann]),
                                                    (unassigned, [{**dana, "profile": "document_delivery"}], [], [ann]),
                                                    (older, [], [], [])):
            event = changed(dossier, office, users=users, assignments=assignments)
            event = event.model_copy(update={"dossier": event.dossier.model_copy(update={"admins": tuple(admins)})})
            async with pool.acquire() as conn, conn.transaction():
                await replica.projection()(conn, event)
        rows = [{"dossier_id": d, "settings": {"portal_scope": "documents_feedback"}, "n": n}
                for n, d in enumerate((kept, unassigned, older, unknown))]
        seen = await replica.allowed_rows(pool, collab, "worklist.view", rows)
        assert [(r["dossier_id"], r["n"]) for r in seen] == [(kept, 0), (older, 2), (unknown, 3)]
        assert [r["dossier_id"] for r in await replica.allowed_rows(pool, client, "dashboard.view", rows)] == [kept]
        assert await replica.allowed_rows(pool, collab, "worklist.view", []) == []
