"""Bounded time and memory for staff templates: the sandbox with limits.

Jinja's sandbox keeps a template away from Python's internals, but not from the machine:
``{{ 10**100000000 }}`` computes for minutes, ``{{ 'A'*10**9 }}`` or a doubling loop fills
memory, and two nested loops never end. :class:`LimitedEnvironment` bounds all of them, the
same way on Windows as on Linux (no signals, no threads: every check is cooperative):

- operators ``*``, ``**``, ``+`` and ``%`` are checked *before* they run (size of the
  string, list or number they would make);
- ``range`` gives at most :attr:`Limits.max_range` numbers;
- filters and methods that make long strings (``center``, ``indent``, ``replace``,
  ``join``, ``format``, ``ljust``...) are checked before they run, and every filter's,
  call's and namespace value's size after;
- every ``{% for %}`` counts its iterations against :attr:`Limits.max_iterations` and every
  loop step, call and piece of output checks the wall clock against :attr:`Limits.seconds`;
- the output is counted while it is produced (:attr:`Limits.max_output`).

A limit passed raises :class:`LimitExceeded` (``kind`` ``"size"`` or ``"time"``, and what),
which the renderer turns into ``template-too-large`` / ``template-too-slow``.
"""

from __future__ import annotations

import functools
import math
import re
import time
from collections.abc import Iterable, Iterator, Mapping, Sized
from dataclasses import dataclass
from typing import Any

from jinja2 import nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import Namespace

LOOP_GUARD = "_mihara_loop"


@dataclass(frozen=True)
class Limits:
    """What one render of one document may use (a combined file: ``scaled(n)``)."""

    max_range: int = 10_000  # numbers one range() may give
    max_length: int = 1_000_000  # characters of one string, items of one list
    max_int_bits: int = 10_000  # ≈ 3,000 decimal digits
    max_iterations: int = 200_000  # loop steps of one document, all loops together
    max_output: int = 5_000_000  # characters of XML one document's part may produce
    seconds: float = 10.0  # wall clock of one document

    def scaled(self, documents: int) -> Limits:
        """The limits of a combined file of ``documents`` documents rendered in one pass."""
        n = max(documents, 1)
        return Limits(self.max_range, self.max_length, self.max_int_bits, self.max_iterations * n,
                      self.max_output * n, self.seconds + 0.5 * (n - 1))


DEFAULT_LIMITS = Limits()


class LimitExceeded(Exception):
    """A template went past a limit: ``kind`` is ``"size"`` or ``"time"``; ``what`` in Japanese."""

    def __init__(self, kind: str, what: str):
        self.kind = kind
        self.what = what
        super().__init__(what)


