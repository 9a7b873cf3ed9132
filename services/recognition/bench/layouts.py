"""Layout families of generated documents, drawn with reportlab. Family H is held out: never used for tuning."""
from __future__ import annotations

import io
import random

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from recognition_bench.facts import InvoiceFacts
from recognition_bench.vocab import Style

FONTS = [("Helvetica", "Helvetica-Bold"), ("Times-Roman", "Times-Bold"), ("Courier", "Courier-Bold")]
TUNING_FAMILIES = ("A", "B", "C", "D", "E")
HELD_OUT = ("H",)


class Page:
    """A reportlab canvas with millimetre coordinates from the top left."""

    def __init__(self, canvas: Canvas, height: float, fonts: tuple[str, str]) -> None:
        self.c, self.h, self.fonts = canvas, height, fonts

    def text(self, x: float, y: float, s: str, size: float = 9, bold: bool = False, align: str = "left") -> None:
        self.c.setFont(self.fonts[1] if bold else self.fonts[0], size)
        draw = {"left": self.c.drawString, "right": self.c.drawRightString, "center": self.c.drawCentredString}[align]
        draw(x * mm, self.h - y * mm, s)

    def rule(self, x0: float, y: float, x1: float, width: float = 0.5) -> None:
        self.c.setLineWidth(width)
        self.c.line(x0 * mm, self.h - y * mm, x1 * mm, self.h - y * mm)

    def box(self, x: float, y: float, w: float, h: float, fill: float | None = None) -> None:
        if fill is not None:
            self.c.setFillGray(fill)
            self.c.rect(x * mm, self.h - (y + h) * mm, w * mm, h * mm, stroke=0, fill=1)
            self.c.setFillGray(0)
        else:
            self.c.rect(x * mm, self.h - (y + h) * mm, w * mm, h * mm)


def _title(f: InvoiceFacts, st: Style) -> str:
    return st.word(f.document_type)


def _seller_block(p: Page, f: InvoiceFacts, st: Style, x: float, y: float, align: str = "left") -> float:
    p.text(x, y, f.seller.name, 13, bold=True, align=align)
    for i, s in enumerate([f.seller.street, f.seller.city, f"{st.word('vatno')} {st.vat(f.seller.vat)}"]):
        p.text(x, y + 6 + i * 4.5, s, 9, align=align)
    return y + 6 + 3 * 4.5


def _buyer_block(p: Page, f: InvoiceFacts, st: Style, x: float, y: float, label: bool = True) -> None:
    if label:
        p.text(x, y, st.word("client") + ":", 9, bold=True)
        y += 5
    for i, s in enumerate([f.buyer.name, f.buyer.street, f.buyer.city, f"{st.word('vatno')} {st.vat(f.buyer.vat)}"]):
        p.text(x, y + i * 4.5, s, 9)


def _table(p: Page, f: InvoiceFacts, st: Style, y: float, grid: bool, lines=None, cols=(20, 115, 135, 162, 190)) -> float:
    lines = f.lines if lines is None else lines
    x0, xq, xp, xr, xa = cols
    if grid:
        p.box(x0 - 2, y - 4, xa - x0 + 4, 6, fill=0.85)
    p.text(x0, y, st.word("desc"), 9, bold=True)
    p.text(xq, y, st.word("qty"), 9, bold=True, align="right")
    p.text(xp + 14, y, st.word("price"), 9, bold=True, align="right")
    p.text(xr, y, st.word("rate"), 9, bold=True, align="right")
    p.text(xa, y, st.word("amount"), 9, bold=True, align="right")
    y += 7
    for i, line in enumerate(lines):
        if not grid and i % 2 == 0 and p.fonts[0] != "Courier":
            p.box(x0 - 2, y - 3.8, xa - x0 + 4, 5.2, fill=0.94)
        p.text(x0, y, line.description, 9)
        p.text(xq, y, f"{line.quantity}", 9, align="right")
        p.text(xp + 14, y, st.money(line.unit_price, currency=False), 9, align="right")
        p.text(xr, y, st.rate(line.vat_rate), 9, align="right")
        p.text(xa, y, st.money(line.net, currency=False), 9, align="right")
        if grid:
            p.rule(x0 - 2, y + 1.5, xa + 2, 0.2)
        y += 5.5
    return y + 3


def _totals(p: Page, f: InvoiceFacts, st: Style, y: float, x_label: float = 130, x_val: float = 190) -> float:
    rows = [(st.word("net"), f.net)]
    rows += [(f"{st.word('vat')} {st.rate(r)}", v) for r, _, v in f.breakdown()] if len(f.breakdown()) > 1 else \
        [(f"{st.word('vat')} {st.rate(f.breakdown()[0][0])}", f.vat)]
    rows.append((st.word("total"), f.total))
    for i, (label, value) in enumerate(rows):
        last = i == len(rows) - 1
        p.text(x_label, y, label, 10 if last else 9, bold=last)
        p.text(x_val, y, st.money(value), 10 if last else 9, bold=last, align="right")
        y += 5.5
    return y


