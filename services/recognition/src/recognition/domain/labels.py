"""Labels of invoice fields in French, Dutch, German and English (folded: lower case, no accents).

One mapping per field and language, so a language is added in one place. Longer labels first:
the finders take the longest match on a line.
"""
from __future__ import annotations

from functools import lru_cache

LABELS: dict[str, dict[str, tuple[str, ...]]] = {
    "invoice_number": {
        "fr": ("numero de facture", "n° de facture", "facture n°", "facture no", "facture nr", "facture n",
               "no de facture", "facture numero", "numero facture", "note de credit n°", "note de credit no", "n° facture", "ticket n°", "recu n°",
               "numero", "n°", "facture :", "facture:", "n° :"),
        "nl": ("factuurnummer", "factuur nr", "factuurnr", "factuur n°", "creditnota nr", "creditnotanummer",
               "nummer", "bonnr", "ticket nr", "nr.", "factuur nummer", "nummer factuur", "creditnota nummer"),
        "de": ("rechnung #", "rechnung:", "rechnung nr.", "rechnungsnummer", "rechnung nr", "rechnungs-nr", "rechnungsnr", "gutschriftsnummer",
               "gutschrift nr", "beleg-nr", "belegnummer", "bon-nr", "re-nr", "re.-nr", "rg-nr", "rg.-nr",
               "rechnungs-nummer", "rechnung-nr"),
        "en": ("invoice number", "invoice no", "invoice nr", "invoice #", "credit note number", "credit note no",
               "receipt no", "receipt number", "document no", "invoice id", "ref no", "no.", "invoice:", "invoice #", "invoice no.", "receipt #", "bill no",
               "bill number", "document number", "inv no", "inv. no", "inv #", "invoice num", "tax invoice no"),
    },
    "issue_date": {
        "fr": ("date de facture", "date de la facture", "date facture", "date d'emission", "date d'émission",
               "date du document", "date", "emis le", "date d'edition"),
        "nl": ("factuurdatum", "datum factuur", "documentdatum", "datum", "factuur datum", "uitgiftedatum",
               "datum van uitgifte"),
        "de": ("rechnungsdatum", "belegdatum", "ausstellungsdatum", "datum", "rechnungs-datum", "re-datum",
               "datum der rechnung"),
        "en": ("invoice date", "date of issue", "issue date", "document date", "date", "invoice issue date",
               "date issued", "issued on"),
    },
    "due_date": {
        "fr": ("date d'echeance", "date d'échéance", "echeance", "a payer avant le", "payable avant le",
               "payable le", "paiement avant le", "date limite de paiement", "date limite de reglement",
               "a regler avant le", "date de paiement", "payable au", "a payer au plus tard le", "date d'exigibilite",
               "payable avant"),
        "nl": ("vervaldatum", "vervaldag", "te betalen voor", "te betalen tegen", "betaalbaar voor", "uiterste betaaldatum",
               "betaalbaar op", "te betalen op", "uiterlijk te betalen op", "te betalen uiterlijk", "vervalt op",
               "betaaldatum"),
        "de": ("fälligkeitsdatum", "falligkeitsdatum", "fallig am", "fällig am", "zahlbar bis", "zahlungsziel", "fallig",
               "falligkeit", "fälligkeit", "zahlbar bis zum", "zu zahlen bis", "faellig am", "zahlbar zum", "zahlbar am",
               "zahlbar spatestens", "fallig bis", "faellig bis"),
        "en": ("due date", "payment due", "pay by", "payable by", "due", "due on", "payment due date", "date due",
               "due by", "payment due by", "please pay by"),
    },
    "total_excl_vat": {
        "fr": ("total hors tva", "total htva", "total ht", "montant hors tva", "montant htva", "sous-total",
               "base imposable", "total net", "total hors", "hors tva", "htva", "total hors taxes", "montant ht",
               "sous total", "total h.t.", "montant net", "total hors taxe", "montant hors taxe", "base de tva", "base tva", "base ht", "montant total net"),
        "nl": ("totaal excl. btw", "totaal excl btw", "totaal exclusief btw", "subtotaal", "maatstaf van heffing",
               "bedrag excl. btw", "excl. btw", "netto bedrag", "totaal netto", "totaal excl.", "totaal exclusief",
               "totaal zonder btw", "bedrag exclusief btw", "grondslag"),
        "de": ("nettobetrag", "gesamt netto", "summe netto", "zwischensumme", "netto", "nettosumme",
               "rechnungssumme ohne ust", "summe ohne ust", "gesamtsumme netto", "summe ohne mwst",
               "betrag ohne mwst", "gesamtbetrag netto", "netto gesamt", "summe positionen", "basisbetrag",
               "bemessungsgrundlage", "nettowert", "warenwert netto", "netto-betrag", "summe exkl. mwst",
               "gesamt exkl. mwst", "betrag exkl. mwst"),
        "en": ("total excl. vat", "total excluding vat", "total excl vat", "net total", "subtotal",
               "sub-total", "sub total", "total net", "amount excl. vat", "net amount", "total excl.",
               "total excluding tax", "total excl. tax", "total before tax", "amount before tax",
               "total without vat", "invoice total excluding", "taxable amount", "tax base", "net total amount",
               "total net amount", "total ex. tax", "total ex tax", "total ex. vat", "total ex vat"),
    },
    "total_vat": {
        "fr": ("total tva", "montant tva", "montant de la tva", "tva", "taxe sur la valeur ajoutee", "montant t.v.a.",
               "total t.v.a."),
        "nl": ("totaal btw", "bedrag btw", "btw-bedrag", "btw bedrag", "btw", "btw totaal"),
        "de": ("mehrwertsteuer", "umsatzsteuer", "mwst", "ust", "steuerbetrag", "ust.-betrag", "mwst.-betrag",
               "summe ust", "summe mwst", "gesamt ust", "gesamtsteuerbetrag"),
        "en": ("total vat", "vat amount", "tax amount", "vat", "tax", "total tax", "sales tax", "gst", "vat total",
               "tax total", "value added tax"),
    },
    "total_incl_vat": {
        "fr": ("total toutes taxes comprises", "total tva comprise", "total tvac", "total ttc", "montant total",
               "total a payer", "net a payer", "montant a payer", "a payer", "total", "montant ttc", "total t.t.c.",
               "total facture", "montant de la facture", "solde a payer", "reste a payer", "montant total brut",
               "total brut", "total a regler", "montant a regler", "total general", "montant tvac",
               "total tva incluse"),
        "nl": ("totaal incl. btw", "totaal inclusief btw", "totaal incl btw", "totaalbedrag", "te betalen",
               "totaal te betalen", "totaal", "totaal inclusief", "totaal incl.", "factuurbedrag", "totaal factuur",
               "te voldoen", "totaal te voldoen", "te betalen bedrag"),
        "de": ("gesamtbetrag", "rechnungsbetrag", "bruttobetrag", "gesamt brutto", "zu zahlen", "endbetrag",
               "summe brutto", "gesamt", "bruttosumme", "zahlbetrag", "gesamtsumme", "rechnungssumme",
               "brutto", "betrag brutto", "summe", "endsumme", "zu zahlender betrag", "gesamtbetrag brutto", "rechnungsendbetrag",
               "gesamtsumme brutto", "gesamtbetrag inkl. mwst", "summe inkl. mwst", "betrag inkl. mwst"),
        "en": ("total incl. vat", "total including vat", "total incl vat", "amount due", "total due",
               "balance due", "grand total", "total amount", "amount payable", "total", "invoice total",
               "amount paid", "total payable", "total amount payable", "total (incl", "total incl",
               "total inclusive", "nett total", "net payable", "amount to pay", "gross total amount", "gross total",
               "total gross", "gross amount", "total amount due", "total to pay"),
    },
    "buyer": {
        "fr": ("facture a", "facturé à", "adressé à", "adresse de facturation", "client", "destinataire", "acheteur", "livre a", "adresse de livraison",
               "donneur d'ordre"),
        "nl": ("factuur aan", "klant", "afnemer", "gefactureerd aan", "facturatieadres", "koper", "factuuradres",
               "leveringsadres", "afleveradres", "besteller", "opdrachtgever", "klantgegevens"),
        "de": ("rechnung an", "rechnungsempfanger", "rechnungsempfänger", "kunde", "empfanger", "käufer",
               "kaufer", "leistungsempfanger", "auftraggeber", "rechnungsadresse", "lieferadresse",
               "warenempfanger"),
        "en": ("bill to", "billed to", "invoice to", "customer", "client", "buyer", "sold to", "ship to",
               "deliver to", "billing address", "shipping address", "licensed to", "issued to", "invoiced to",
               "billing contact", "invoice address", "delivery address", "recipient"),
    },
    "seller": {
        "fr": ("fournisseur", "vendeur", "emetteur", "prestataire"),
        "nl": ("leverancier", "verkoper", "dienstverlener"),
        "de": ("verkaufer", "verkäufer", "lieferant", "rechnungssteller", "auftragnehmer", "leistungserbringer"),
        "en": ("seller", "supplier", "vendor", "from", "issued by", "sold by", "provided by", "billed by",
               "invoice from", "bill from"),
    },
    "representative": {"fr": ("representant fiscal", "mandataire fiscal"), "nl": ("fiscaal vertegenwoordiger",),
                       "de": ("steuerlicher vertreter", "fiskalvertreter"),
                       "en": ("tax representative", "fiscal representative", "tax rep")},
    "iban": {"fr": ("iban",), "nl": ("iban", "rekening"), "de": ("iban", "konto"), "en": ("iban", "account")},
    "bic": {"fr": ("bic", "swift"), "nl": ("bic",), "de": ("bic", "swift"), "en": ("bic", "swift")},
}

