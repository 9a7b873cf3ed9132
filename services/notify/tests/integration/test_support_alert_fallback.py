"""ACT-3 on the real Kafka, Postgres and a real SMTP server, through notify's own consumer: a sync needing support
on a dossier nobody allowed to receive the alert is assigned to (the request names nobody) mails the office's
administrators — as the dossier's snapshot names them, at the address their assignments elsewhere give or, for one
assigned to no dossier, the office's own mails to them (welcome) — each once in their language; a former admin,
the other collaborators and the client users get nothing; an office with no administrator notify can reach records
the request as failed with the reason, never silently dropped."""
from __future__ import annotations

import asyncio
import contextlib
import uuid
from email.header import decode_header, make_header

import pytest
from contracts.events.dossiers import Assignment, DossierChanged, DossierSnapshot
from contracts.events.notifications import Recipient
from runtime import service
from runtime.db import drop_database
from runtime.testing import on_test_topics, publish_events, temp_topics, wait_for

from notify.bootstrap import SPEC, start_sender
from notify.config import NotifySettings
from notify_testkit import OFFICE, PORTAL, smtp_server, support_alert, text_of, user, welcome

pytestmark = pytest.mark.integration
CONTRACTS = ("notification.requested", "dossier.changed")
ADA = Assignment(collaborator_id=uuid.uuid4(), email="ada@office.be", name="Ada Admin", role="admin", language="fr")
EVE = Assignment(collaborator_id=uuid.uuid4(), email="eve@office.be", name="Eve Admin", role="admin", language="de")
FRED = Assignment(collaborator_id=uuid.uuid4(), email="fred@office.be", name="Fred Former", role="admin")
OLGA = uuid.uuid4()  # an admin assigned to no dossier: notify knows her from the office's welcome mail
CARL = Assignment(collaborator_id=uuid.uuid4(), email="carl@office.be", name="Carl", role="collaborator")


def _changed(dossier: uuid.UUID, *assigned: Assignment, admins: tuple = (), office: uuid.UUID = OFFICE):
    return DossierChanged(correlation_id="test", office_id=office, dossier_id=dossier, change="users",
                          dossier=DossierSnapshot(name="Bakkerij Janssens BV", users=(user("boss@client.be", "nl",
                                                  "administrator"),), assignments=assigned, admins=admins))


@contextlib.asynccontextmanager
async def running(smtp_port: int):
    settings = NotifySettings(service="notify-it", pg_database=f"test_notify_{uuid.uuid4().hex[:8]}",
                              consumer_group=f"notify-it-{uuid.uuid4().hex[:6]}", notify_smtp_port=smtp_port,
                              notify_portal_url=PORTAL, notify_sender_interval_s=0.1)
    async with temp_topics(settings, *CONTRACTS) as names:
        rt = await service.start(on_test_topics(SPEC, dict(zip(names, CONTRACTS)), name="notify-it"), settings)
        start_sender(rt, settings)
        try:
            yield settings, rt, dict(zip(CONTRACTS, names))
        finally:
            await service.stop(rt)
            await drop_database(settings.dsn("postgres"), settings.database)


async def test_an_alert_for_a_dossier_without_support_people_mails_the_office_admins():
    unassigned, assigned, lone, stranger = uuid.uuid4(), uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    admins = (ADA.collaborator_id, EVE.collaborator_id, OLGA)  # Fred is no admin any more
    olga = welcome(email="olga@office.be", language="en").model_copy(
        update={"recipient": Recipient(user_id=OLGA, email="olga@office.be", name="Olga Admin")})
    with smtp_server() as (inbox, port):
        async with running(port) as (settings, rt, topics):
            await publish_events(settings, topics["dossier.changed"], _changed(assigned, ADA, EVE, FRED, CARL,
                                                                               admins=admins),
                                 _changed(unassigned, CARL, admins=admins),
                                 _changed(lone, CARL, admins=(uuid.uuid4(),), office=stranger))
            await publish_events(settings, topics["notification.requested"], olga)
            await wait_for(lambda: rt.pool.fetchval("SELECT count(*) = 3 FROM platform_dossiers"), timeout=60)
            await wait_for(lambda: rt.pool.fetchval("SELECT count(*) = 1 FROM office_people"), timeout=60)
            alert, nobody = support_alert(unassigned), support_alert(lone, office=stranger)
            await publish_events(settings, topics["notification.requested"], alert, nobody)

            async def settled() -> bool:
                sent = await rt.pool.fetchval("SELECT count(*) FROM outgoing_mail WHERE status = 'sent'")
                failed = await rt.pool.fetchval("SELECT count(*) FROM requests WHERE status = 'failed'")
                return sent >= 4 and failed >= 1
            await wait_for(settled, timeout=60)
            await asyncio.sleep(0.5)
            failed = await rt.pool.fetchrow("SELECT dossier_id, reason FROM requests WHERE status = 'failed'")
    alerts = [(to[0], m) for m, to in zip(inbox.messages, inbox.envelopes) if "/sync" in text_of(m)]
    assert sorted(to for to, _ in alerts) == ["ada@office.be", "eve@office.be", "olga@office.be"]
    mails = dict(alerts)
    assert str(make_header(decode_header(mails["ada@office.be"]["Subject"]))) == \
        "Bakkerij Janssens BV : la synchronisation a besoin du support"
    assert "Bonjour Ada Admin" in text_of(mails["ada@office.be"])
    eve_subject = str(make_header(decode_header(mails["eve@office.be"]["Subject"])))
    assert eve_subject == "Bakkerij Janssens BV: die Synchronisation braucht den Support"
    assert f"{PORTAL}/dossiers/{unassigned}/sync" in text_of(mails["eve@office.be"])
    assert "Hello Olga Admin" in text_of(mails["olga@office.be"])
    assert failed["dossier_id"] == lone and "administrator" in failed["reason"]
