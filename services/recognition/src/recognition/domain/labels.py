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
               "numero", "n°", "facture :", "facture:", "n° :"),
        "nl": ("factuurnummer", "factuur nr", "factuurnr", "factuur n°", "creditnota nr", "creditnotanummer",
               "nummer", "bonnr", "ticket nr", "nr."),
        "de": ("rechnung #", "rechnung:", "rechnung nr.", "rechnungsnummer", "rechnung nr", "rechnungs-nr", "rechnungsnr", "gutschriftsnummer",
               "gutschrift nr", "beleg-nr", "belegnummer", "bon-nr"),
        "en": ("invoice number", "invoice no", "invoice nr", "invoice #", "credit note number", "credit note no",
               "receipt no", "receipt number", "document no", "invoice id", "ref no", "no.", "invoice:", "invoice #", "invoice no.", "receipt #", "bill no",
               "bill number", "document number"),
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
               "payable le", "paiement avant le", "date limite de paiement", "date limite de reglement",
               "a regler avant le", "date de paiement"),
        "nl": ("vervaldatum", "vervaldag", "te betalen voor", "te betalen tegen", "betaalbaar voor", "uiterste betaaldatum"),
        "de": ("fälligkeitsdatum", "falligkeitsdatum", "fallig am", "fällig am", "zahlbar bis", "zahlungsziel", "fallig",
               "falligkeit", "fälligkeit", "zahlbar bis zum", "zu zahlen bis", "faellig am"),
        "en": ("due date", "payment due", "pay by", "payable by", "due", "due on", "payment due date", "date due"),
    },
    "total_excl_vat": {
        "fr": ("total hors tva", "total htva", "total ht", "montant hors tva", "montant htva", "sous-total",
               "base imposable", "total net", "total hors", "hors tva", "htva", "total hors taxes", "montant ht",
               "sous total", "total h.t.", "montant net", "base de tva", "base tva", "base ht", "montant total net"),
        "nl": ("totaal excl. btw", "totaal excl btw", "totaal exclusief btw", "subtotaal", "maatstaf van heffing",
               "bedrag excl. btw", "excl. btw", "netto bedrag", "totaal netto", "totaal excl."),
        "de": ("nettobetrag", "gesamt netto", "summe netto", "zwischensumme", "netto", "nettosumme",
               "rechnungssumme ohne ust", "summe ohne ust", "gesamtsumme netto", "summe ohne mwst",
               "betrag ohne mwst", "gesamtbetrag netto", "netto gesamt", "summe positionen", "basisbetrag",
               "bemessungsgrundlage"),
        "en": ("total excl. vat", "total excluding vat", "total excl vat", "net total", "subtotal",
               "sub-total", "sub total", "total net", "amount excl. vat", "net amount", "total excl.",
               "total excluding tax", "total excl. tax", "total before tax", "amount before tax",
               "total without vat", "invoice total excluding", "taxable amount", "tax base"),
    },
    "total_vat": {
        "fr": ("total tva", "montant tva", "montant de la tva", "tva", "taxe sur la valeur ajoutee"),
        "nl": ("totaal btw", "bedrag btw", "btw-bedrag", "btw bedrag", "btw"),
        "de": ("mehrwertsteuer", "umsatzsteuer", "mwst", "ust", "steuerbetrag", "ust.-betrag", "mwst.-betrag",
               "summe ust", "summe mwst", "gesamt ust", "gesamtsteuerbetrag"),
        "en": ("total vat", "vat amount", "tax amount", "vat", "tax", "total tax", "sales tax", "gst", "vat total",
               "tax total", "value added tax"),
    },
    "total_incl_vat": {
        "fr": ("total toutes taxes comprises", "total tva comprise", "total tvac", "total ttc", "montant total",
               "total a payer", "net a payer", "montant a payer", "a payer", "total", "montant ttc", "total t.t.c.",
               "total facture", "montant de la facture", "solde a payer", "reste a payer", "montant total brut",
               "total brut"),
        "nl": ("totaal incl. btw", "totaal inclusief btw", "totaal incl btw", "totaalbedrag", "te betalen",
               "totaal te betalen", "totaal"),
        "de": ("gesamtbetrag", "rechnungsbetrag", "bruttobetrag", "gesamt brutto", "zu zahlen", "endbetrag",
               "summe brutto", "gesamt", "bruttosumme", "zahlbetrag", "gesamtsumme", "rechnungssumme",
               "brutto", "betrag brutto", "summe", "endsumme", "zu zahlender betrag", "gesamtbetrag brutto"),
        "en": ("total incl. vat", "total including vat", "total incl vat", "amount due", "total due",
               "balance due", "grand total", "total amount", "amount payable", "total", "invoice total",
               "amount paid", "total payable", "total amount payable", "total (incl", "total incl",
               "total inclusive", "nett total", "net payable", "amount to pay"),
    },
    "buyer": {
        "fr": ("facture a", "facturé à", "adressé à", "adresse de facturation", "client", "destinataire", "acheteur"),
        "nl": ("factuur aan", "klant", "afnemer", "gefactureerd aan", "facturatieadres", "koper"),
        "de": ("rechnung an", "rechnungsempfanger", "rechnungsempfänger", "kunde", "empfanger", "käufer",
               "kaufer", "leistungsempfanger", "auftraggeber", "rechnungsadresse", "lieferadresse",
               "warenempfanger"),
        "en": ("bill to", "billed to", "invoice to", "customer", "client", "buyer", "sold to", "ship to",
               "deliver to", "billing address", "shipping address"),
    },
    "seller": {
        "fr": ("fournisseur", "vendeur", "emetteur", "prestataire"),
        "nl": ("leverancier", "verkoper", "dienstverlener"),
        "de": ("verkaufer", "verkäufer", "lieferant", "rechnungssteller", "auftragnehmer", "leistungserbringer"),
        "en": ("seller", "supplier", "vendor", "from", "issued by", "sold by"),
    },
    "iban": {"fr": ("iban",), "nl": ("iban", "rekening"), "de": ("iban", "konto"), "en": ("iban", "account")},
    "bic": {"fr": ("bic", "swift"), "nl": ("bic",), "de": ("bic", "swift"), "en": ("bic", "swift")},
}