TOTAL_QUALIFIERS: dict[str, tuple[str, ...]] = {
    "total_excl_vat": ("excl. vat", "excl vat", "excl. btw", "excl btw", "exkl. mwst", "zzgl. mwst", "zzgl. ust",
                       "ohne ust", "ohne mwst", "hors tva", "hors taxes", "htva", "ht", "h.t.", "before tax",
                       "excluding vat", "excluding tax", "netto", "ex. tax", "ex tax", "ex. vat", "ex vat", "excl. tax",
                       "excl tax", "ex. gst", "ex gst", "exclusief btw", "zonder btw", "excl. tva", "exkl. ust"),
    "total_incl_vat": ("incl. vat", "incl vat", "incl. btw", "incl btw", "inkl. mwst", "inkl. ust", "inkl mwst",
                       "tva comprise", "ttc", "t.t.c.", "tvac", "including vat", "including tax", "inclusive",
                       "brutto", "inclusief btw", "btw inbegrepen", "tva incluse", "incl. tva"),
}
"""Words that tell a totals line's role whatever other total label stands beside them ('Zwischensumme (zzgl.
MwSt.)' is the net, 'Total (incl. VAT)' the gross)."""

NOT_A_TOTAL: tuple[str, ...] = (
    "abschlag", "abschlage", "zuschlag", "zuschlage", "anzahlung", "erhalten", "ausstehend", "offen", "skonto",
    "rabatt", "remise", "acompte", "deja paye", "deja regle", "escompte", "frais", "discount", "prepaid",
    "previous balance", "balance forward", "credit applied", "rounding", "round", "cash", "change", "tendered",
    "korting", "voorschot", "reeds betaald", "par ligne", "pro position", "per unit", "unit price",
    "einzelpreis", "prix unitaire", "p.u.", "stuckpreis", "deja verse", "bereits bezahlt", "bereits gezahlt",
    "already paid", "eenheidsprijs", "openstaand saldo", "saldo vorige",
)
"""Words on a line that make its amount something else than a document total (allowances, advances, balances,
change given on a receipt, prices per unit)."""

