"""The words of a till slip's totals and payment lines, as printed and as OCR misreads them (FR/NL/DE/EN and Malay):
what labels a total, what rules a line's amount out as the total (subtotal, tax, saving), and what names a payment
(cash tendered, change, card). `receipt_total` reads the slip with them."""
from __future__ import annotations

import re

from recognition.domain.labels import labels
from recognition.domain.receipt_amounts import Amount

TOTAL_LETTERS = ("[tli1]", "[o0aeu]", "[tli1]", "[a4]", "[li1|]")  # 'total' as OCR reads it: 'iotal', 'TATAL'


def one_letter_off(letters: tuple[str, ...]) -> str:
    """A word pattern that also matches the word with one letter dropped ('TOTA', 'OTAL'). A letter misread into
    any other is not allowed: 'TOLAK' (Malay for deduct) is one such letter from 'TOTAI'."""
    dropped = ["".join(letters[:i] + letters[i + 1:]) for i in range(len(letters))]
    return "(?:" + "|".join(["".join(letters)] + dropped) + ")"


OCR_TOTAL = one_letter_off(TOTAL_LETTERS)
EXTRA_TOTAL_WORDS = ("total rounded", "rounded total", "total amt", "amt due", "amount due", "total sales",
                     "net total", "nett total", "total payable", "grand total", "total incl", "total inclusive",
                     "net amt", "nett amt", "jumlah", "totaal", "summe", "bedrag", "montant", "a payer", "te betalen",
                     "zu zahlen")
TOTAL = re.compile(r"(?<![a-z])(" + "|".join(re.escape(w) for w in sorted(
    set(labels("total_incl_vat")) | set(EXTRA_TOTAL_WORDS), key=len, reverse=True)).replace("total", OCR_TOTAL)
    + r")(?![a-z])")
FINAL = re.compile(r"(?<![a-z])(round\w*|nett?|grand|due|payable|a payer|te betalen|zu zahlen|inc\w*|with)(?![a-z])")
NOT_GROSS = re.compile(r"(?<![a-z])(sub\s?-?\s?total\w*|subtotaal|zwischensumme|sous-total|sous total|tax|gst|vat|"
                       r"tva|btw|mwst|ust|qty|quantity|items?|count|saving\w*|disc\w*|rabatt|korting|remise|points?|"
                       r"excl\w*|ex|before|hors|cash|change|tendered|rounding|adj\w*|deposit|tip|service|"
                       r"balance|weight|kg|unit)(?![a-z])")
INCLUSIVE = re.compile(r"(?<![a-z])(inc\w*|with|ttc|tvac|inkl\w*)(?![a-z])")  # 'Inci', 'Incheive': OCR's 'Incl' 
TENDERED = re.compile(r"(?<![a-z])(cash|tendered|tunai|bayar|especes?|contant|bar|gegeben|geg|gezahlt|paid|received|"
                      r"ca[s5][fkn]?|[ct]a[s5]h|csh)(?![a-z])")  # OCR's 'CASF', 'CAS', 'TASH', 'CSH'
CHANGE = re.compile(r"(?<![a-z])(change|kembali|baki|rendu|a rendre|ruckgeld|zuruck|wisselgeld|terug|retour|"
                    r"hange|chang[ef]|chan[gc]e|cnange)(?![a-z])")  # OCR's 'HANGE', 'CHANGF' ('CHARGE' is not)
CARD = re.compile(r"(?<![a-z])(card|visa|master\w*|maestro|debit|credit|bancontact|amex|payment|betaling|paiement|"
                  r"zahlung|girocard|payconiq|karte|ec|kartenzahlung|pin|pinnen|carte|cb)(?![a-z])")


def total_label(text: str, line_amounts: list[Amount]) -> tuple[re.Match, str] | None:
    """The total label of a line and the text of its label group (from the amount before it, when two pairs of
    label and amount share the line: 'TOTAL SAVING: 0.00  TOTAL 6.85'); None when the line has no total label or
    its group names something else (a subtotal, tax, quantity, saving: `NOT_GROSS`, unless it says inclusive)."""
    for label in TOTAL.finditer(text):
        start = max((a.end for a in line_amounts if a.end <= label.start()), default=0)
        group = text[start:]
        if not NOT_GROSS.search(re.sub(r"[^a-z -]+", " ", group)) or INCLUSIVE.search(group):
            return label, group
    return None


def labelled_otherwise(text: str) -> bool:
    """Whether a line's words name its amount as something other than the total: another total label, or a tax,
    subtotal or count word ('(Bill Inclusive of 6% GST : RM1.66)' below a 'Grand Total' that lost its amount is
    the tax, not the total). The cash tendered right below a total label is the total's amount as often as not
    ('TOTAL AMOUNT' / 'CASH RM 6.00'): a payment word does not rule it out."""
    return bool(TOTAL.search(text) or not TENDERED.search(text)
                and NOT_GROSS.search(re.sub(r"[^a-z -]+", " ", text)))


def paying(text: str) -> bool:
    return bool(TENDERED.search(text) or CHANGE.search(text) or CARD.search(text))