def _breakdown_table(p: Page, f: InvoiceFacts, st: Style, x: float, y: float) -> float:
    p.text(x, y, st.word("rate"), 8, bold=True)
    p.text(x + 25, y, st.word("base"), 8, bold=True)
    p.text(x + 55, y, st.word("vat"), 8, bold=True)
    for r, base, vat in f.breakdown():
        y += 4.5
        p.text(x, y, st.rate(r), 8)
        p.text(x + 45, y, st.money(base, currency=False), 8, align="right")
        p.text(x + 75, y, st.money(vat, currency=False), 8, align="right")
    return y + 5


def _payment(p: Page, f: InvoiceFacts, st: Style, y: float) -> None:
    days = (f.due_date - f.issue_date).days if f.due_date else 0
    p.text(20, y, f"{st.word('pay').format(days=days)} IBAN {st.iban(f.seller.iban)}"
           + (f" BIC {f.seller.bic}" if f.seller.bic else ""), 8)
    if f.payment_reference:
        p.text(20, y + 5, f"{st.word('comm')}: {f.payment_reference}", 9, bold=True)


def family_a(p: Page, f: InvoiceFacts, st: Style) -> None:
    """Classic: seller top left, buyer top right, meta block, grid table, totals bottom right, payment footer."""
    _seller_block(p, f, st, 20, 20)
    _buyer_block(p, f, st, 120, 45)
    p.text(20, 75, _title(f, st), 16, bold=True)
    meta = [(st.word("number"), f.number), (st.word("date"), st.date(f.issue_date))]
    if f.due_date:
        meta.append((st.word("due"), st.date(f.due_date)))
    for i, (k, v) in enumerate(meta):
        p.text(20, 84 + i * 5, f"{k}: {v}", 9)
    y = _table(p, f, st, 108, grid=True)
    y = _totals(p, f, st, y + 4)
    _payment(p, f, st, y + 8)


def family_b(p: Page, f: InvoiceFacts, st: Style) -> None:
    """Title and meta key/value pairs at the top right, seller and buyer side by side, zebra table."""
    p.text(190, 22, _title(f, st), 20, bold=True, align="right")
    meta = [(st.word("number"), f.number), (st.word("date"), st.date(f.issue_date))]
    if f.due_date:
        meta.append((st.word("due"), st.date(f.due_date)))
    for i, (k, v) in enumerate(meta):
        p.text(140, 32 + i * 5, k, 9, bold=True, align="right")
        p.text(190, 32 + i * 5, v, 9, align="right")
    _seller_block(p, f, st, 20, 22)
    _buyer_block(p, f, st, 20, 62)
    y = _table(p, f, st, 100, grid=False)
    y = _totals(p, f, st, y + 2, x_label=125)
    _breakdown_table(p, f, st, 20, y - 14)
    _payment(p, f, st, y + 10)


def family_c(p: Page, f: InvoiceFacts, st: Style) -> None:
    """A till receipt on a narrow roll: centred header, items, totals, VAT table (page is 80 mm wide)."""
    x = 40
    p.text(x, 10, f.seller.name, 11, bold=True, align="center")
    p.text(x, 15, f.seller.street, 8, align="center")
    p.text(x, 19, f.seller.city, 8, align="center")
    p.text(x, 23, f"{st.word('vatno')} {st.vat(f.seller.vat)}", 8, align="center")
    p.text(x, 31, _title(f, st), 10, bold=True, align="center")
    p.text(5, 37, f"{st.word('number')}: {f.number}", 8)
    p.text(5, 41, f"{st.word('date')}: {st.date(f.issue_date)} 14:{f.issue_date.day + 10:02d}", 8)
    y = 48
    for line in f.lines:
        p.text(5, y, f"{line.quantity} x {line.description[:22]}", 8)
        p.text(75, y, st.money(line.net, currency=False), 8, align="right")
        y += 4
    p.rule(5, y - 1.5, 75)
    for label, value in [(st.word("net"), f.net), (st.word("vat"), f.vat), (st.word("total"), f.total)]:
        p.text(5, y + 2, label, 9, bold=label == st.word("total"))
        p.text(75, y + 2, st.money(value), 9, align="right", bold=label == st.word("total"))
        y += 5
    y = _breakdown_table(p, f, st, 5, y + 4)
    p.text(5, y + 3, f"IBAN {st.iban(f.seller.iban)}", 7)
    p.text(x, y + 10, st.word("thanks"), 8, align="center")


