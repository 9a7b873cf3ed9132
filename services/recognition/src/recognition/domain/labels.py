"""Labels of invoice fields in French, Dutch, German and English (folded: lower case, no accents).

One mapping per field and language, so a language is added in one place. Longer labels first:
the finders take the longest match on a line.
"""
from __future__ import annotations

from functools import lru_cache

LABELS: dict[str, dict[str, tuple[str, ...]]] = {
    "invoice_number": {
        "fr": ("numero de facture", "n° de facture", "facture n°", "facture no", "facture nr", "facture n",
               "no de facture", "note de credit n°", "note de credit no", "n° facture", "ticket n°", "recu n°",
               "numero", "n°"),
        "nl": ("factuurnummer", "factuur nr", "factuurnr", "factuur n°", "creditnota nr", "creditnotanummer",
               "nummer", "bonnr", "ticket nr", "nr."),
        "de": ("rechnungsnummer", "rechnung nr", "rechnungs-nr", "rechnungsnr", "gutschriftsnummer",
               "gutschrift nr", "beleg-nr", "belegnummer", "bon-nr"),
        "en": ("invoice number", "invoice no", "invoice nr", "invoice #", "credit note number", "credit note no",
               "receipt no", "receipt number", "document no", "invoice id", "ref no", "no."),
    },
    "issue_date": {
        "fr": ("date de facture", "date de la facture", "date facture", "date d'emission", "date d'émission",
               "date du document", "date"),
        "nl": ("factuurdatum", "datum factuur", "documentdatum", "datum"),
        "de": ("rechnungsdatum", "belegdatum", "ausstellungsdatum", "datum"),
        "en": ("invoice date", "date of issue", "issue date", "document date", "date"),
    },
    "due_date": {
        "fr": ("date d'echeance", "date d'échéance", "echeance", "a payer avant le", "payable avant le",
               "payable le", "paiement avant le"),
        "nl": ("vervaldatum", "vervaldag", "te betalen voor", "te betalen tegen", "betaalbaar voor", "uiterste betaaldatum"),
        "de": ("fälligkeitsdatum", "falligkeitsdatum", "fallig am", "fällig am", "zahlbar bis", "zahlungsziel", "fallig"),
        "en": ("due date", "payment due", "pay by", "payable by", "due"),
    },
    "total_excl_vat": {
        "fr": ("total hors tva", "total htva", "total ht", "montant hors tva", "montant htva", "sous-total",
               "base imposable", "total net", "total hors", "hors tva", "htva"),
        "nl": ("totaal excl. btw", "totaal excl btw", "totaal exclusief btw", "subtotaal", "maatstaf van heffing",
               "bedrag excl. btw", "excl. btw", "netto bedrag", "totaal netto", "totaal excl."),
        "de": ("nettobetrag", "gesamt netto", "summe netto", "zwischensumme", "netto"),
        "en": ("total excl. vat", "total excluding vat", "total excl vat", "net total", "subtotal",
               "sub-total", "total net", "amount excl. vat", "net amount", "total excl."),
    },
    "total_vat": {
        "fr": ("total tva", "montant tva", "montant de la tva", "tva"),
        "nl": ("totaal btw", "bedrag btw", "btw-bedrag", "btw bedrag", "btw"),
        "de": ("mehrwertsteuer", "umsatzsteuer", "mwst", "ust"),
        "en": ("total vat", "vat amount", "tax amount", "vat", "tax"),
    },
    "total_incl_vat": {
        "fr": ("total toutes taxes comprises", "total tva comprise", "total tvac", "total ttc", "montant total",
               "total a payer", "net a payer", "montant a payer", "a payer", "total"),
        "nl": ("totaal incl. btw", "totaal inclusief btw", "totaal incl btw", "totaalbedrag", "te betalen",
               "totaal te betalen", "totaal"),
        "de": ("gesamtbetrag", "rechnungsbetrag", "bruttobetrag", "gesamt brutto", "zu zahlen", "endbetrag",
               "summe brutto", "gesamt"),
        "en": ("total incl. vat", "total including vat", "total incl vat", "amount due", "total due",
               "balance due", "grand total", "total amount", "amount payable", "total"),
    },
    "buyer": {
        "fr": ("facture a", "facturé à", "adressé à", "adresse de facturation", "client", "destinataire", "acheteur"),
        "nl": ("factuur aan", "klant", "afnemer", "gefactureerd aan", "facturatieadres", "koper"),
        "de": ("rechnung an", "rechnungsempfanger", "rechnungsempfänger", "kunde", "empfanger", "käufer"),
        "en": ("bill to", "billed to", "invoice to", "customer", "client", "buyer", "sold to"),
    },
    "iban": {"fr": ("iban",), "nl": ("iban", "rekening"), "de": ("iban", "konto"), "en": ("iban", "account")},
    "bic": {"fr": ("bic", "swift"), "nl": ("bic",), "de": ("bic", "swift"), "en": ("bic", "swift")},
}

DOCUMENT_TYPES: dict[str, tuple[str, ...]] = {
    "credit_note": ("note de credit", "creditnota", "credit nota", "gutschrift", "credit note", "avoir",
                    "rechnungskorrektur"),
    "receipt": ("ticket de caisse", "kassabon", "kasticket", "kassenbon", "quittung", "receipt", "recu", "ticket"),
    "invoice": ("facture", "factuur", "rechnung", "invoice"),
}

LANGUAGE_HINTS: dict[str, tuple[str, ...]] = {
    "fr": ("facture", "tva", "total", "date", "montant", "echeance", "client", "quantite", "prix", "communication"),
    "nl": ("factuur", "btw", "totaal", "datum", "bedrag", "vervaldatum", "klant", "aantal", "prijs", "mededeling"),
    "de": ("rechnung", "mwst", "ust", "gesamt", "datum", "betrag", "menge", "preis", "kunde", "netto"),
    "en": ("invoice", "vat", "total", "date", "amount", "due", "customer", "quantity", "price", "description"),
}

TABLE_HEADERS = ("description", "designation", "omschrijving", "beschreibung", "bezeichnung", "article", "artikel",
                 "libelle", "produit", "product", "item", "prestation", "omschr", "leistung")


@lru_cache(maxsize=None)
def labels(field: str) -> tuple[str, ...]:
    """Every label of `field` in every language, folded, longest first (computed once per field)."""
    from recognition.domain.parsing import fold
    found = {fold(label) for group in LABELS[field].values() for label in group}
    return tuple(sorted(found, key=len, reverse=True))
