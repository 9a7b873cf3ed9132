"""REP-2: a report's table (domain.report_view) as an Excel sheet (openpyxl) and as a printable A4 PDF (reportlab),
with the same titles, columns and figures as the page, in the reader's language."""
from __future__ import annotations

import io
from collections.abc import Callable
from decimal import Decimal

from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.styles import Font
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from portal.domain.report_view import Table as ReportTable

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx(table: ReportTable, dossier_name: str) -> bytes:
    """One sheet: the title and period, the headers, then a line per row (figures as numbers, headings bold)."""
    book = Workbook()
    sheet = book.active
    sheet.title = table.title[:31]
    sheet.append([f"{table.title} · {dossier_name}"])
    sheet.append([table.period])
    if table.provisional_note:
        sheet.append([table.provisional_note])
    sheet.append(table.columns)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for row in table.rows:
        label = f"{row.label} {row.note}".strip()
        sheet.append([label, *(c.value for c in row.cells)])
        if row.kind != "row":
            for cell in sheet[sheet.max_row]:
                cell.font = Font(bold=True)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _printable(text: str) -> str:
    """The text in the PDF's standard fonts: French groups thousands with a narrow no-break space, which they lack
    (it would print as a box); a no-break space stands in for it."""
    return text.replace("\u202f", "\u00a0")


def pdf(table: ReportTable, dossier_name: str, money: Callable[[Decimal | None], str]) -> bytes:
    """An A4 document (landscape when the report has many columns) with the title, period and the table."""
    out = io.BytesIO()
    size = landscape(A4) if len(table.columns) > 6 else A4
    doc = SimpleDocTemplate(out, pagesize=size, leftMargin=28, rightMargin=28, topMargin=28, bottomMargin=28,
                            title=f"{table.title} - {dossier_name}")
    styles = getSampleStyleSheet()
    story = [Paragraph(escape(f"{table.title} · {dossier_name}"), styles["Title"]),
             Paragraph(escape(table.period), styles["Normal"])]
    if table.provisional_note:
        story.append(Paragraph(escape(table.provisional_note), styles["Italic"]))
    story.append(Spacer(1, 10))
    data = [table.columns]
    style = [("FONT", (0, 0), (-1, 0), "Helvetica-Bold"), ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
             ("ALIGN", (1, 0), (-1, -1), "RIGHT"), ("FONTSIZE", (0, 0), (-1, -1), 7 if len(table.columns) > 6 else 9)]
    for row in table.rows:
        number = len(data)
        data.append([f"{row.label} {row.note}".strip()[:60], *(_printable(money(c.value)) if c.value is not None
                                                                else "" for c in row.cells)])
        if row.kind != "row":
            style.append(("FONT", (0, number), (-1, number), "Helvetica-Bold"))
        if row.kind == "total":
            style.append(("LINEABOVE", (0, number), (-1, number), 0.5, colors.grey))
    story.append(Table([r + [""] * (len(table.columns) - len(r)) for r in data], repeatRows=1,
                       style=TableStyle(style)))
    doc.build(story)
    return out.getvalue()
