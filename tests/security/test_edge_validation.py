"""Issue 13 item 8: input no service can store gets 422 naming the field, never a 500.

A NUL character in a text filter or field (PostgreSQL text cannot hold U+0000), a page number of 2**62 (the
offset overflows a bigint) and a lone surrogate in JSON (``"\\ud800"`` is valid JSON but not encodable text) all
ended in 500 from ingest, worklist, reporting, payments, office and notify. runtime.edge refuses such text in the
path, query, forms and JSON before any route runs, and runtime.paging bounds the lists' page numbers. The
attacker is a logged-in office admin of an office of their own, sending each input to each service.
"""
from __future__ import annotations

import httpx
import pytest
from platform_probe import url
from seeded_office import bearer, login, seeded_office

from office.handlers import dossiers

pytestmark = pytest.mark.e2e
NUL, SURROGATE = "a\x00b", b'"a\\ud800b"'
# (service, method, path, query, JSON body, the field the answer must name); {d} is the attacker's own dossier
CASES = [
    ("ingest", "GET", "/dossiers/{d}/mailboxes/purchases/documents", {"label": NUL}, None, "label"),
    ("ingest", "GET", "/dossiers/{d}/processing", {"q": NUL}, None, "q"),
    ("ingest", "GET", "/dossiers/{d}/mailboxes/purchases/documents", {"page": str(2**62)}, None, "page"),
    ("worklist", "GET", "/dossiers/{d}/worklists/purchases", {"q": NUL}, None, "q"),
    ("reporting", "GET", "/dossiers/{d}/archive", {"q": NUL}, None, "q"),
    ("reporting", "GET", "/dossiers/{d}/archive", {"page": str(2**62)}, None, "page"),
    ("reporting", "GET", "/dossiers/{d}/bank", {"page": str(2**62)}, None, "page"),
    ("payments", "POST", "/dossiers/{d}/payments", None, {"creditor": {"name": NUL}}, "creditor.name"),
    ("office", "PATCH", "/me", None, {"name": NUL}, "name"),
    ("office", "GET", "/dossiers", {"q": NUL}, None, "q"),
    ("notify", "POST", "/dossiers/{d}/conversations", None, {"subject": NUL, "text": "hello"}, "subject"),
]


@pytest.fixture
async def attacker():
    async with seeded_office("edge") as office, httpx.AsyncClient(timeout=30) as http:
        dossier = (await dossiers.create_dossier(office.deps, office.admin, {"name": "Edge Ltd", "code": "EDG"}))["id"]
        yield http, bearer(await login(http, office.email("ADMIN"))), dossier


def _named(answer: httpx.Response, field: str) -> None:
    assert answer.status_code == 422, f"{answer.status_code} {answer.text[:300]}"
    error = answer.json()["error"]
    assert field in [f["field"] for f in error["fields"]], error


@pytest.mark.parametrize(("service", "method", "path", "query", "body", "field"), CASES,
                         ids=[f"{c[0]}-{c[5]}-{'page' if c[3] and 'page' in c[3] else 'nul'}" for c in CASES])
async def test_unstorable_input_is_refused_with_the_field_named(attacker, service, method, path, query, body, field):
    http, headers, dossier = attacker
    answer = await http.request(method, url(service) + path.format(d=dossier), params=query, json=body,
                                headers=headers)
    _named(answer, field)


async def test_a_lone_surrogate_in_json_is_refused_with_the_field_named(attacker):
    http, headers, _ = attacker
    answer = await http.patch(f"{url('office')}/me", content=b'{"name": ' + SURROGATE + b"}",
                              headers={**headers, "content-type": "application/json"})
    _named(answer, "name")
    assert "surrogate" in answer.json()["error"]["message"]


async def test_a_nul_byte_in_the_path_is_refused(attacker):
    http, headers, dossier = attacker
    answer = await http.get(f"{url('ingest')}/dossiers/{dossier}/mailboxes/purchases/documents/a%00b", headers=headers)
    _named(answer, "path")


async def test_ordinary_text_still_passes(attacker):
    """The control: accents, emoji and a last page within bounds reach the routes."""
    http, headers, _ = attacker
    me = await http.patch(f"{url('office')}/me", json={"name": "Zoë Émile 😀"}, headers=headers)
    assert me.status_code == 200 and "Zoë Émile 😀" in me.text, me.text
