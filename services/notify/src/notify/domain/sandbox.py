"""A Jinja2 sandbox with bounded work and size: an office's template cannot exhaust the notify service (COM-5).

Jinja2's sandbox keeps a template from Python internals (the immutable one also from ``l.extend(l)``
doubling a list) but not from asking for a 100 MB string (``'a' * 10**8``), a billion loop turns (nested
loops, exponential macros) or a huge padding (``'x'.ljust(10**9)``, ``'{:>999999999}'.format(1)``). Here every value a template builds is bounded
before it is built (repetition, concatenation, ``**``, ``%``, string methods and filters), every loop
turn and call spends one step of a per-render budget (steps and seconds), and the output is streamed and cut
at a limit.
Whatever goes over a bound raises TemplateLimit, which names what was too big.
"""
from __future__ import annotations

import contextvars
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from jinja2 import nodes
from jinja2.runtime import markup_join, str_join
from jinja2.sandbox import ImmutableSandboxedEnvironment

MAX_VALUE = 100_000  # characters (or items) of any value a template builds
MAX_STEPS = 100_000  # loop turns in one rendering; a call (macros: costly) spends CALL_STEPS
CALL_STEPS = 10
MAX_SECONDS = 2.0  # of the rendering thread's CPU (not wall time: a busy machine fails no template), at every step
MAX_INT_BITS = 65_536  # size of an integer a template computes
_WIDE_FORMAT = re.compile(r"\d{6,}|%[^a-zA-Z%]*\*")  # a width or precision of a million or more, or given by '*'


class TemplateLimit(Exception):
    """The template went over one of the sandbox's bounds; the message says which."""


@dataclass
class _Budget:
    steps: int = MAX_STEPS
    deadline: float = field(default_factory=lambda: time.thread_time() + MAX_SECONDS)

    def spend(self, steps: int = 1) -> None:
        self.steps -= steps
        if self.steps < 0:
            raise TemplateLimit(f"more than {MAX_STEPS} loop turns (a call counts {CALL_STEPS})")
        if time.thread_time() > self.deadline:  # few but slow steps (wordwrap of a long text, again and again)
            raise TemplateLimit(f"rendering took longer than {MAX_SECONDS:g} s of CPU")


_BUDGET: contextvars.ContextVar[_Budget] = contextvars.ContextVar("template_budget")


def _size(value: Any) -> int | None:
    return len(value) if isinstance(value, (str, bytes, list, tuple)) else None


def _check_size(value: Any, what: str) -> Any:
    size = _size(value)
    if size is not None and size > MAX_VALUE:
        raise TemplateLimit(f"{what} longer than {MAX_VALUE} characters")
    if isinstance(value, int) and value.bit_length() > MAX_INT_BITS:
        raise TemplateLimit(f"{what} gives a number too large")
    return value


def _check_format(text: Any) -> None:
    if isinstance(text, str) and _WIDE_FORMAT.search(text):
        raise TemplateLimit("a format with a width or precision this large")


def _repeat_size(left: Any, right: Any) -> int | None:
    for seq, n in ((left, right), (right, left)):
        if _size(seq) is not None and isinstance(n, int):
            return _size(seq) * max(n, 0)  # type: ignore[operator]
    return None


def _check_binop(op: str, left: Any, right: Any) -> None:
    if op == "*":
        size = _repeat_size(left, right)
        if size is not None and size > MAX_VALUE:
            raise TemplateLimit(f"a repetition longer than {MAX_VALUE} characters")
        if isinstance(left, int) and isinstance(right, int) and left.bit_length() + right.bit_length() > MAX_INT_BITS:
            raise TemplateLimit("a product too large")
    elif op == "**" and isinstance(left, int) and isinstance(right, int) and abs(left) > 1 and right > 0:
        if abs(left).bit_length() * right > MAX_INT_BITS:
            raise TemplateLimit("a power too large")
    elif op == "+" and _size(left) is not None and _size(right) is not None:
        if _size(left) + _size(right) > MAX_VALUE:  # type: ignore[operator]
            raise TemplateLimit(f"a concatenation longer than {MAX_VALUE} characters")
    elif op == "%":
        _check_format(left)


def _estimate_call(obj: Any, args: tuple, kwargs: Mapping[str, Any]) -> None:
    """Refuse a call whose result would be large before it is built: huge counts, or a str method's product."""
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and value > MAX_VALUE:
            raise TemplateLimit(f"a number above {MAX_VALUE} given to {getattr(obj, '__name__', 'a call')}")
    target = getattr(obj, "__wrapped__", obj)  # the sandbox hands str.format out wrapped
    owner, name = getattr(target, "__self__", None), getattr(target, "__name__", "")
    if not isinstance(owner, str):
        return
    if name in ("format", "format_map"):
        _check_format(owner)
    elif name == "replace" and len(args) >= 2 and _size(args[1]) is not None:
        if (owner.count(args[0]) if args[0] else len(owner) + 1) * len(args[1]) > MAX_VALUE:
            raise TemplateLimit(f"a replacement longer than {MAX_VALUE} characters")
    elif name == "join" and args and isinstance(args[0], (list, tuple, str)):
        if len(owner) * len(args[0]) > MAX_VALUE:
            raise TemplateLimit(f"a join longer than {MAX_VALUE} characters")
    elif name == "expandtabs":
        if owner.count("\t") * (args[0] if args and isinstance(args[0], int) else 8) > MAX_VALUE:
            raise TemplateLimit(f"tabs expanded to more than {MAX_VALUE} characters")