NO_VAT: tuple[str, ...] = (
    "kleinunternehmer", "19 ustg", "keine umsatzsteuer", "ohne umsatzsteuer", "umsatzsteuerfrei", "steuerfrei",
    "steuerschuldnerschaft des leistungsempfangers", "reverse charge", "reverse-charge", "autoliquidation",
    "tva non applicable", "293 b", "exonere de tva", "exoneration de tva", "btw verlegd", "verlegde btw",
    "vrijgesteld van btw", "vrijstelling van btw", "no vat charged", "vat exempt", "exempt from vat",
    "not subject to vat", "vat not applicable", "zero-rated", "zero rated", "medecontractant", "verlegging van heffing",
    "vrijstellingsregeling", "franchise de taxe", "regime de la franchise", "56bis", "steuerbefreit", "nicht steuerbar",
)
"""Statements that no VAT is charged on the document (small business, reverse charge, exemption): then, when no VAT
amount adds up with the totals, the gross is also the net and the VAT is zero."""

NOT_THIS_DOCUMENT: tuple[str, ...] = (
    "associee", "precedente", "d'origine", "origine", "initiale", "livraison", "delivery", "lieferung", "liefer",
    "leistung", "prestation", "debut", "fin", "period", "periode", "zeitraum", "commande", "order", "bestellung",
    "auftrag", "start", "end", "from", "von", "bis", "au", "du", "levering", "bestelling", "stylesheet", "version",
    "druck", "print", "erstellt", "created", "geboren", "birth", "referenced", "original", "ursprunglich",
    "next", "nachste", "nachsten", "prochaine", "prochain", "volgende", "vorige", "vorherige", "previous",
    "oorspronkelijke",
)
"""Words that make a date label another document's or event's date ('DATE DE FACTURE ASSOCIÉE', 'Date début',
'Lieferdatum'), not this document's issue or due date."""

DOCUMENT_TYPES: dict[str, tuple[str, ...]] = {
    "credit_note": ("note de credit", "creditnota", "credit nota", "gutschrift", "credit note", "avoir",
                    "rechnungskorrektur", "creditfactuur", "stornorechnung", "korrekturrechnung", "credit memo"),
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
