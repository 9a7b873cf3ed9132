"""Use cases of the annotation screen (WL-5..8): save (and review), undo, and where to go next."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from uuid import UUID

from worklist.domain.edits import apply_edit
from worklist.domain.errors import FieldProblem, Incomplete, Invalid, NotFound, NothingToUndo, StaleVersion, WrongStatus
from worklist.domain.listing import ListQuery, parse
from worklist.domain.ports import MasterData, UnitOfWork
from worklist.domain.records import Change, Neighbours, Proposal
from worklist.domain.statuses import (EDITABLE, MISC, automatic_status, missing_fields, require_vat_codes,
                                      reviewed_status, status_after_edit)
from worklist.handlers.context import Caller, Deps

CONTENT_KEYS = ("mailbox", "document_kind", "journal", "period", "invoice_number", "document_number", "invoice_date",
                "due_date", "payment_reference", "counterparty", "totals", "lines")
TEXT_KEYS = {"note": 2000, "comment": 2000}


async def load(uow: UnitOfWork, dossier_id: UUID, proposal_id: UUID, *, lock: bool = False) -> Proposal:
    """A live proposal of the dossier; NotFound otherwise (also for another dossier's proposal)."""
    found = await uow.proposals.get(dossier_id, proposal_id, lock=lock)
    if found is None:
        raise NotFound(f"proposal {proposal_id} is not in this dossier")
    return found


def list_query(proposal: Proposal, params: Mapping[str, str]) -> ListQuery:
    """The list a proposal is navigated in: the `list` parameter (default its own mailbox) with the list's filters."""
    return parse(params.get("list") or proposal.mailbox, params)


def _require_changeable(row: Mapping[str, Any]) -> None:
    if row["status"] not in EDITABLE and row["status"] not in MISC:
        raise WrongStatus(f"a proposal in status '{row['status']}' cannot be changed")


def review_changes(row: Mapping[str, Any], content: Mapping[str, Any]) -> dict[str, Any]:
    """The status a review gives (checked/validated); Incomplete names the empty mandatory fields."""
    if row["mailbox"] == "misc" or row["status"] not in EDITABLE:
        raise WrongStatus(f"a proposal in status '{row['status']}' cannot be reviewed")
    missing = missing_fields(content)
    if missing:
        raise Incomplete("mandatory fields are empty: " + ", ".join(missing),
                         fields=tuple(FieldProblem(f, "required", "mandatory") for f in missing))
    require_vat_codes(content)
    return {"status": reviewed_status(content)}


def _code(ref: Any) -> str | None:
    return ref.get("code") if isinstance(ref, Mapping) else None


async def numbered(deps: Deps, caller: Caller | None, row: Mapping[str, Any], content: dict[str, Any]) -> dict[str, Any]:
    """ENR-4 (issue 15): a proposal whose journal or period changed holds the number enrichment gives it there —
    a new one when the change crosses into another fiscal year. A number the person typed is theirs."""
    old = row["content"]
    journal, period = _code(content.get("journal")), _code(content.get("period"))
    if deps.numbers is None or caller is None or not caller.token or not (journal and period) \
            or not content.get("document_number") or content.get("document_number") != old.get("document_number") \
            or (journal, period) == (_code(old.get("journal")), _code(old.get("period"))):
        return content
    number = await deps.numbers.number_for(caller.token, row["dossier_id"], row["proposal_id"], journal, period)
    return {**content, "document_number": number} if number else content


async def edit_changes(master: MasterData, deps: Deps, dossier: Mapping[str, Any], row: Mapping[str, Any],
                       fields: Mapping[str, Any], caller: Caller | None = None) -> dict[str, Any]:
    """The column changes an edit makes (content, mailbox, statuses, note/comment), checked against the replica;
    a move to another fiscal year renumbers the proposal (enrichment's number, on the ``caller``'s behalf)."""
    _require_changeable(row)
    changes: dict[str, Any] = {}
    content_edit = {k: fields[k] for k in CONTENT_KEYS if k in fields}
    if content_edit:
        cp = content_edit.get("counterparty")
        refs = [str(cp["reference"])] if isinstance(cp, Mapping) and cp.get("reference") else []
        choices = await master.choices(dossier, refs, suspense_prefixes=deps.settings.suspense_prefixes)
        content, mailbox = apply_edit(row["content"], row["mailbox"], content_edit, choices)
        content = await numbered(deps, caller, row, content)
        auto = automatic_status(content, row["auto_status"])
        changes.update(content=content, mailbox=mailbox, auto_status=auto)
        changed = content != row["content"] or mailbox != row["mailbox"]
        changes["status"] = status_after_edit(row["status"], mailbox, auto, changed)
    for key, limit in TEXT_KEYS.items():
        if key in fields:
            text = (fields[key] or "").strip()
            if len(text) > limit:
                raise Invalid.of([FieldProblem(key, "too_long", f"at most {limit} characters")])
            changes[key] = text or None
    return changes


async def save(deps: Deps, dossier: Mapping[str, Any], proposal_id: UUID, fields: Mapping[str, Any], caller: Caller,
               *, review: bool = False, version: int | None = None, list_params: Mapping[str, str] | None = None
               ) -> tuple[Proposal, Neighbours]:
    """Save an edit (and review it); returns the proposal and its neighbours in the list (save-and-next)."""
    async with deps.uow() as uow:
        proposal = await load(uow, dossier["dossier_id"], proposal_id, lock=True)
        if version is not None and version != proposal.version:
            raise StaleVersion(f"the proposal was saved by someone else (version {proposal.version}, you had "
                               f"{version}): reload it")
        nav = await uow.proposals.neighbours(dossier["dossier_id"], list_query(proposal, list_params or {}),
                                             proposal_id)
        row = proposal.as_row()
        changes = await edit_changes(uow.master, deps, dossier, row, fields, caller)
        if review:
            changes.update(review_changes({**row, **changes}, changes.get("content", proposal.content)))
        action = "review" if review and not fields else "edit"
        saved = await uow.proposals.update(proposal, Change(changes, action=action, actor=caller.actor))
    return saved, nav


async def undo(deps: Deps, dossier: Mapping[str, Any], proposal_id: UUID) -> Proposal:
    """Restore the proposal as it was before its last change by a person."""
    async with deps.uow() as uow:
        proposal = await load(uow, dossier["dossier_id"], proposal_id, lock=True)
        _require_changeable(proposal.as_row())
        last = await uow.proposals.last_version(proposal_id)
        if last is None:
            raise NothingToUndo("there is no earlier version of this proposal")
        changes = dict(last.snapshot)
        if changes.get("status") not in EDITABLE and changes.get("status") not in MISC:
            changes["status"] = automatic_status(changes["content"], changes.get("auto_status") or "incomplete")
        restored = await uow.proposals.update(proposal, Change(changes))
        await uow.proposals.drop_version(proposal_id, last.version)
    return restored


async def can_undo(uow: UnitOfWork, proposal_id: UUID) -> bool:
    """Whether a person's change of the proposal is kept to undo."""
    return await uow.proposals.last_version(proposal_id) is not None