def _guard_filter(name: str, f: Callable[..., Any]) -> Callable[..., Any]:
    """A filter that refuses large arguments and products before it runs, and large results after."""
    skip = 1 if getattr(f, "jinja_pass_arg", None) is not None else 0  # pass_context & co. get Jinja's object first

    def guarded(*args: Any, **kwargs: Any) -> Any:
        _budget().spend()  # map(), select()... call filters once per item
        value, rest = (args[skip], args[skip + 1:]) if len(args) > skip else (None, ())
        _estimate_call(f, tuple(rest), kwargs)
        _estimate_filter(name, value, list(rest), kwargs)
        return _check_size(f(*args, **kwargs), f"the filter {name}")

    if skip:
        guarded.jinja_pass_arg = f.jinja_pass_arg  # type: ignore[attr-defined]
    return guarded


def _estimate_filter(name: str, value: Any, args: list[Any], kwargs: Mapping[str, Any]) -> None:
    text = value if isinstance(value, str) else None
    if name == "format":
        _check_format(text)
    elif name == "indent" and text is not None:
        width = args[0] if args else kwargs.get("width", 4)
        if (text.count("\n") + 1) * (width if isinstance(width, int) else len(str(width))) > MAX_VALUE:
            raise TemplateLimit(f"an indent longer than {MAX_VALUE} characters")
    elif name == "join" and _size(value) is not None:
        sep = args[0] if args else kwargs.get("d", "")
        if len(str(sep)) * _size(value) > MAX_VALUE:  # type: ignore[operator]
            raise TemplateLimit(f"a join longer than {MAX_VALUE} characters")
    elif name == "replace" and text is not None and len(args) >= 2:
        old, new = str(args[0]), str(args[1])
        if (text.count(old) if old else len(text) + 1) * len(new) > MAX_VALUE:
            raise TemplateLimit(f"a replacement longer than {MAX_VALUE} characters")


class BoundedEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox with bounds on values, loop turns, calls and output (see the module docstring)."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.filters = {name: _guard_filter(name, f) for name, f in self.filters.items()}
        self.globals.pop("lipsum", None)  # seconds of CPU for a few characters of template, and no use in a mail
        self.bounded_concat = self._concat  # reached through EnvironmentAttribute: a template cannot shadow it

    def call_binop(self, context: Any, operator_: str, left: Any, right: Any) -> Any:
        _check_binop(operator_, left, right)
        return super().call_binop(context, operator_, left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 - Jinja's signature
        _budget().spend(CALL_STEPS)
        _estimate_call(__obj, args, {k: v for k, v in kwargs.items() if k != "_loop_vars"})
        return _check_size(super().call(__context, __obj, *args, **kwargs), "a value")

    def _concat(self, *parts: Any) -> Any:
        if sum(len(str(p)) for p in parts) > MAX_VALUE:
            raise TemplateLimit(f"a concatenation longer than {MAX_VALUE} characters")
        return markup_join(parts) if self.autoescape else str_join(parts)

    def bounded_steps(self, iterable: Iterable[Any]) -> Iterator[Any]:
        """The loop's items, each turn spending one step of the rendering's budget."""
        budget = _budget()
        for item in iterable:
            budget.spend()
            yield item

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Call(nodes.EnvironmentAttribute("bounded_steps"), [loop.iter], [], None, None)
        for concat in list(tree.find_all(nodes.Concat)):
            _replace(tree, concat, nodes.Call(nodes.EnvironmentAttribute("bounded_concat"), concat.nodes, [], None,
                                              None))
        return tree


def _replace(tree: nodes.Node, old: nodes.Node, new: nodes.Node) -> None:
    for parent in tree.find_all(nodes.Node):
        for field in parent.fields:
            value = getattr(parent, field, None)
            if value is old:
                setattr(parent, field, new)
            elif isinstance(value, list) and any(v is old for v in value):
                setattr(parent, field, [new if v is old else v for v in value])


def _budget() -> _Budget:
    try:
        return _BUDGET.get()
    except LookupError:  # rendering outside render_bounded: a fresh budget for this call alone
        return _Budget()


def render_bounded(env: BoundedEnvironment, source: str, params: Mapping[str, Any], limit: int) -> str:
    """The template rendered with a fresh budget, streamed and cut at ``limit`` characters (TemplateLimit)."""
    token = _BUDGET.set(_Budget())
    try:
        parts, total = [], 0
        for chunk in env.from_string(source).generate(**params):
            total += len(chunk)
            if total > limit:
                raise TemplateLimit(f"renders longer than {limit} characters")
            parts.append(chunk)
        return "".join(parts)
    finally:
        _BUDGET.reset(token)


