"""Excel exports (REP-3, REP-4): one sheet, a header row, then the rows as they were filtered."""
from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from openpyxl import Workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cell(value: Any) -> Any:
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)  # Excel has no time zones; the API's times are UTC
    if isinstance(value, Decimal):
        return value  # kept exact: openpyxl writes a Decimal as a number
    return value


def workbook(title: str, columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> bytes:
    """An .xlsx file with the columns as header and one line per row."""
    wb = Workbook()
    sheet = wb.active
    sheet.title = title[:31]
    sheet.append(list(columns))
    for row in rows:
        sheet.append([_cell(row.get(c)) for c in columns])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
