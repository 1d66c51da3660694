"""The fixed vocabulary of claim files: every name an expression or a domain may use.

Claim files are data. The expression reader (``checks/expr.py``) resolves every name it
meets here and nowhere else, so this registry *is* the language. Each area of
coherence (linear algebra, Hopf algebras, graded Hopf algebras, learners, sheaves,
toposes, networks) contributes its names from a module ``checks/vocab_<area>.py``;
:func:`load_all` imports every such module, so adding an area never edits this file.

Four kinds of entry:

``function``
    an exact function on values (``det``, ``reverse``, ``compose``); ``impl(*args,
    **kwargs)`` returns a value.
``constructor``
    builds a mathematical object (``relu_mlp``, ``Learner``, ``Poset``); same calling
    convention as a function, documented separately.
``decider``
    a predicate decided by a dedicated exact method (``is_commutative(H)``,
    ``is_piecewise_linear(net)``, ``is_sheaf(F)``); ``impl`` returns a :class:`Decision`
    that carries its own outcome, method and witness. A claim whose ``then`` is a
    decider call (optionally under ``not``) takes its verdict from the decision.
``domain``
    a domain for ``for_all`` (``Word(ab, 4)``, ``Permutation(3)``); ``impl`` returns a
    :class:`FiniteDomain` (enumerated exhaustively, so a claim over it can be proved) —
    numeric domains such as ``Real`` and ``Matrix(2, 2)`` are built into the reader.

Registering
-----------
>>> @register("double_it", signature="double_it(x)", doc="Twice x.", min_args=1, max_args=1)
... def _double(x):
...     return 2 * x
>>> lookup("double_it").impl(21)
42
>>> lookup("doubel_it")
Traceback (most recent call last):
...
coherence.algebra.errors.InputError: expected a known name, got 'doubel_it' (did you mean 'double_it'?)
>>> unregister("double_it")
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from coherence.algebra.errors import InputError
from coherence.checks.verdict import Outcome

EntryKind = Literal["function", "constructor", "decider", "domain"]


@dataclass(frozen=True, slots=True)
class Decision:
    """What a decider returns: an outcome with the method and witness that back it.

    ``outcome`` is one of PROVED, REFUTED, EVIDENCE, UNKNOWN. REFUTED must carry a
    witness that has been checked exactly; EVIDENCE must say in ``detail`` how many
    samples/which seed/which tolerance; UNKNOWN says what was tried.

    >>> d = Decision(Outcome.REFUTED, "exact identity on basis", witness=(("a, b", "g, x"),),
    ...              lhs="g·x", rhs="-g·x")
    >>> d.negated().outcome
    <Outcome.PROVED: 'proved'>
    """

    outcome: Outcome
    method: str
    witness: tuple[tuple[str, str], ...] | None = None
    lhs: str | None = None
    rhs: str | None = None
    residual: str | None = None
    detail: str = ""
    witness_values: Any = field(default=None, compare=False)

    def negated(self) -> Decision:
        """The decision of ``not P``: proved and refuted swap; a witness becomes detail."""
        swap = {Outcome.PROVED: Outcome.REFUTED, Outcome.REFUTED: Outcome.PROVED}
        if self.outcome not in swap:
            return self
        if self.outcome is Outcome.REFUTED:
            # ``not P`` is proved by P's counterexample: keep it as the reason.
            why = f"counterexample to the negated predicate: {_render(self.witness)}"
            detail = "; ".join(x for x in (self.detail, why) if x)
            return Decision(Outcome.PROVED, self.method, detail=detail,
                            lhs=self.lhs, rhs=self.rhs, residual=self.residual)
        # ``not P`` with P proved is refuted everywhere; there is no single point, so the
        # witness is the whole statement.
        return Decision(Outcome.REFUTED, self.method, witness=(("claim", "holds everywhere"),),
                        detail=self.detail)


def _render(witness: tuple[tuple[str, str], ...] | None) -> str:
    return ", ".join(f"{k} = {v}" for k, v in witness or ())


@dataclass(frozen=True)
class FiniteDomain:
    """A finite domain for ``for_all``: its elements in small-first order.

    ``elements`` is a zero-argument callable returning a fresh iterator (so a domain
    can be enumerated more than once); ``size`` is the exact count; ``description`` is
    what the verdict names ("words over {a, b} of length ≤ 3").

    >>> d = FiniteDomain("bits", 2, lambda: iter((0, 1)))
    >>> list(d.elements()), d.size
    ([0, 1], 2)
    """

    description: str
    size: int
    elements: Callable[[], Iterator[Any]]
    render: Callable[[Any], str] = str


@dataclass(frozen=True, slots=True)
class Entry:
    """One name of the vocabulary."""

    name: str
    kind: EntryKind
    signature: str
    doc: str
    impl: Callable[..., Any]
    min_args: int = 0
    max_args: int | None = None
    area: str = "core"

    def check_arity(self, n: int) -> None:
        """Raise :class:`InputError` when ``n`` positional arguments do not fit.

        >>> Entry("det", "function", "det(A)", "", abs, 1, 1).check_arity(2)
        Traceback (most recent call last):
        ...
        coherence.algebra.errors.InputError: expected det(A) (1 argument), got 2 arguments
        """
        hi = self.max_args
        if n < self.min_args or (hi is not None and n > hi):
            if hi == self.min_args:
                want = f"{hi} argument{'s' if hi != 1 else ''}"
            elif hi is None:
                want = f"at least {self.min_args} arguments"
            else:
                want = f"{self.min_args} to {hi} arguments"
            raise InputError(f"expected {self.signature} ({want})",
                             got=f"{n} argument{'s' if n != 1 else ''}")


_REGISTRY: dict[str, Entry] = {}


def register(
    name: str,
    *,
    signature: str,
    doc: str,
    kind: EntryKind = "function",
    min_args: int = 0,
    max_args: int | None = None,
    area: str = "core",
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorator adding ``impl`` to the vocabulary under ``name``.

    Registering the same name twice is a programming error and raises ``ValueError``.
    """

    def add(impl: Callable[..., Any]) -> Callable[..., Any]:
        if name in _REGISTRY and _REGISTRY[name].impl is not impl:
            raise ValueError(f"vocabulary name {name!r} registered twice")
        _REGISTRY[name] = Entry(name, kind, signature, doc, impl, min_args, max_args, area)
        return impl

    return add


