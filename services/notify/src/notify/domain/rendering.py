"""Templates rendered in a sandbox (COM-5): subject and plain-text body, optional HTML, placeholders from params.

Jinja2's SandboxedEnvironment keeps an office's template from reaching Python internals, and
notify.domain.sandbox bounds what it may build, how long it may loop and how much it may write (an
office ADMIN's template cannot exhaust the shared service); StrictUndefined turns a placeholder missing
from the params into an error instead of an empty hole; the HTML part is autoescaped, so a client's
question cannot inject markup. Whatever goes wrong in a template is a TemplateProblem naming the part.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SecurityError

from notify.domain.errors import TemplateProblem
from notify.domain.sandbox import BoundedEnvironment, TemplateLimit, render_bounded

_TEXT = BoundedEnvironment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True)
_HTML = BoundedEnvironment(undefined=StrictUndefined, autoescape=True, keep_trailing_newline=True)
MAX_SUBJECT = 250
MAX_OUTPUT = {"subject": 2_000, "body": 200_000, "html": 400_000}  # characters a part may render to


@dataclass(frozen=True)
class Template:
    """One template in one language: subject, plain-text body and optional HTML body (Jinja2 sources)."""

    subject: str
    body: str
    html: str | None = None


@dataclass(frozen=True)
class Rendered:
    """A template filled in: what goes into one mail."""

    subject: str
    body: str
    html: str | None = None


def _render(env: BoundedEnvironment, part: str, source: str, params: Mapping[str, str]) -> str:
    try:
        return render_bounded(env, source, params, MAX_OUTPUT[part])
    except TemplateLimit as exc:
        raise TemplateProblem(f"{part}: too much work or text ({exc})") from exc
    except UndefinedError as exc:
        raise TemplateProblem(f"{part}: placeholder missing from the params ({exc.message})") from exc
    except TemplateSyntaxError as exc:
        raise TemplateProblem(f"{part}: syntax error on line {exc.lineno}: {exc.message}") from exc
    except SecurityError as exc:
        raise TemplateProblem(f"{part}: not allowed in a template ({exc})") from exc
    except TemplateError as exc:
        raise TemplateProblem(f"{part}: {exc}") from exc
    except (ArithmeticError, LookupError, TypeError, ValueError, RecursionError, MemoryError) as exc:
        # the template's own computation failed (range too big, division by zero, a bad index...): its author's
        # problem, told to them, never the service's
        raise TemplateProblem(f"{part}: cannot be rendered ({type(exc).__name__}: {exc})") from exc


def render(template: Template, params: Mapping[str, str]) -> Rendered:
    """The template filled with `params`; TemplateProblem naming the part and the problem otherwise."""
    subject = " ".join(_render(_TEXT, "subject", template.subject, params).split())  # one line: no header injection
    if not subject:
        raise TemplateProblem("subject: renders empty")
    if len(subject) > MAX_SUBJECT:
        raise TemplateProblem(f"subject: longer than {MAX_SUBJECT} characters")
    body = _render(_TEXT, "body", template.body, params)
    if not body.strip():
        raise TemplateProblem("body: renders empty")
    html = _render(_HTML, "html", template.html, params) if template.html else None
    return Rendered(subject=subject, body=body, html=html)
