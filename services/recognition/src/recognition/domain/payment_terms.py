"""The due date a document states only as payment terms ('Zahlbar innerhalb von 14 Tagen', 'Net 30', 'payable à
30 jours fin de mois', 'betaalbaar bij ontvangst'): the issue date plus those days, below 0.9 (nothing printed)."""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from recognition.domain.layout import TextDocument
from recognition.domain.model import Found
from recognition.domain.search import folded

_DAYS = r"(?:days?|dagen|dag|tagen?|jours?|j)"
_TERMS = re.compile(
    r"(?<![a-z])(?:within|binnen|innerhalb(?:\s+von)?|in|sous|dans\s+les|a|à|net|netto|zahlungsziel:?)\s*"
    r"(\d{1,3})\s*" + _DAYS + r"(?![a-z])"
    r"|(?<![a-z])(\d{1,3})\s*" + _DAYS + r"\s+(?:net|netto|nach|after|na|apres|from|date|fin\s+de\s+mois|"
    r"end\s+of\s+month|ohne\s+abzug|sans\s+escompte|without\s+discount|zonder\s+korting)(?![a-z])"
    r"|(?<![a-z])net\s+(\d{1,3})(?![\d%.,])")
_AT_ONCE = re.compile(r"(?<![a-z])(upon\s+receipt|on\s+receipt|payable\s+immediately|due\s+immediately|"
                      r"a\s+reception|des\s+reception|au\s+comptant|bij\s+ontvangst|onmiddellijk\s+betaalbaar|"
                      r"contante\s+betaling|zahlbar\s+sofort|sofort\s+(?:ohne\s+abzug\s+)?zahlbar|sofort\s+fallig|"
                      r"ohne\s+abzug\s+sofort|sofort\s+nach\s+erhalt)"
                      r"(?![a-z])")
_MONTH_END = re.compile(r"fin\s+de\s+mois|end\s+of\s+(?:the\s+)?month|einde\s+(?:van\s+de\s+)?maand|monatsende")
_NOT_PAYMENT = re.compile(r"(?<![a-z])(return|retour|widerruf|ruckgabe|cancel|storn|garantie|warranty|delivery|"
                          r"livraison|lieferung|levering|verzug|falligkeit|retard|late|laattijdig|mahn|interest|"
                          r"interet|intrest|verwijl|penal)")


def due_from_terms(doc: TextDocument, issue: Found[date]) -> Found[date] | None:
    """The issue date plus the longest payment term the document states (so a cash discount's shorter term gives
    way to the net term; a return, delivery or late-payment period is no payment term), or the issue date itself
    for payment on receipt; 0.6."""
    best: tuple[int, int, bool] | None = None  # days, line index, to the month's end
    for index, line in enumerate(doc.lines):
        text = folded(line)
        if _NOT_PAYMENT.search(text):
            continue
        for m in _TERMS.finditer(text):
            days = int(next(g for g in m.groups() if g))
            if 0 < days <= 120 and (best is None or days > best[0]):
                best = (days, index, bool(_MONTH_END.search(text[m.end():m.end() + 30])))
        if best is None and _AT_ONCE.search(text):
            best = (0, index, False)
    if best is None:
        return None
    days, index, month_end = best
    due = issue.value + timedelta(days=days)
    if month_end:
        due = due.replace(day=calendar.monthrange(due.year, due.month)[1])
    line = doc.lines[index]
    return Found(due, 0.6, line.evidence(doc.method, 0, len(line.text)))
