"""The six standard reports (REP-2) through the portal against the fake office and the fake reporting service: the
report and period choice, each figure linked to its entries and each entry to its document, provisional months
marked under "closed periods only", the Excel sheet and the PDF with the page's figures, per language, the matrix."""
from __future__ import annotations

import io
import re

import openpyxl
import pypdfium2
import pytest

from portal.domain.amounts import money
from portal_testkit.harness import login, portal_client
from portal_testkit.office_state import PASSWORD
from portal_testkit.worklist_pages import bakery_of, fake_office_app

pytestmark = pytest.mark.integration
FULL, FEEDBACK, PROCESSING = "full_access@client.test", "full_feedback@client.test", "document_processing@client.test"
DOC = "5f0c3a52-9a4b-4c1e-8d2f-0a1b2c3d4e5f"
MONTHS = ["1000.00", "0.00", "1900.50"] + ["0.00"] * 9


def seed(reporting, dossier: str) -> None:
    reporting.reports[(dossier, "profit-and-loss")] = {
        "closed_periods_only": True, "provisional_months": [f"2026-{m:02d}" for m in range(3, 13)],
        "income": [{"class": "70", "months": MONTHS, "total": "2900.50"}],
        "charges": [{"class": "60", "months": ["500.00"] + ["0.00"] * 11, "total": "500.00"}],
        "result": {"months": ["500.00", "0.00", "1900.50"] + ["0.00"] * 9, "total": "2400.50"}}
    reporting.reports[(dossier, "vat-summary")] = {
        "periods": [{"period": "2026-01", "due": "210.00", "deductible": "105.00", "balance": "105.00"}],
        "total": {"due": "210.00", "deductible": "105.00", "balance": "105.00"}}
    reporting.entries[dossier] = [
        {"reference": "E1", "booking_date": "2026-01-10", "period_code": "2026-01", "journal_code": "VKP",
         "counterparty_reference": "C1", "counterparty_name": "<b>Delhaize</b>", "invoice_number": "F-1",
         "document_id": DOC, "total": "1210.00", "debit": "0", "credit": "1000.00", "amount": "-1000.00",
         "accounts": ["700000"]},
        {"reference": "E2", "booking_date": "2026-01-20", "period_code": "2026-01", "journal_code": "ACH",
         "counterparty_reference": "S1", "counterparty_name": "Proximus", "invoice_number": None,
         "document_id": None, "total": "605.00", "debit": "105.00", "credit": "0", "amount": "105.00",
         "accounts": ["411000"]}]


async def test_a_report_links_its_figures_to_their_entries_and_those_to_their_document(fake, reporting, reporting_app):
    """Profit and loss of 2026: the class 70 figure of January links to its entries (accounts 70, January); the
    provisional months are marked; the entries page lists E1 with its amount, its counterparty as text and a link
    to the archived document; the client tile opens the reports."""
    bakery = bakery_of(fake)
    seed(reporting, bakery)
    async with portal_client(fake_office_app(fake), reporting_app=reporting_app) as client:
        await login(client, FULL, PASSWORD)
        tile = await client.get(f"/client/{bakery}/reports")
        assert tile.status_code in (302, 303) and tile.headers["location"].endswith(f"/dossiers/{bakery}/reports")
        page = await client.get(f"/dossiers/{bakery}/reports?name=profit-and-loss&year=2026")
        assert page.status_code == 200, page.text
        html = page.text
        link = f"/dossiers/{bakery}/reports/entries?account=70&amp;from=2026-01-01&amp;to=2026-01-31"
        assert f'<a href="{link}"' in html and money("1000.00", "en") in html
        assert html.count('class="amount provisional"') == 2 * 10 + 10  # two classes and the result, Mar-Dec
        assert 'id="provisional-note"' in html and 'id="report-xlsx"' in html and 'id="report-pdf"' in html
        entries = await client.get(link.replace("&amp;", "&"))
        assert entries.status_code == 200
        row = entries.text[entries.text.index('data-entry="E1"'):]
        assert "&lt;b&gt;Delhaize&lt;/b&gt;" in row and "<b>Delhaize</b>" not in entries.text
        assert f'href="/dossiers/{bakery}/archive/{DOC}"' in row and money("-1000.00", "en") in row
        assert 'data-entry="E2"' not in entries.text
        vat = (await client.get(f"/dossiers/{bakery}/reports?name=vat-summary&year=2026")).text
        assert f"/dossiers/{bakery}/reports/entries?account=451&amp;period=2026-01" in vat


async def test_the_excel_sheet_and_the_pdf_hold_the_pages_figures(fake, reporting, reporting_app):
    """The Excel export has the title, the columns and the figures as numbers; the PDF is one page of A4 with the
    report's title and figures in the reader's language (French here)."""
    bakery = bakery_of(fake)
    seed(reporting, bakery)
    fake.user_by_email(FULL).language = "fr"
    async with portal_client(fake_office_app(fake), reporting_app=reporting_app) as client:
        await login(client, FULL, PASSWORD)
        sheet = await client.get(f"/dossiers/{bakery}/reports/export.xlsx?name=vat-summary&year=2026")
        pdf = await client.get(f"/dossiers/{bakery}/reports/print.pdf?name=profit-and-loss&year=2026")
        page = (await client.get(f"/dossiers/{bakery}/reports?name=vat-summary&year=2026")).text
    assert sheet.status_code == 200 and sheet.headers["content-security-policy"] == "sandbox"
    rows = list(openpyxl.load_workbook(io.BytesIO(sheet.content)).active.iter_rows(values_only=True))
    assert rows[0][0].startswith("Synthèse TVA") and rows[2][:4] == ("Période", "TVA due", "TVA déductible", "Solde")
    assert rows[3][:4] == ("2026-01", 210, 105, 105)
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    text = pypdfium2.PdfDocument(pdf.content)[0].get_textpage().get_text_range()
    plain = text.replace("\u202f", " ").replace("\xa0", " ")
    assert "Compte de résultats" in text and "1 900,50 €" in plain and "\u25a0" not in text  # no box for a space
    assert "<h1>Rapports" in page


async def test_bad_choices_are_named_and_profiles_without_reports_are_refused(fake, reporting, reporting_app):
    """An unknown report is a 422 page, a year that is no number is reporting's 422 named on the page, a bad
    account filter on the entries too; DOCUMENT_PROCESSING has no reports (403, no tile); FULL_FEEDBACK has."""
    bakery = bakery_of(fake)
    async with portal_client(fake_office_app(fake), reporting_app=reporting_app) as client:
        await login(client, FEEDBACK, PASSWORD)
        assert (await client.get(f"/dossiers/{bakery}/reports?name=nope")).status_code == 422
        bad = await client.get(f"/dossiers/{bakery}/reports?name=profit-and-loss&year=20x6")
        assert bad.status_code == 422 and "<code>year</code>" in bad.text
        entries = await client.get(f"/dossiers/{bakery}/reports/entries?account=7x")
        assert entries.status_code == 422 and "<code>account</code>" in entries.text
        assert (await client.get(f"/dossiers/{bakery}/reports")).status_code == 200
    async with portal_client(fake_office_app(fake), reporting_app=reporting_app) as client:
        await login(client, PROCESSING, PASSWORD)
        for path in ("reports", "reports/entries?account=70", "reports/export.xlsx", "reports/print.pdf"):
            assert (await client.get(f"/dossiers/{bakery}/{path}")).status_code == 403, path
        assert 'data-area="reports"' not in (await client.get(f"/client/{bakery}")).text
