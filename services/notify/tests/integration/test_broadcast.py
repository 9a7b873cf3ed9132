"""COM-3 over notify's HTTP API on the real Postgres: one message to many dossiers starts one conversation per
dossier for its full-access users with the dossier's name filled in, mails them, and says how many were started;
dossiers the caller may not reach are skipped and named; clients may not broadcast."""
from __future__ import annotations

import uuid

import pytest

from conversation_kit import DOSSIER, QUIET, as_, base, pool, store  # noqa: F401  (fixtures)

pytestmark = pytest.mark.integration
BODY = {"subject": "Year end {{ dossier_name }}", "text": "Dear client of {{ dossier_name }}, the year closes."}


async def test_one_conversation_per_dossier_and_a_summary(pool, as_):  # noqa: F811
    stranger = uuid.uuid4()
    answer = await as_("JAN").post("/conversations/broadcast",
                                   json={**BODY, "dossier_ids": [str(DOSSIER), str(QUIET), str(DOSSIER), str(stranger)]})
    assert answer.status_code == 201, answer.text
    summary = answer.json()
    assert summary["started"] == 2 and [c["dossier_id"] for c in summary["conversations"]] == [str(DOSSIER), str(QUIET)]
    assert summary["skipped"] == [{"dossier_id": str(stranger), "reason": "not_allowed"}]
    for dossier in (DOSSIER, QUIET):
        threads = [t for t in (await as_("ANNA").get(base(dossier))).json()["conversations"]
                   if t["subject"].startswith("Year end")]
        assert [t["subject"] for t in threads] == ["Year end Bakkerij Janssens BV"] and threads[0]["unread"] == 1
        opened = (await as_("CARL").get(f"{base(dossier)}/{threads[0]['id']}")).json()
        assert opened["recipient_user_id"] is None
        assert opened["messages"][0]["text"] == "Dear client of Bakkerij Janssens BV, the year closes."
    assert await pool.fetchval("SELECT count(*) FROM outgoing_mail WHERE template = 'conversation.message' "
                               "AND to_address IN ('anna@x.be', 'carl@x.be')") == 4


async def test_who_may_broadcast(pool, as_):  # noqa: F811
    body = {**BODY, "dossier_ids": [str(DOSSIER)]}
    assert (await as_("ANNA").post("/conversations/broadcast", json=body)).status_code == 403
    foreign = await as_("FOREIGN").post("/conversations/broadcast", json=body)
    assert foreign.status_code == 201 and foreign.json()["started"] == 0  # another office's dossier: skipped
    assert (await as_("JAN").post("/conversations/broadcast", json={**body, "dossier_ids": []})).status_code == 422
    assert (await as_("JAN").post("/conversations/broadcast", json={**body, "text": "  "})).status_code == 422
    assert await pool.fetchval("SELECT count(*) FROM conversations WHERE subject LIKE 'Year end%'") == 0
