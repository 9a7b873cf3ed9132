"""REP-3, REP-4: the Excel exports open with openpyxl and hold exactly the filtered rows."""
from __future__ import annotations

import io
import uuid
from datetime import date

import openpyxl
import pytest
from contracts.events.documents import DocumentReceived

from reporting.handlers.events import on_document_received, on_dossier_changed, on_ledger_synced
from reporting_testkit import OFFICE, bearer, client, dossier_changed, ledger_synced, open_item

pytestmark = pytest.mark.integration
DOSSIER = uuid.uuid4()


def received(mailbox: str, filename: str) -> DocumentReceived:
    return DocumentReceived(correlation_id="test", office_id=OFFICE, dossier_id=DOSSIER, document_id=uuid.uuid4(),
                            source="portal", mailbox=mailbox, filename=filename, content_type="application/pdf",
                            size_bytes=10, sha256="c" * 64, storage_key="k")


def sheet(content: bytes) -> list[tuple]:
    return list(openpyxl.load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))


async def test_archive_and_history_exports_hold_the_filtered_rows(http, issuer, pool):
    async with pool.acquire() as conn, conn.transaction():
        await on_dossier_changed(conn, dossier_changed(DOSSIER))
        for mailbox, name in (("purchases", "a.pdf"), ("sales", "b.pdf"), ("purchases", "c.pdf")):
            await on_document_received(conn, received(mailbox, name))
        await on_ledger_synced(conn, ledger_synced(DOSSIER, open_items=(
            open_item("R1", "receivable", "1210.55", "1210.55", date(2026, 2, 9)),
            open_item("R2", "receivable", "99", "0", date(2026, 2, 9)),
            open_item("P1", "payable", "5", "5", date(2026, 2, 9), "S1"))))
    who = bearer(issuer, client(DOSSIER, "full_feedback"))
    got = await http.get(f"/dossiers/{DOSSIER}/archive/export.xlsx?mailbox=purchases", headers=who)
    assert got.status_code == 200 and got.headers["content-type"].startswith("application/vnd.openxmlformats")
    rows = sheet(got.content)
    assert rows[0][:5] == ("document_id", "received_at", "mailbox", "document_type", "filename")
    assert sorted(r[4] for r in rows[1:]) == ["a.pdf", "c.pdf"]
    got = await http.get(f"/dossiers/{DOSSIER}/history/export.xlsx?side=customers&status=open", headers=who)
    rows = sheet(got.content)
    assert [(r[0], r[6], r[7]) for r in rows[1:]] == [("R1", 1210.55, 1210.55)]
