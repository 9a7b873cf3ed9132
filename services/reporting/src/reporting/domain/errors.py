"""The refusals of reporting: bad filters (422 naming the parameter) and unknown records (404)."""
from __future__ import annotations

from runtime.errors import ServiceError


class ReportingError(ServiceError):
    """Base of reporting's errors (runtime ServiceErrors); ``code`` and ``message`` are safe to show the caller."""

    status, code = 400, "reporting_error"


class InvalidFilter(ReportingError):
    """A query parameter is out of range or inconsistent with another; ``parameter`` names it."""

    status, code = 422, "invalid_filter"

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(f"{parameter}: {message}", fields=[{"field": parameter, "message": message}])
        self.parameter = parameter
        self.detail = message


class NotFound(ReportingError):
    """The record does not exist in this dossier (or belongs to another one)."""

    status, code = 404, "not_found"
