"""ENR-4 (issue 15): when an edit moves a proposal to another journal or period, the worklist asks who hands out the
numbers (enrichment) for its number there, on the editor's behalf; a number the person typed, or an edit that
moves neither, asks nothing. Enrichment's side (a new number only across fiscal years, never reused) is tested in
services/enrichment/tests (unit/test_numbers.py, integration/test_numbering_http.py); the stack test
tests/e2e/test_renumbering.py runs both together."""
from __future__ import annotations

import uuid

from runtime.auth.principal import Principal, PrincipalKind, Role

from worklist.config import WorklistSettings
from worklist.handlers.annotation import numbered
from worklist.handlers.context import Caller, Deps

ROW = {"dossier_id": uuid.uuid4(), "proposal_id": uuid.uuid4(),
       "content": {"journal": {"code": "ACH"}, "period": {"code": "2025-12"}, "document_number": "ACH/2025/0007"}}
CALLER = Caller(Principal("u1", PrincipalKind.COLLABORATOR, "o1", role=Role.COLLABORATOR), token="tok")


class Numbers:
    """Hands out 2026's first number for any 2026 period; records what it was asked."""

    def __init__(self) -> None:
        self.asked: list[tuple] = []

    async def number_for(self, token, dossier_id, proposal_id, journal, period):
        self.asked.append((token, dossier_id, proposal_id, journal, period))
        return "ACH/2026/0001" if period.startswith("2026") else ROW["content"]["document_number"]


def deps(numbers: Numbers) -> Deps:
    return Deps(pool=None, settings=WorklistSettings(), numbers=numbers)  # type: ignore[arg-type]


async def test_a_period_moved_into_another_fiscal_year_takes_that_years_number():
    numbers = Numbers()
    moved = {**ROW["content"], "period": {"code": "2026-01"}}
    assert (await numbered(deps(numbers), CALLER, ROW, moved))["document_number"] == "ACH/2026/0001"
    assert numbers.asked == [("tok", ROW["dossier_id"], ROW["proposal_id"], "ACH", "2026-01")]


async def test_nothing_is_asked_when_neither_journal_nor_period_moves_or_the_person_typed_a_number():
    numbers = Numbers()
    same = {**ROW["content"], "invoice_number": "F9"}
    typed = {**ROW["content"], "period": {"code": "2026-01"}, "document_number": "MY-1"}
    unnumbered = {**ROW["content"], "period": {"code": "2026-01"}, "document_number": None}
    for content in (same, typed, unnumbered):
        assert await numbered(deps(numbers), CALLER, ROW, content) == content
    assert numbers.asked == []
