"""The refusals of reporting: bad filters (422 naming the parameter) and unknown records (404)."""
from __future__ import annotations


class ReportingError(Exception):
    """Base of reporting's errors; ``code`` and ``message`` are safe to show the caller."""

    code = "reporting_error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidFilter(ReportingError):
    """A query parameter is out of range or inconsistent with another; ``parameter`` names it."""

    code = "invalid_filter"

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(f"{parameter}: {message}")
        self.parameter = parameter
        self.detail = message


class NotFound(ReportingError):
    """The record does not exist in this dossier (or belongs to another one)."""

    code = "not_found"