def family_e(p: Page, f: InvoiceFacts, st: Style) -> None:
    """Services without a line table: one sentence per line, amounts in a framed summary, reference box."""
    _seller_block(p, f, st, 190, 18, align="right")
    p.text(20, 18, _title(f, st), 22, bold=True)
    p.text(20, 30, f"{st.word('number')} {f.number}", 10)
    p.text(20, 36, f"{st.word('date')} {st.date(f.issue_date)}", 10)
    _buyer_block(p, f, st, 20, 55)
    y = 95
    for line in f.lines:
        p.text(20, y, f"{line.description} ({line.quantity} x {st.money(line.unit_price)})", 9)
        y += 5
    p.box(110, y + 4, 82, 26)
    _totals(p, f, st, y + 10, x_label=113, x_val=189)
    if f.due_date:
        p.text(20, y + 40, f"{st.word('due')}: {st.date(f.due_date)}", 10, bold=True)
    _payment(p, f, st, y + 48)


def family_h(p: Page, f: InvoiceFacts, st: Style) -> None:
    """HELD OUT. Band of labels over values, totals left-aligned in a shaded panel, seller only in the footer."""
    p.text(20, 20, _title(f, st).upper(), 24, bold=True)
    p.text(20, 28, f.seller.name, 10)
    labels = [st.word("number"), st.word("date")] + ([st.word("due")] if f.due_date else [])
    values = [f.number, st.date(f.issue_date)] + ([st.date(f.due_date)] if f.due_date else [])
    p.box(18, 36, 174, 14, fill=0.9)
    for i, (k, v) in enumerate(zip(labels, values)):
        p.text(22 + i * 58, 41, k, 8, bold=True)
        p.text(22 + i * 58, 47, v, 10)
    _buyer_block(p, f, st, 120, 60, label=True)
    y = _table(p, f, st, 95, grid=False, cols=(20, 120, 138, 165, 190))
    p.box(18, y, 90, 24, fill=0.93)
    _totals(p, f, st, y + 6, x_label=21, x_val=105)
    p.rule(20, 270, 190)
    p.text(20, 275, f"{f.seller.name} · {f.seller.street} · {f.seller.city} · {st.word('vatno')} {st.vat(f.seller.vat)}", 7)
    p.text(20, 279, f"IBAN {st.iban(f.seller.iban)}" + (f" · BIC {f.seller.bic}" if f.seller.bic else "")
           + (f" · {st.word('comm')}: {f.payment_reference}" if f.payment_reference else ""), 7)


def render(f: InvoiceFacts, rng: random.Random) -> bytes:
    """The PDF of one document."""
    st = Style(rng, f.language)
    fonts = rng.choice(FONTS)
    buf = io.BytesIO()
    size = (80 * mm, (90 + 4 * len(f.lines)) * mm) if f.family == "C" else A4
    canvas = Canvas(buf, pagesize=size, invariant=1)
    canvas.setTitle(f.id)
    if f.family == "D":
        _family_d(canvas, size[1], fonts, f, st)
    else:
        page = Page(canvas, size[1], fonts)
        {"A": family_a, "B": family_b, "C": family_c, "E": family_e, "H": family_h}[f.family](page, f, st)
        canvas.showPage()
    canvas.save()
    return buf.getvalue()


def _family_d(canvas: Canvas, height: float, fonts, f: InvoiceFacts, st: Style) -> None:
    """Multi-page: 25 lines a page, header repeated, seller VAT in every footer, totals on the last page."""
    chunks = [f.lines[i:i + 25] for i in range(0, len(f.lines), 25)]
    for n, chunk in enumerate(chunks, start=1):
        p = Page(canvas, height, fonts)
        if n == 1:
            _seller_block(p, f, st, 20, 20)
            _buyer_block(p, f, st, 120, 40)
            p.text(20, 68, f"{_title(f, st)}  {st.word('number')} {f.number}", 13, bold=True)
            p.text(20, 75, f"{st.word('date')}: {st.date(f.issue_date)}", 9)
            if f.due_date:
                p.text(80, 75, f"{st.word('due')}: {st.date(f.due_date)}", 9)
        y = _table(p, f, st, 88 if n == 1 else 25, grid=n % 2 == 1, lines=chunk)
        if n == len(chunks):
            y = _totals(p, f, st, y + 4)
            _payment(p, f, st, y + 6)
        p.text(20, 285, f"{f.seller.name} - {st.word('vatno')} {st.vat(f.seller.vat)} - {st.word('page')} {n}/{len(chunks)}", 7)
        canvas.showPage()