TOTAL_QUALIFIERS: dict[str, tuple[str, ...]] = {
    "total_excl_vat": ("excl. vat", "excl vat", "excl. btw", "excl btw", "exkl. mwst", "zzgl. mwst", "zzgl. ust",
                       "ohne ust", "ohne mwst", "hors tva", "hors taxes", "htva", "ht", "h.t.", "before tax",
                       "excluding vat", "excluding tax", "netto"),
    "total_incl_vat": ("incl. vat", "incl vat", "incl. btw", "incl btw", "inkl. mwst", "inkl. ust", "inkl mwst",
                       "tva comprise", "ttc", "t.t.c.", "tvac", "including vat", "including tax", "inclusive",
                       "brutto"),
}
"""Words that tell a totals line's role whatever other total label stands beside them ('Zwischensumme (zzgl.
MwSt.)' is the net, 'Total (incl. VAT)' the gross)."""

NOT_A_TOTAL: tuple[str, ...] = (
    "abschlag", "abschlage", "zuschlag", "zuschlage", "anzahlung", "erhalten", "ausstehend", "offen", "skonto",
    "rabatt", "remise", "acompte", "deja paye", "deja regle", "escompte", "frais", "discount", "prepaid",
    "previous balance", "balance forward", "credit applied", "rounding", "round", "cash", "change", "tendered",
    "korting", "voorschot", "reeds betaald", "par ligne", "pro position", "per unit", "unit price",
    "einzelpreis", "prix unitaire", "p.u.", "stuckpreis",
)
"""Words on a line that make its amount something else than a document total (allowances, advances, balances,
change given on a receipt, prices per unit)."""

NOT_THIS_DOCUMENT: tuple[str, ...] = (
    "associee", "precedente", "d'origine", "origine", "initiale", "livraison", "delivery", "lieferung", "liefer",
    "leistung", "prestation", "debut", "fin", "period", "periode", "zeitraum", "commande", "order", "bestellung",
    "auftrag", "start", "end", "from", "von", "bis", "au", "du", "levering", "bestelling", "stylesheet", "version",
    "druck", "print", "erstellt", "created", "geboren", "birth", "referenced", "original", "ursprunglich",
)
"""Words that make a date label another document's or event's date ('DATE DE FACTURE ASSOCIÉE', 'Date début',
'Lieferdatum'), not this document's issue or due date."""

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

QUANTITY_WORDS = ("menge", "qty", "quantity", "quantite", "qte", "aantal", "anzahl", "stk", "einheit", "unit",
                  "prix", "price", "preis", "prijs", "pos", "art.-nr")

TABLE_HEADERS = ("description", "designation", "omschrijving", "beschreibung", "bezeichnung", "article", "artikel",
                 "libelle", "produit", "product", "item", "prestation", "omschr", "leistung")


@lru_cache(maxsize=None)
def labels(field: str) -> tuple[str, ...]:
    """Every label of `field` in every language, folded, longest first (computed once per field)."""
    from recognition.domain.parsing import fold
    found = {fold(label) for group in LABELS[field].values() for label in group}
    return tuple(sorted(found, key=len, reverse=True))
