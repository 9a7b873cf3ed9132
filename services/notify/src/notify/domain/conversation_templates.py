"""Templates of a conversation's first message (COM-5): the standard ones (here, per language) and an office's own
(in Postgres), each with placeholders filled from the dossier when an office user picks one; the text stays
editable. Placeholders are ``{{ name }}``: dossier_name, recipient_name, previous_quarter, previous_month, today;
one not known is left as written, so the writer sees it."""
from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, timedelta

LANGUAGES = ("nl", "fr", "de", "en")
_PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")
STANDARD: dict[str, dict[str, tuple[str, str, str]]] = {
    "documents_missing": {
        "nl": ("Ontbrekende documenten", "Ontbrekende documenten – {{ dossier_name }}",
               "Beste {{ recipient_name }},\n\nVoor {{ previous_quarter }} missen we nog enkele aankoop- of "
               "verkoopdocumenten. Wilt u ze zo snel mogelijk opladen?\n\nMet vriendelijke groeten"),
        "fr": ("Documents manquants", "Documents manquants – {{ dossier_name }}",
               "Bonjour {{ recipient_name }},\n\nPour {{ previous_quarter }}, il nous manque encore quelques documents "
               "d'achat ou de vente. Pourriez-vous les envoyer au plus vite ?\n\nBien cordialement"),
        "de": ("Fehlende Belege", "Fehlende Belege – {{ dossier_name }}",
               "Guten Tag {{ recipient_name }},\n\nfür {{ previous_quarter }} fehlen uns noch einige Einkaufs- oder "
               "Verkaufsbelege. Könnten Sie diese bitte bald hochladen?\n\nMit freundlichen Grüßen"),
        "en": ("Missing documents", "Missing documents – {{ dossier_name }}",
               "Dear {{ recipient_name }},\n\nFor {{ previous_quarter }} we still miss some purchase or sales "
               "documents. Could you upload them soon?\n\nKind regards"),
    },
    "vat_reminder": {
        "nl": ("Herinnering btw-aangifte", "Btw-aangifte {{ previous_quarter }}",
               "Beste {{ recipient_name }},\n\nDe btw-aangifte van {{ previous_quarter }} komt eraan. Laat ons met "
               "de knop \"Btw-aangifte OK\" weten wanneer alle documenten binnen zijn.\n\nMet vriendelijke groeten"),
        "fr": ("Rappel déclaration TVA", "Déclaration TVA {{ previous_quarter }}",
               "Bonjour {{ recipient_name }},\n\nLa déclaration TVA de {{ previous_quarter }} approche. Dites-nous "
               "avec le bouton « Déclaration TVA OK » quand tous les documents sont là.\n\nBien cordialement"),
        "de": ("Erinnerung MwSt.-Erklärung", "MwSt.-Erklärung {{ previous_quarter }}",
               "Guten Tag {{ recipient_name }},\n\ndie MwSt.-Erklärung für {{ previous_quarter }} steht an. Sagen Sie "
               "uns mit „MwSt.-Erklärung OK“, wann alle Belege da sind.\n\nMit freundlichen Grüßen"),
        "en": ("VAT return reminder", "VAT return {{ previous_quarter }}",
               "Dear {{ recipient_name }},\n\nThe VAT return of {{ previous_quarter }} is coming up. Tell us with the "
               "\"VAT return OK\" button when all documents are in.\n\nKind regards"),
    },
}


def previous_quarter(today: date) -> str:
    quarter = (today.month - 1) // 3
    return f"{today.year - 1}-Q4" if quarter == 0 else f"{today.year}-Q{quarter}"


def values(dossier_name: str, recipient_name: str | None, today: date) -> dict[str, str]:
    """The placeholders' values for one dossier and recipient."""
    last_month = today.replace(day=1) - timedelta(days=1)
    return {"dossier_name": dossier_name, "recipient_name": recipient_name or dossier_name,
            "previous_quarter": previous_quarter(today), "previous_month": f"{last_month:%Y-%m}",
            "today": today.isoformat()}


def fill(text: str, known: Mapping[str, str]) -> str:
    """The text with each known placeholder replaced (values are plain text, never re-read as placeholders)."""
    return _PLACEHOLDER.sub(lambda m: known.get(m.group(1), m.group(0)), text)
