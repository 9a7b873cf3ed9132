"""The active-clients monitor page (ACT-1): filters incl. "my dossiers", a column chooser, 3-state sorting."""
from __future__ import annotations

import asyncio
import logging
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Response

from portal.adapters.service_errors import ServiceCallError
from portal.adapters.sync import SyncClient
from portal.adapters.monitor_counters import CountersClient
from portal.domain import monitor_view as mv
from portal.entrypoints.http.guard import User, current_user
from portal.entrypoints.http.web import PageRoute, forbidden, is_htmx

log = logging.getLogger(__name__)
router = APIRouter(route_class=PageRoute)


def _link(state: dict, **change: str) -> str:
    """The monitor's URL with the current state changed (empty values left out)."""
    merged = {**state, **change}
    pairs = [(k, v) for k, v in merged.items() if k != "col" and v]
    pairs += [("col", c) for c in merged.get("col") or ()]
    return "/monitor?" + urlencode(pairs)


@router.get("/monitor")
async def monitor(mine: str = "", q: str = "", sort: str = "", order: str = "",
                  col: list[str] = Query(default=[]), user: User = Depends(current_user)) -> Response:
    if not user.may("monitor.view"):
        raise forbidden()
    order = order if order in ("asc", "desc") else ("asc" if sort else "")
    office_sort = sort if sort not in mv.MERGED else ""
    answer = await user.api.get("/monitor", mine="true" if mine else None, sort=office_sort or None,
                                order=(order or None) if office_sort else None)
    columns = answer["columns"]
    keys = {c["key"] for c in columns}
    picked = [c for c in col if c in keys]
    rows = [r for r in answer["items"] if mv.matches(r, q)]
    fed = await _merge_counters(user, rows, columns)
    await _merge_sync(user, rows)
    if sort not in {c["key"] for c in columns if mv.sortable(c, fed)}:
        sort, order = "", ""
    if sort in mv.MERGED:
        rows = mv.sort_rows(rows, sort, order)
    state = {"mine": mine, "q": q, "sort": sort, "order": order, "col": picked}
    template = "partials/monitor_table.html" if is_htmx(user.request) and user.request.headers.get(
        "hx-target") == "monitor-table" else "monitor.html"
    return user.page(template, columns=columns, shown=mv.chosen(columns, picked), rows=rows, state=state,
                     mv=mv, fed=fed, link=lambda **change: _link(state, **change))


async def _merge_counters(user: User, rows: list[dict], columns: list[dict]) -> set[str]:
    """ACT-1: the other services' counters into the office's rows by dossier, asked at once; the services that
    answered (their columns stay null for one that does not)."""
    sources = sorted({c.get("source") for c in columns} & set(mv.COUNTERS))
    if not rows:
        return set(sources)
    ids = [str(r["dossier_id"]) for r in rows]
    token = user.api.session.tokens.access
    answers = await asyncio.gather(*(CountersClient(user.portal.services[s], token, s).counters(ids) for s in sources),
                                   return_exceptions=True)
    fed = set()
    for source, answer in zip(sources, answers):
        if isinstance(answer, ServiceCallError):
            log.info("%s counters unavailable: %s", source, answer)
            continue
        if isinstance(answer, BaseException):
            raise answer
        mv.merge_counters(rows, answer, source)
        fed.add(source)
    return fed


async def _merge_sync(user: User, rows: list[dict]) -> None:
    """ACT-1: the sync-connector's instruction for each dossier (the office's raw error stays if it does not answer)."""
    if not rows:
        return
    client = SyncClient(user.portal.services["sync-connector"], user.api.session.tokens.access)
    try:
        mv.merge_sync(rows, await client.monitor([str(r["dossier_id"]) for r in rows]))
    except ServiceCallError as exc:
        log.info("sync status unavailable: %s", exc)