class Budget:
    """The running account of one render: deadline, loop steps, output characters."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self.deadline = time.monotonic() + limits.seconds
        self.iterations = 0
        self.output = 0
        self.pieces = 0

    def tick(self) -> None:
        """Raise when the wall clock of this render has run out."""
        if time.monotonic() > self.deadline:
            raise LimitExceeded("time", f"{self.limits.seconds:g}秒")

    def step(self) -> None:
        self.iterations += 1
        if self.iterations > self.limits.max_iterations:
            raise LimitExceeded("size", f"繰り返しの回数（{self.limits.max_iterations:,}回まで）")
        if self.iterations % 64 == 0:
            self.tick()

    def emit(self, text: str) -> None:
        self.output += len(text)
        self.pieces += 1
        if self.output > self.limits.max_output:
            raise LimitExceeded("size", f"出力の大きさ（{self.limits.max_output:,}文字まで）")
        if self.pieces % 16 == 0:
            self.tick()


# Filters whose result can be much longer than their input, and what to check first.
_WIDTH_FILTERS = {"center": 1, "indent": 1}  # name -> position of the width argument
_FORMAT_NUMBER = re.compile(r"(?:%[#0\- +]*(\d+)?(?:\.(\d+))?[a-zA-Z])|(?:\{[^{}]*:[^{}]*?(\d+)(?:\.(\d+))?[^{}]*\})")


class LimitedEnvironment(ImmutableSandboxedEnvironment):
    """The immutable sandbox with every limit of :class:`Limits` enforced (see the module)."""

    intercepted_binops = frozenset(["*", "**", "+", "%"])

    def __init__(self, *args: Any, limits: Limits = DEFAULT_LIMITS, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.limits = limits
        self.budget: Budget | None = None
        self.globals["range"] = self._range
        self.globals["namespace"] = _CheckedNamespace
        self.globals[LOOP_GUARD] = self._loop
        for name, func in list(self.filters.items()):
            self.filters[name] = self._guard_filter(name, func)

    # -- the account of the render in progress
    def _active(self) -> Limits:
        return self.budget.limits if self.budget else self.limits

    def tick(self) -> None:
        if self.budget:
            self.budget.tick()

    def check_size(self, value: Any) -> Any:
        """``value`` itself, or :class:`LimitExceeded` when it is too long."""
        if isinstance(value, (str, bytes, list, tuple, dict, set, frozenset)):
            limit = self._active().max_length
            if len(value) > limit:
                raise LimitExceeded("size", f"文字列・一覧の長さ（{limit:,}まで）")
        elif isinstance(value, int) and not isinstance(value, bool):
            bits = self._active().max_int_bits
            if value.bit_length() > bits:
                raise LimitExceeded("size", f"数値の大きさ（約{int(bits * math.log10(2)):,}桁まで）")
        return value

    # -- hooks of the sandbox
    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        self.tick()
        if operator == "**":
            self._check_power(left, right)
        elif operator == "*":
            self._check_repeat(left, right)
        elif operator == "%" and isinstance(left, str):
            self._check_format(left)
        return self.check_size(self.binop_table[operator](left, right))

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        __self.tick()
        method = getattr(__obj, "__wrapped__", __obj)  # the sandbox wraps str.format
        owner = getattr(method, "__self__", None)
        if isinstance(owner, str):
            __self._check_str_method(owner, getattr(method, "__name__", ""), args, kwargs)
        for value in (*args, *kwargs.values()):
            __self.check_size(value)
        return __self.check_size(super().call(__context, __obj, *args, **kwargs))

    def format_string(self, s: str, args: Any, kwargs: Any, format_func: Any = None) -> str:
        self._check_format(s)
        return self.check_size(super().format_string(s, args, kwargs, format_func))

    # -- globals
    def _range(self, *args: int) -> range:
        for value in args:
            self.check_size(value)
        numbers = range(*args)
        limit = self._active().max_range
        if len(numbers) > limit:
            raise LimitExceeded("size", f"range の範囲（{len(numbers):,}個。{limit:,}個まで）")
        return numbers

    def _loop(self, iterable: Iterable[Any]) -> Iterator[Any]:
        if isinstance(iterable, Sized) and not isinstance(iterable, range):
            self.check_size(iterable)
        for item in iterable:
            if self.budget:
                self.budget.step()
            yield item

    # -- checks before an operation runs
    def _check_power(self, base: Any, exponent: Any) -> None:
        if isinstance(base, int) and isinstance(exponent, int) and exponent > 0 and abs(base) > 1:
            bits = exponent * abs(base).bit_length()
            if bits > self._active().max_int_bits:
                raise LimitExceeded("size", f"数値の大きさ（{base}の{exponent}乗。約{int(self._active().max_int_bits * math.log10(2)):,}桁まで）")

    def _check_repeat(self, left: Any, right: Any) -> None:
        if isinstance(left, int) and not isinstance(right, int):
            left, right = right, left
        if isinstance(right, bool) or not isinstance(right, int):
            return
        if isinstance(left, int):
            if left.bit_length() + right.bit_length() > self._active().max_int_bits + 1:
                raise LimitExceeded("size", f"数値の大きさ（約{int(self._active().max_int_bits * math.log10(2)):,}桁まで）")
        elif isinstance(left, (str, list, tuple)):
            weight = len(left) + sum(len(x) for x in left if isinstance(x, str)) if not isinstance(left, str) else len(left)
            if weight * right > self._active().max_length:
                raise LimitExceeded("size", f"文字列・一覧の長さ（{weight * right:,}。{self._active().max_length:,}まで）")

    def _check_format(self, text: str) -> None:
        limit = self._active().max_length
        for match in _FORMAT_NUMBER.finditer(text):
            for number in match.groups():
                if number and (len(number) > 7 or int(number) > limit):
                    raise LimitExceeded("size", f"書式の幅（{number}。{limit:,}まで）")

    def _check_width(self, width: Any) -> None:
        limit = self._active().max_length
        if isinstance(width, int) and width > limit:
            raise LimitExceeded("size", f"幅の指定（{width:,}。{limit:,}まで）")
        if isinstance(width, str) and len(width) > 1000:
            raise LimitExceeded("size", f"幅の指定（{len(width):,}文字）")

    def _check_expansion(self, text: Any, old: Any, new: Any, count: Any = None) -> None:
        if isinstance(text, str) and isinstance(new, str) and isinstance(old, str):
            hits = text.count(old) if old else len(text) + 1
            if isinstance(count, int) and count >= 0:
                hits = min(hits, count)
            size = len(text) + hits * max(len(new) - len(old), 0)
            if size > self._active().max_length:
                raise LimitExceeded("size", f"置き換え後の文字列の長さ（{size:,}。{self._active().max_length:,}まで）")

    def _check_joined(self, parts: Any, separator: str = "") -> None:
        if isinstance(parts, (list, tuple)):
            size = sum(len(p) if isinstance(p, str) else 1 for p in parts) + len(separator) * len(parts)
            if size > self._active().max_length:
                raise LimitExceeded("size", f"つないだ文字列の長さ（{size:,}。{self._active().max_length:,}まで）")

    def _check_str_method(self, text: str, name: str, args: tuple, kwargs: Mapping[str, Any]) -> None:
        if name in ("center", "ljust", "rjust", "zfill") and args:
            self._check_width(args[0])
        elif name == "expandtabs":
            size = args[0] if args else kwargs.get("tabsize", 8)
            if isinstance(size, int) and size * (text.count("\t") + 1) > self._active().max_length:
                raise LimitExceeded("size", f"タブの幅（{size:,}）")
        elif name == "replace" and len(args) >= 2:
            self._check_expansion(text, args[0], args[1], args[2] if len(args) > 2 else kwargs.get("count"))
        elif name == "join" and args:
            self._check_joined(list(args[0]) if isinstance(args[0], (list, tuple)) else args[0], text)
        elif name in ("format", "format_map"):
            self._check_format(text)

    def _guard_filter(self, name: str, func: Any) -> Any:
        """``func`` checked before it runs (when it can amplify) and on its result."""
        env = self
        passes_first = getattr(func, "jinja_pass_arg", None) is not None

        @functools.wraps(func)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            env.tick()
            values = list(args[1:] if passes_first else args)  # context / environment first
            if name in _WIDTH_FILTERS and len(values) > 1:
                env._check_width(values[1])
            if "width" in kwargs:
                env._check_width(kwargs["width"])
            if name == "replace" and len(values) >= 3:
                env._check_expansion(str(values[0]), values[1], values[2], values[3] if len(values) > 3 else None)
            if name == "join" and values:
                env._check_joined(values[0], values[1] if len(values) > 1 and isinstance(values[1], str) else "")
            if name == "format" and values and isinstance(values[0], str):
                env._check_format(values[0])
            return env.check_size(func(*args, **kwargs))

        return guarded


class _CheckedNamespace(Namespace):
    """``namespace()`` whose values are size-checked as they are set (doubling loops)."""

    def __setitem__(self, name: str, value: Any) -> None:
        env = _CheckedNamespace.environment
        if env is not None:
            env.check_size(value)
        super().__setitem__(name, value)

    environment: LimitedEnvironment | None = None


def guard_loops(ast: nodes.Template) -> nodes.Template:
    """Wrap the iterable of every ``{% for %}`` in the loop guard (step count, wall clock)."""
    for loop in ast.find_all(nodes.For):
        loop.iter = nodes.Call(nodes.Name(LOOP_GUARD, "load"), [loop.iter], [], None, None, lineno=loop.lineno)
    return ast


def render_limited(env: LimitedEnvironment, template: Any, context: Mapping[str, Any], limits: Limits) -> str:
    """Render ``template`` under ``limits``: output counted piece by piece, clock checked."""
    budget = Budget(limits)
    previous, env.budget = env.budget, budget
    _CheckedNamespace.environment = env
    pieces: list[str] = []
    append = pieces.append
    size, limit = 0, limits.max_output
    try:
        # Inlined Budget.emit: a notice yields some 150 pieces, 500 notices 75,000.
        for count, piece in enumerate(template.generate(context), start=1):
            append(piece)
            size += len(piece)
            if size > limit:
                budget.output = size - len(piece)
                budget.emit(piece)  # raises: the output is over its limit
            if not count & 15:
                budget.tick()
    finally:
        env.budget = previous
    return "".join(pieces)
