"""Pydantic validation errors as the office's InvalidInput: every bad field with a stable code (portal translates it)."""
from __future__ import annotations

from pydantic import ValidationError

from office.domain.errors import FieldError, InvalidInput

# pydantic's error types → the office's stable codes; custom validators raise PydanticCustomError with our code
_CODES = {
    "missing": "required", "string_too_short": "too_short", "string_too_long": "too_long", "too_long": "too_many",
    "too_short": "too_few", "literal_error": "choice", "enum": "choice", "string_pattern_mismatch": "pattern",
    "extra_forbidden": "unknown", "bool_type": "boolean", "bool_parsing": "boolean", "int_type": "integer",
    "int_parsing": "integer", "int_from_float": "integer", "greater_than_equal": "too_small",
    "greater_than": "too_small", "less_than_equal": "too_large", "string_type": "text", "list_type": "list",
    "dict_type": "object", "model_type": "object",
}
MAX_ERRORS = 50


def code_of(error_type: str) -> str:
    """The office's code for a pydantic error type (custom codes pass through)."""
    return _CODES.get(error_type, error_type)


def invalid_input(exc: ValidationError, prefix: str = "") -> InvalidInput:
    """Every error of a pydantic validation (up to MAX_ERRORS) as one InvalidInput, fields under ``prefix``."""
    errors = []
    for error in exc.errors()[:MAX_ERRORS]:
        path = ".".join(str(p) for p in error["loc"])
        field = ".".join(p for p in (prefix, path) if p) or "body"
        message = error["msg"].removeprefix("Value error, ")
        errors.append(FieldError(field, code_of(error["type"]), message))
    first, *rest = errors
    return InvalidInput(first.field, first.message, first.code, more=tuple(rest))
