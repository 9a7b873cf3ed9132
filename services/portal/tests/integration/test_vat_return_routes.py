"""COM-2 "VAT return OK" through the portal against the fake office and the fake notify: the client picks a period,
confirms on a second step, the office is told once and both sides see the mark; a second confirmation says when
and by whom; who may confirm; a period outside the offered ones is 422 naming it; texts in the user's language."""
from __future__ import annotations

import re
from datetime import date

import pytest

from portal.entrypoints.http.message_list import vat_periods
from portal_testkit.harness import csrf_of, login, portal_client
from portal_testkit.office_state import PASSWORD
from portal_testkit.worklist_pages import bakery_of, fake_office_app

pytestmark = pytest.mark.integration
FULL = "full_access@client.test"


def test_the_offered_periods_are_the_last_quarters_and_months():
    assert vat_periods(date(2026, 2, 10)) == ["2026-Q1", "2025-Q4", "2025-Q3", "2025-Q2", "2026-02", "2026-01",
                                              "2025-12", "2025-11", "2025-10", "2025-09", "2025-08", "2025-07",
                                              "2025-06", "2025-05", "2025-04", "2025-03"]


async def test_the_client_confirms_a_period_once_and_the_office_sees_it(fake, notify, notify_app):
    bakery = bakery_of(fake)
    period = vat_periods(date.today())[1]  # the previous quarter
    async with portal_client(fake_office_app(fake), notify_app=notify_app) as client:
        await login(client, FULL, PASSWORD)
        page = await client.get(f"/dossiers/{bakery}/messages")
        assert 'id="vat-return-ok"' in page.text and f'<option value="{period}">' in page.text
        token = csrf_of(page.text)
        ask = await client.post(f"/dossiers/{bakery}/vat-return", data={"period": period, "csrf_token": token})
        assert ask.status_code == 200 and 'id="vat-confirm-send"' in ask.text and period in ask.text
        assert notify.vat_confirmations == []  # nothing sent before the confirmation
        sent = await client.post(f"/dossiers/{bakery}/vat-return",
                                 data={"period": period, "confirmed": "yes", "csrf_token": token})
        assert sent.status_code == 200 and f"knows that all documents of {period} are in" in sent.text
        assert re.search(rf'data-period="{period}">.*All documents in', sent.text)
        again = await client.post(f"/dossiers/{bakery}/vat-return",
                                  data={"period": period, "confirmed": "yes", "csrf_token": token})
        assert f"{period} was already confirmed on " in again.text and "by " in again.text
        bad = await client.post(f"/dossiers/{bakery}/vat-return",
                                data={"period": "2099-Q1", "confirmed": "yes", "csrf_token": token})
        assert bad.status_code == 422 and "not a VAT period that can be confirmed now" in bad.text
        assert (await client.post(f"/dossiers/{bakery}/vat-return", data={"period": period})).status_code == 403
    assert len(notify.vat_confirmations) == 1
    [thread] = notify.threads.values()
    assert thread["started_by_side"] == "client" and period in thread["subject"]
    async with portal_client(fake_office_app(fake), notify_app=notify_app) as client:
        await login(client, "collab@demo.test", PASSWORD)
        page = await client.get(f"/dossiers/{bakery}/messages")
        assert f'data-period="{period}"' in page.text and 'id="vat-return-ok"' not in page.text
        forbidden = await client.post(f"/dossiers/{bakery}/vat-return",
                                      data={"period": period, "confirmed": "yes", "csrf_token": csrf_of(page.text)})
        assert forbidden.status_code == 403


async def test_a_document_processor_cannot_confirm(fake, notify, notify_app):
    """vat_return.confirm is for administrators and full access (the matrix): no button, and the post is 403."""
    bakery = bakery_of(fake)
    async with portal_client(fake_office_app(fake), notify_app=notify_app) as client:
        await login(client, "document_processing@client.test", PASSWORD)
        page = await client.get(f"/dossiers/{bakery}/messages")
        assert page.status_code == 200 and 'id="vat-return-ok"' not in page.text
        refused = await client.post(f"/dossiers/{bakery}/vat-return", data={
            "period": vat_periods(date.today())[0], "confirmed": "yes", "csrf_token": csrf_of(page.text)})
        assert refused.status_code == 403 and notify.vat_confirmations == []
