"""Whatever recognition reports, enrichment answers with a valid proposal.created (never an exception that
would dead-letter the document and leave it out of the worklist)."""
from __future__ import annotations

import random
import uuid
from datetime import date, timedelta
from decimal import Decimal

from contracts.codec import deserialize, serialize
from contracts.events.recognition import RecognizedVatRate
from enrichment.handlers import propose, replicate
from enrichment_memory import MemoryReplica
from enrichment_testkit import dossier_changed, invoice, master, party, recognized, supplier, synced

NAMES = ("", "Proximus NV", "PROXIMUS", "Ωmega ΑΕ", "株式会社", "x" * 300, "NV", "  ", "B.V.")
VATS = (None, "BE0202239951", "be 0202.239.951", "XX", "EL123456789", "123", "BE0000000000")
IBANS = (None, "BE45310162131189", "not an iban", "NL91ABNA0417164300")
AMOUNTS = ("0", "0.00", "-121.00", "0.01", "99999999.99", "100", "1E+3")
RATES = ("0", "6", "21", "100", "-5", "0.0001", "33.3333")
CURRENCIES = ("EUR", "USD", "eur", "XXX", "€")


async def test_random_recognitions_always_give_a_valid_proposal():
    rng = random.Random(5)
    r, d = MemoryReplica(), uuid.uuid4()
    await replicate.apply_dossier(r, dossier_changed(d))
    await replicate.apply_ledger(r, synced(d, master(counterparties=(supplier("P1", "Proximus NV", "BE0202239951"),))))
    statuses = set()
    for i in range(300):
        seller = party(rng.choice(NAMES) or None, rng.choice(VATS), rng.choice(IBANS), country=rng.choice(
            (None, "BE", "be", "US", "ZZ", "Belgium")))
        day = date(2025, 1, 1) + timedelta(days=rng.randint(-4000, 4000))
        inv = invoice(seller=seller, number=rng.choice((None, "", "F1", "/" * 40, str(i))), day=rng.choice((None, day)),
                      net=rng.choice(AMOUNTS).replace("1E+3", "1000"), rate=rng.choice(RATES),
                      currency=rng.choice(CURRENCIES), kind=rng.choice(("invoice", "credit_note", "receipt", "other")),
                      dossier_party=rng.choice(("buyer", "seller", None)))
        if rng.random() < 0.2:  # a breakdown that does not add up, or with a zero rate and no taxable base
            inv = inv.model_copy(update={"vat_breakdown": (RecognizedVatRate(rate=Decimal(rng.choice(RATES)), taxable=None,
                                                                             vat=Decimal("10"), confidence=0.5),)})
        event = recognized(inv, dossier=d, mailbox=rng.choice(("purchases", "sales", None)),
                           status=rng.choice(("complete", "incomplete", "unrecognized")))
        p = await propose.propose(r, event)
        assert p is not None and deserialize("proposal.created", serialize(p)) == p
        statuses.add(p.status)
    assert {"complete", "incomplete", "unrecognized"} <= statuses


async def test_an_amount_no_rule_can_use_gives_a_technical_error_proposal_with_the_reason():
    r, d = MemoryReplica(), uuid.uuid4()
    huge = invoice(seller=party("Big NV", "BE0202239951")).model_copy(update={"vat_breakdown": (
        RecognizedVatRate(rate=Decimal("21"), taxable=Decimal("1" + "0" * 40), vat=None, confidence=0.5),)})
    p = await propose.propose(r, recognized(huge, dossier=d))
    assert p.status == "technical_error" and "could not be used" in p.reasons[0]
