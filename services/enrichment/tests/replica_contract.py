"""One suite for every Replica implementation (memory and Postgres), so the fake cannot drift from the real one."""
from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

from enrichment.domain.duplicates import Hit
from enrichment.domain.learning import BookedLine, BookingFacts
from enrichment.domain.model import ExchangeRate, ProposalRecord
from enrichment_testkit import dossier_changed, supplier


class ReplicaContract:
    """Subclasses provide a `replica` fixture."""

    async def test_settings_and_records_make_the_book(self, replica):
        d = uuid.uuid4()
        assert (await replica.book(d)).parties == ()
        await replica.save_dossier(dossier_changed(d, vat_exempt=True, keywords=("Dossier",)))
        await replica.upsert_records(d, "counterparties", [("P1", supplier("P1", "One").model_dump(mode="json")),
                                                           ("P2", supplier("P2", "Two").model_dump(mode="json"))])
        await replica.upsert_records(d, "counterparties", [("P1", supplier("P1", "Uno").model_dump(mode="json"))])
        await replica.delete_record(d, "counterparties", "P2")
        book = await replica.book(d)
        assert [(p.reference, p.name) for p in book.parties] == [("P1", "Uno")]
        assert book.profile.vat_exempt and book.profile.keywords == ("Dossier",)
        assert (await replica.book(uuid.uuid4())).parties == (), "dossiers are apart"

    async def test_learned_lines_of_the_latest_bookings_by_reference_or_vat(self, replica):
        d = uuid.uuid4()
        line = BookedLine("612000", "AS21", Decimal("21"))
        await replica.record_booking(d, BookingFacts("M1", date(2025, 1, 5), "P1", None, lines=(line,)), ())
        await replica.record_booking(d, BookingFacts("M2", date(2025, 2, 5), None, "BE0202239951", lines=(line,)), ())
        await replica.record_booking(d, BookingFacts("M3", date(2025, 3, 5), "P1", None,
                                                     lines=(BookedLine("613000", None, None), line)), ())
        await replica.record_booking(d, BookingFacts("X1", date(2025, 3, 5), "P2", None, lines=(line,)), ())
        got = sorted((x.booking, x.account, x.vat_code, x.invoice_rate, x.booked_on)
                     for x in await replica.learned(d, "P1", "BE0202239951"))
        assert got == [("M1", "612000", "AS21", Decimal("21"), date(2025, 1, 5)),
                       ("M2", "612000", "AS21", Decimal("21"), date(2025, 2, 5)),
                       ("M3", "612000", "AS21", Decimal("21"), date(2025, 3, 5)),
                       ("M3", "613000", None, None, date(2025, 3, 5))]
        assert {x.booking for x in await replica.learned(d, "P1", None, limit=1)} == {"M3"}, "latest first"
        await replica.record_booking(d, BookingFacts("M3", date(2025, 3, 5), "P1", None, lines=(line,)), ())
        assert len(await replica.learned(d, "P1", None)) == 2, "a booking sent again replaces itself"
        await replica.forget_booking(d, "M1")
        assert {x.booking for x in await replica.learned(d, "P1", None)} == {"M3"}
        seqs = {x.booking: x.seq for x in await replica.learned(d, "P1", "BE0202239951")}
        assert seqs["M3"] > seqs["M2"], "later postings come later"

    async def test_duplicate_index_excludes_the_document_itself_and_releases_on_withdrawal(self, replica):
        d, doc1, doc2, p1 = uuid.uuid4(), uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
        record = ProposalRecord(p1, doc1, "complete", "ACH", "ACH/1", "BE0202239951", ("repair", "visit"), "2025")
        await replica.save_proposal(d, record, ("file:x", "number:vat:BE1:F1"))
        assert await replica.duplicates(d, ("file:x",), doc1) == ()
        assert await replica.duplicates(d, ("file:x", "number:vat:BE1:F1"), doc2) == (
            Hit("file", doc1), Hit("number", doc1))
        assert await replica.active_proposal(doc1) == record
        assert await replica.proposal_facts(p1) == record
        superseded = ProposalRecord(p1, doc1, "incomplete", "ACH", "ACH/1", None)
        await replica.save_proposal(d, superseded, ("file:y",))
        assert await replica.active_proposal(doc1) == superseded
        assert await replica.duplicates(d, ("file:x", "file:y"), doc2) == (Hit("file", doc1),), "old keys replaced"
        await replica.withdraw(d, p1, doc1)
        assert await replica.duplicates(d, ("file:y",), doc2) == () and await replica.active_proposal(doc1) is None
        assert await replica.proposal_facts(p1) == superseded, "a posted booking still finds a withdrawn proposal"

    async def test_bookings_sharing_a_word_the_latest_per_word(self, replica):
        """ENR-2 words: the lines of the dossier's bookings sharing a word, with their words; latest first per word."""
        d = uuid.uuid4()
        repair, lunch = BookedLine("611200", "AS21", Decimal("21")), BookedLine("640000", "A12", Decimal("12"))
        for i, (words, line) in enumerate([(("repair", "visit"), repair), (("repair",), repair),
                                           (("business", "lunch"), lunch)], start=1):
            await replica.record_booking(d, BookingFacts(f"M{i}", date(2025, i, 5), f"P{i}", lines=(line,),
                                                         words=words), ())
        await replica.record_booking(uuid.uuid4(), BookingFacts("M9", date(2025, 4, 5), "P9", lines=(repair,),
                                                                words=("repair",)), ())
        got = sorted((x.booking, x.account, x.vat_code, x.invoice_rate, x.words)
                     for x in await replica.worded(d, ("repair", "oven")))
        assert got == [("M1", "611200", "AS21", Decimal("21"), ("repair", "visit")),
                       ("M2", "611200", "AS21", Decimal("21"), ("repair",))], "other words and dossiers apart"
        assert {x.booking for x in await replica.worded(d, ("repair", "lunch"), limit=1)} == {"M2", "M3"}
        await replica.forget_booking(d, "M2")
        assert {x.booking for x in await replica.worded(d, ("repair",))} == {"M1"}, "a deleted booking unlearns"
        assert await replica.worded(d, ()) == ()

    async def test_a_recognition_event_is_remembered_once(self, replica):
        event, doc = uuid.uuid4(), uuid.uuid4()
        assert await replica.remember_recognition(event, doc) is True
        assert await replica.remember_recognition(event, doc) is False
        assert await replica.remember_recognition(uuid.uuid4(), doc) is True

    async def test_booking_keys_count_as_duplicates_until_the_booking_is_deleted(self, replica):
        d, doc = uuid.uuid4(), uuid.uuid4()
        await replica.record_booking(d, BookingFacts("B9", date(2025, 1, 1)), ("number:ref:P1:F9",))
        assert await replica.duplicates(d, ("number:ref:P1:F9",), doc) == (Hit("number", None, "B9"),)
        await replica.forget_booking(d, "B9")
        assert await replica.duplicates(d, ("number:ref:P1:F9",), doc) == ()

    async def test_numbers_are_handed_out_once_and_jump_to_a_higher_seed(self, replica):
        d = uuid.uuid4()
        assert [await replica.next_number(d, "ACH", "2025", 7, 7) for _ in range(3)] == [7, 8, 9]
        assert await replica.next_number(d, "ACH", "2025", 3, 7) == 10
        assert await replica.next_number(d, "ACH", "2025", 50, 50) == 50
        assert await replica.next_number(d, "VEN", "2025", 1, 1) == 1
        assert await replica.next_number(d, "ACH", "2026", 1, 50) == 1, "each fiscal year counts on its own"
        assert await replica.numbered_years(d, "ACH") == {"2025": 50, "2026": 50}
        assert await replica.counters(d) == {("ACH", "2025"): (51, 50), ("ACH", "2026"): (2, 50), ("VEN", "2025"): (2, 1)}

    async def test_a_live_proposal_of_the_dossier_takes_a_new_number(self, replica):
        """ENR-4 renumbering (issue 15): only the dossier's live proposal is found; its number and year change."""
        d, pid, doc = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
        await replica.save_proposal(d, ProposalRecord(pid, doc, "to_validate", "ACH", "ACH/2025/0007",
                                                      fiscal_year="2025"), ())
        assert await replica.proposal_of(uuid.uuid4(), pid) is None
        await replica.set_number(d, pid, "ACH", "ACH/2026/0001", "2026")
        found = await replica.proposal_of(d, pid)
        assert (found.journal, found.document_number, found.fiscal_year) == ("ACH", "ACH/2026/0001", "2026")
        await replica.withdraw(d, pid, doc)
        assert await replica.proposal_of(d, pid) is None

    async def test_rate_is_the_latest_on_or_before_the_day_within_the_age(self, replica):
        await replica.save_rates([ExchangeRate("ZZD", date(2025, 3, 14), Decimal("1.08"), "ECB reference rate of 2025-03-14")])
        assert (await replica.rate("ZZD", date(2025, 3, 16), 7)).per_eur == Decimal("1.08")
        assert await replica.rate("ZZD", date(2025, 3, 13), 7) is None
        assert await replica.rate("ZZD", date(2025, 3, 30), 7) is None

    async def test_seeded_rates_fill_gaps_and_keep_stored_ones(self, replica):
        await replica.save_rates([ExchangeRate("ZZD", date(2025, 3, 14), Decimal("1.08"), "loaded")])
        await replica.hold_rates()
        await replica.seed_rates([ExchangeRate("ZZD", date(2025, 3, 14), Decimal("9"), "bundle"),
                                  ExchangeRate("ZZD", date(2025, 3, 17), Decimal("1.09"), "bundle")])
        assert (await replica.rate("ZZD", date(2025, 3, 14), 0)).per_eur == Decimal("1.08")
        assert (await replica.rate("ZZD", date(2025, 3, 17), 0)).source == "bundle"

    async def test_rates_fetch_is_claimed_once_per_publication(self, replica):
        """ENR-2: the scheduled fetch is due until one worked after the publication; then due at the next."""
        mon = datetime(2025, 3, 10, 15, tzinfo=timezone.utc)
        assert (await replica.rates_status()).fetched_at is None
        assert await replica.claim_rates_fetch(mon + timedelta(minutes=5), mon) == 0, "never fetched: due"
        await replica.rates_fetched(mon + timedelta(minutes=5))
        assert await replica.claim_rates_fetch(mon + timedelta(hours=3), mon) is None, "fetched since: not due"
        tue = mon + timedelta(days=1)
        assert await replica.claim_rates_fetch(tue, tue) == 0, "the next publication: due again"
        await replica.rates_fetched(tue)
        assert (await replica.rates_status()).fetched_at == tue

    async def test_rates_fetch_is_not_due_when_the_day_is_stored_and_waits_after_a_failure(self, replica):
        """ENR-2: a rate of the publication day (e.g. from `rates load`) makes a fetch needless; a failure
        is counted with its reason and no attempt is made before its retry time."""
        wed = datetime(2031, 3, 12, 15, tzinfo=timezone.utc)  # after any day the other tests store
        now = wed + timedelta(minutes=1)
        assert await replica.claim_rates_fetch(now, wed) == 0
        await replica.rates_fetch_failed(now + timedelta(minutes=15), "no network")
        assert await replica.claim_rates_fetch(now + timedelta(minutes=14), wed) is None, "before the retry"
        assert await replica.claim_rates_fetch(now + timedelta(minutes=15), wed) == 1, "one failure so far"
        await replica.rates_fetch_failed(now + timedelta(minutes=45), "HTTP 503")
        status = await replica.rates_status()
        assert (status.failures, status.retry_at, status.last_error) == (2, now + timedelta(minutes=45), "HTTP 503")
        await replica.save_rates([ExchangeRate("ZZE", wed.date(), Decimal("1.1"), "ECB reference rate of 2031-03-12")])
        assert await replica.claim_rates_fetch(now + timedelta(hours=2), wed) is None, "that day is there already"
        assert (await replica.rates_status()).newest_day == wed.date()
