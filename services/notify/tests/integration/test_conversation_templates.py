"""COM-5 over notify's HTTP API on the real Postgres: an office user starting a conversation picks a template — the
standard ones and the office's own — in the recipient's language with the placeholders filled from the dossier;
the office ADMIN keeps the office's templates; clients and other offices get none."""
from __future__ import annotations

from datetime import date

import pytest

from conversation_kit import ANNA, BOB, CARL, DOSSIER, as_, pool, store  # noqa: F401  (fixtures)
from notify.domain.conversation_templates import fill, previous_quarter

pytestmark = pytest.mark.integration
URL = f"/dossiers/{DOSSIER}/conversation-templates"


def test_placeholders_and_quarters():
    assert previous_quarter(date(2026, 2, 1)) == "2025-Q4" and previous_quarter(date(2026, 12, 7)) == "2026-Q3"
    assert fill("Hi {{ recipient_name }}, {{unknown}} {{ dossier_name}}", {"recipient_name": "{{ dossier_name }}",
                                                                          "dossier_name": "X"}) == \
        "Hi {{ dossier_name }}, {{unknown}} X"


async def test_the_picker_fills_templates_in_the_recipients_language(pool, as_):  # noqa: F811
    admin, jan = as_("ADMIN"), as_("JAN")
    own = await admin.post("/conversation-templates", json={
        "name": "Jaarafsluiting", "language": "nl", "subject": "Jaarafsluiting {{ dossier_name }}",
        "body": "Beste {{ recipient_name }}, de jaarafsluiting start."})
    assert own.status_code == 201
    assert (await admin.post("/conversation-templates", json={"name": "Clôture", "language": "fr", "subject": "s",
                                                               "body": "b"})).status_code == 201

    for_bob = (await jan.get(URL, params={"recipient_user_id": str(BOB.user_id)})).json()  # Bob reads Dutch
    assert for_bob["language"] == "nl"
    picked = {t["name"]: t for t in for_bob["templates"]}
    assert set(picked) == {"Ontbrekende documenten", "Herinnering btw-aangifte", "Jaarafsluiting"}
    assert picked["Jaarafsluiting"]["subject"] == "Jaarafsluiting Bakkerij Janssens BV"
    assert picked["Jaarafsluiting"]["text"] == "Beste Bob, de jaarafsluiting start." and \
        picked["Jaarafsluiting"]["source"] == "office"
    assert "{{" not in picked["Ontbrekende documenten"]["text"] and "Beste Bob" in picked["Ontbrekende documenten"][
        "text"]

    for_anna = (await jan.get(URL, params={"recipient_user_id": str(ANNA.user_id)})).json()
    assert for_anna["language"] == "fr" and {t["name"] for t in for_anna["templates"]} >= {"Documents manquants",
                                                                                           "Clôture"}
    german = (await jan.get(URL, params={"language": "de"})).json()
    assert german["language"] == "de" and german["templates"][0]["text"].startswith("Guten Tag Bakkerij Janssens BV")
    assert (await jan.get(URL, params={"language": "xx"})).status_code == 422


async def test_who_may_use_and_keep_templates(pool, as_):  # noqa: F811
    assert (await as_("ANNA").get(URL)).status_code == 403  # a client starts conversations without templates
    assert (await as_("FOREIGN").get(URL)).status_code == 403
    assert (await as_("JAN").post("/conversation-templates", json={"name": "n", "language": "nl", "subject": "s",
                                                                    "body": "b"})).status_code == 403
    admin = as_("ADMIN")
    blank = await admin.post("/conversation-templates", json={"name": " ", "language": "nl", "subject": "s",
                                                               "body": "b"})
    assert blank.status_code == 422
    made = (await admin.post("/conversation-templates", json={"name": "n", "language": "en", "subject": "s",
                                                               "body": "b"})).json()
    assert (await as_("FOREIGN").delete(f"/conversation-templates/{made['id']}")).status_code == 404
    assert [t["name"] for t in (await admin.get("/conversation-templates")).json()["templates"]] == ["n"]
    assert (await admin.delete(f"/conversation-templates/{made['id']}")).status_code == 204
    assert (await admin.get("/conversation-templates")).json()["templates"] == []
