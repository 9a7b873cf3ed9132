"""How generated documents are worded and formatted per language: labels, amounts, dates."""
from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

WORDS = {
    "fr": {"invoice": ["FACTURE", "Facture"], "credit_note": ["NOTE DE CRÉDIT", "Note de crédit"],
           "receipt": ["TICKET DE CAISSE", "Reçu"],
           "number": ["Facture n°", "N° de facture", "Numéro de facture"], "date": ["Date de facture", "Date", "Date d'émission"],
           "due": ["Échéance", "Date d'échéance", "À payer avant le"], "client": ["Client", "Facturé à", "Adressé à"],
           "desc": "Description", "qty": "Qté", "price": "Prix unitaire", "rate": "TVA", "amount": "Montant",
           "net": ["Total HTVA", "Total hors TVA", "Sous-total"], "vat": ["TVA", "Total TVA", "Montant TVA"],
           "total": ["Total TVAC", "Total à payer", "Total TTC"], "vatno": ["TVA", "N° TVA", "N° d'entreprise TVA"],
           "comm": ["Communication structurée", "Communication"], "base": "Base", "page": "Page",
           "thanks": "Merci pour votre confiance.", "pay": "Paiement à {days} jours sur le compte"},
    "nl": {"invoice": ["FACTUUR", "Factuur"], "credit_note": ["CREDITNOTA", "Creditnota"], "receipt": ["KASTICKET", "Kassabon"],
           "number": ["Factuurnummer", "Factuur nr.", "Factuurnr."], "date": ["Factuurdatum", "Datum"],
           "due": ["Vervaldatum", "Vervaldag", "Te betalen voor"], "client": ["Klant", "Factuur aan", "Afnemer"],
           "desc": "Omschrijving", "qty": "Aantal", "price": "Eenheidsprijs", "rate": "BTW", "amount": "Bedrag",
           "net": ["Totaal excl. btw", "Subtotaal", "Maatstaf van heffing"], "vat": ["BTW", "Totaal btw", "Btw-bedrag"],
           "total": ["Totaal incl. btw", "Te betalen", "Totaal te betalen"], "vatno": ["BTW", "Btw-nr.", "BTW-nummer"],
           "comm": ["Gestructureerde mededeling", "Mededeling"], "base": "Basis", "page": "Pagina",
           "thanks": "Bedankt voor uw vertrouwen.", "pay": "Betaling binnen {days} dagen op rekening"},
    "de": {"invoice": ["RECHNUNG", "Rechnung"], "credit_note": ["GUTSCHRIFT", "Gutschrift"], "receipt": ["KASSENBON", "Quittung"],
           "number": ["Rechnungsnummer", "Rechnung Nr.", "Rechnungs-Nr."], "date": ["Rechnungsdatum", "Datum"],
           "due": ["Fälligkeitsdatum", "Zahlbar bis", "Fällig am"], "client": ["Kunde", "Rechnung an", "Rechnungsempfänger"],
           "desc": "Beschreibung", "qty": "Menge", "price": "Einzelpreis", "rate": "MwSt.", "amount": "Betrag",
           "net": ["Nettobetrag", "Zwischensumme", "Summe netto"], "vat": ["MwSt.", "Umsatzsteuer", "USt."],
           "total": ["Gesamtbetrag", "Rechnungsbetrag", "Zu zahlen"], "vatno": ["USt-IdNr.", "USt-ID", "MwSt-Nr."],
           "comm": ["Verwendungszweck", "Zahlungsreferenz"], "base": "Basis", "page": "Seite",
           "thanks": "Vielen Dank für Ihren Auftrag.", "pay": "Zahlbar innerhalb von {days} Tagen auf"},
    "en": {"invoice": ["INVOICE", "Invoice", "TAX INVOICE"], "credit_note": ["CREDIT NOTE", "Credit note"], "receipt": ["RECEIPT", "Receipt"],
           "number": ["Invoice number", "Invoice No.", "Invoice #"], "date": ["Invoice date", "Date", "Date of issue"],
           "due": ["Due date", "Payment due", "Pay by"], "client": ["Bill to", "Customer", "Invoice to"],
           "desc": "Description", "qty": "Qty", "price": "Unit price", "rate": "VAT", "amount": "Amount",
           "net": ["Subtotal", "Total excl. VAT", "Net total"], "vat": ["VAT", "Total VAT", "VAT amount"],
           "total": ["Total", "Total due", "Amount due"], "vatno": ["VAT", "VAT No.", "VAT number"],
           "comm": ["Payment reference", "Reference"], "base": "Base", "page": "Page",
           "thanks": "Thank you for your business.", "pay": "Payment within {days} days to account"},
}
MONTHS = {
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"],
    "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
}


class Style:
    """How one document formats its amounts and dates, chosen once per document."""

    def __init__(self, rng: random.Random, language: str) -> None:
        self.language = language
        self.rng = rng
        self.date_style = rng.choice(["slash", "dot", "dash", "words", "iso"] if language != "de" else ["dot", "dot", "words", "iso"])
        self.thousands = "," if language == "en" else rng.choice([".", " ", ""])
        self.decimal = "." if language == "en" else ","
        self.euro = rng.choice(["€ {}", "{} €", "{} EUR", "{}", "EUR {}"])
        self.choice = {key: rng.choice(val) for key, val in WORDS[language].items() if isinstance(val, list)}

    def word(self, key: str) -> str:
        value = WORDS[self.language][key]
        return self.choice[key] if isinstance(value, list) else value

    def money(self, value: Decimal, currency: bool = True) -> str:
        sign = "-" if value < 0 else ""
        whole, frac = f"{abs(value):.2f}".split(".")
        groups = []
        while len(whole) > 3:
            groups.insert(0, whole[-3:])
            whole = whole[:-3]
        groups.insert(0, whole)
        text = sign + self.thousands.join(groups) + self.decimal + frac
        return self.euro.format(text) if currency else text

    def date(self, value: date) -> str:
        d, m, y = value.day, value.month, value.year
        if self.date_style == "slash":
            return f"{d:02d}/{m:02d}/{y}"
        if self.date_style == "dot":
            return f"{d:02d}.{m:02d}.{y}"
        if self.date_style == "dash":
            return f"{d:02d}-{m:02d}-{y}"
        if self.date_style == "iso":
            return value.isoformat()
        month = MONTHS[self.language][m - 1]
        if self.language == "en":
            return f"{d} {month} {y}" if self.rng.random() < 0.5 else f"{month} {d}, {y}"
        return f"{d}. {month} {y}" if self.language == "de" else f"{d} {month} {y}"

    def rate(self, value: Decimal) -> str:
        text = f"{value.normalize():f}"
        return (text.replace(".", ",") if self.decimal == "," else text) + self.rng.choice(["%", " %"])

    def vat(self, number: str) -> str:
        """A VAT number as people print it: 'BE 0123.456.749', 'BE0123456749', 'DE 123456789'."""
        if number.startswith("BE") and self.rng.random() < 0.6:
            n = number[2:]
            return f"BE {n[:4]}.{n[4:7]}.{n[7:]}" if self.rng.random() < 0.5 else f"BE{n[:4]} {n[4:7]} {n[7:]}"
        return number

    def iban(self, number: str) -> str:
        return " ".join(number[i:i + 4] for i in range(0, len(number), 4))