#: Predicates defined as conjunctions: name → ((what the conjunct says, its test), …).
_CONJUNCTS: dict[str, tuple[tuple[str, Callable[..., bool]], ...]] = {}


def register_conjuncts(name: str, *parts: tuple[str, Callable[..., bool]]) -> None:
    """Declare that the predicate ``name`` is the conjunction of ``parts`` (each a text
    and a test taking the predicate's arguments), so that a refuted claim can say which
    part fails at its witness. In a text, ``{A}`` stands for the first argument as
    written in the claim.

    >>> register_conjuncts("tiny_pos", ("x is small", lambda x: abs(x) < 10),
    ...                    ("x > 0", lambda x: x > 0))
    >>> [text for text, _ in conjuncts("tiny_pos")]
    ['x is small', 'x > 0']
    >>> _CONJUNCTS.pop("tiny_pos") and None
    """
    _CONJUNCTS[name] = parts


def conjuncts(name: str) -> tuple[tuple[str, Callable[..., bool]], ...]:
    """The conjuncts declared for the predicate ``name`` (empty when it is not one)."""
    load_all()
    return _CONJUNCTS.get(name, ())


def unregister(name: str) -> None:
    """Remove a name (for tests that register temporary entries)."""
    _REGISTRY.pop(name, None)


def lookup(name: str, kinds: Iterable[EntryKind] | None = None) -> Entry:
    """The entry called ``name`` (of one of ``kinds``), or an InputError with a suggestion."""
    load_all()
    allowed = set(kinds) if kinds is not None else None
    entry = _REGISTRY.get(name)
    if entry is None or (allowed is not None and entry.kind not in allowed):
        pool = [e.name for e in _REGISTRY.values() if allowed is None or e.kind in allowed]
        what = "a known name" if allowed is None else f"a known {' or '.join(sorted(allowed))}"
        raise InputError(f"expected {what}", got=repr(name), choices=pool)
    return entry


def entries(kind: EntryKind | None = None) -> list[Entry]:
    """Every registered entry (of one kind), sorted by area then name."""
    load_all()
    out = [e for e in _REGISTRY.values() if kind is None or e.kind == kind]
    return sorted(out, key=lambda e: (e.area, e.name))


_LOADED = False


def load_all() -> None:
    """Import every ``coherence.checks.vocab_*`` module once, so each registers its names."""
    global _LOADED
    if _LOADED:
        return
    _LOADED = True
    import coherence.checks as pkg

    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name):
        if info.name.startswith("vocab_"):
            importlib.import_module(f"coherence.checks.{info.name}")
