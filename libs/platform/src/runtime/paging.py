"""Paging parameters every list shares, bounded so that no page number overflows a database offset.

``page`` and ``page_size`` beyond the bounds get the house 422 naming the parameter. Use ``page_query()`` /
``page_size_query()`` as a route parameter's default, ``page_field()`` / ``page_size_field()`` in a query model.
"""
from __future__ import annotations

from typing import Any

from fastapi import Query
from pydantic import Field

MAX_PAGE = 1_000_000  # 10^6 pages of the largest size is still far below a bigint offset
MAX_PAGE_SIZE = 200


def page_query(default: int = 1) -> Any:
    return Query(default, ge=1, le=MAX_PAGE, description=f"page number, 1 to {MAX_PAGE}")


def page_size_query(default: int = 50, most: int = MAX_PAGE_SIZE) -> Any:
    return Query(default, ge=1, le=most, description=f"items per page, 1 to {most}")


def page_field(default: int = 1) -> Any:
    return Field(default=default, ge=1, le=MAX_PAGE, description=f"page number, 1 to {MAX_PAGE}")


def page_size_field(default: int = 50, most: int = MAX_PAGE_SIZE) -> Any:
    return Field(default=default, ge=1, le=most, description=f"items per page, 1 to {most}")
