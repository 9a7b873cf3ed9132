"""What the worklists and the annotation screen read (WL-1, WL-5..9): a list's page, one proposal with its file and
whether undo can restore it, its neighbours in a list, its kept changes, the choices and counterparties."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from runtime.storage import ObjectNotFound

from worklist.domain.choices import Choices
from worklist.domain.errors import NotFound
from worklist.domain.listing import ListQuery
from worklist.domain.records import (Counters, DocumentFile, Failure, Neighbours, Page, PermanentDossier, Proposal,
                                     Version)
from worklist.handlers.annotation import can_undo, list_query, load
from worklist.handlers.context import Deps


@dataclass(frozen=True)
class Opened:
    """A proposal as the annotation screen shows it: with its document's file (None: never received) and whether
    a change of it is kept to undo."""

    proposal: Proposal
    document: DocumentFile | None
    can_undo: bool


async def proposal(deps: Deps, dossier_id: UUID, proposal_id: UUID) -> Proposal:
    """A live proposal of the dossier; NotFound otherwise."""
    async with deps.uow() as uow:
        return await load(uow, dossier_id, proposal_id)


async def recognised_file(deps: Deps, dossier_id: UUID, proposal_id: UUID, key_of: Callable[[Proposal], str | None],
                          what: str) -> tuple[Proposal, bytes]:
    """A file recognition stored for the proposal's document (its words, its searchable PDF) and the proposal;
    NotFound naming ``what`` when the proposal has none or the store no longer has it."""
    found = await proposal(deps, dossier_id, proposal_id)
    key = key_of(found)
    if not key or deps.store is None:
        raise NotFound(f"proposal {proposal_id} has no {what}")
    try:
        return found, await deps.store.get_bytes(key)
    except ObjectNotFound as exc:
        raise NotFound(f"{what} of proposal {proposal_id}: no longer stored") from exc


async def opened(deps: Deps, found: Proposal) -> Opened:
    """A proposal just read or written, with its file and undo."""
    async with deps.uow() as uow:
        return Opened(found, await uow.documents.get(found.dossier_id, found.document_id),
                      await can_undo(uow, found.proposal_id))


async def open_proposal(deps: Deps, dossier_id: UUID, proposal_id: UUID) -> Opened:
    """A live proposal of the dossier with its file and undo; NotFound otherwise."""
    return await opened(deps, await proposal(deps, dossier_id, proposal_id))


async def neighbours(deps: Deps, dossier_id: UUID, proposal_id: UUID, params: Mapping[str, str]) -> Neighbours:
    """The proposals before and after it in the list the query parameters describe (WL-5, WL-9)."""
    async with deps.uow() as uow:
        found = await load(uow, dossier_id, proposal_id)
        return await uow.proposals.neighbours(dossier_id, list_query(found, params), proposal_id)


async def history(deps: Deps, dossier_id: UUID, proposal_id: UUID) -> list[Version]:
    """The kept changes of a live proposal of the dossier, newest first."""
    async with deps.uow() as uow:
        await load(uow, dossier_id, proposal_id)
        return await uow.proposals.history(proposal_id)


@dataclass(frozen=True)
class Listed:
    """A page of a worklist with the failed recognitions of its documents, by document id (WL-1, WL-13)."""

    page: Page
    failures: dict[UUID, Failure]


async def worklist(deps: Deps, dossier_id: UUID, query: ListQuery) -> Listed:
    """The page of the dossier's list the query asks for."""
    async with deps.uow() as uow:
        page = await uow.proposals.page(dossier_id, query)
        return Listed(page, await uow.failures.of_documents(dossier_id, [p.document_id for p in page.items]))


async def choices(deps: Deps, dossier: Mapping[str, Any]) -> Choices:
    """What the annotation screen may choose from in the dossier (no counterparties: they are searched)."""
    async with deps.uow() as uow:
        return await uow.master.choices(dossier, suspense_prefixes=deps.settings.suspense_prefixes)


async def counterparties(deps: Deps, dossier_id: UUID, q: str) -> list[Mapping[str, Any]]:
    """The dossier's counterparties matching a name or VAT number (WL-7)."""
    async with deps.uow() as uow:
        return await uow.master.search_counterparties(dossier_id, q)


async def counters(deps: Deps, dossier_ids: list[UUID]) -> dict[UUID, Counters]:
    """ACT-1 counters of the dossiers with live proposals."""
    async with deps.uow() as uow:
        return await uow.proposals.counters(dossier_ids)


async def permanent_dossier(deps: Deps, dossier_id: UUID, misc_type: str | None) -> PermanentDossier:
    """The dossier's filed documents (WL-12) and the count per type."""
    async with deps.uow() as uow:
        return await uow.proposals.permanent_dossier(dossier_id, misc_type)
