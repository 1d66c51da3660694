"""Deciding one claim: the layered procedure that turns a :class:`Claim` into a Verdict.

:func:`decide` never raises on a problem with the claim: anything the reader or the
evaluator rejects becomes an ``error`` verdict pointing at the claim's line. In order:

1. **Read.** Domains of ``for_all`` are resolved (built-in numeric domains, registered
   finite domains, ``Element(H)``); ``given`` bindings are evaluated in order; the
   expressions are parsed by the whitelisting reader (:mod:`coherence.checks.expr`).
2. **Deciders.** A ``then`` that is a decider call (optionally under ``not``) takes its
   verdict from the decider's :class:`~coherence.checks.vocabulary.Decision`.
3. **Closed claims** (no variables) are evaluated exactly: ``proved`` or ``refuted``
   ("exact evaluation"); for equalities of linear maps of a Hopf algebra the method
   says how many basis elements were compared, and a failure names one.
4. **Elements of a Hopf algebra.** A multi-affine identity is checked on all basis
   tuples — a proof. Otherwise basis tuples and small integer combinations are
   searched: ``refuted`` or ``evidence``.
5. **Finite domains** (registered ones, bounded integers) are enumerated exhaustively
   when the product has at most :data:`FINITE_LIMIT` points.
6. **Numeric claims.** Exact simplification proves polynomial and rational-function
   identities; a short Z3 run proves polynomial claims (``unsat`` of the counterexample
   condition); then the layered search of :func:`coherence.counterexamples.search.search`
   (seeds, small integers, random rationals, Hypothesis, Z3 models). Every witness is
   re-checked here once more by the exact check before it is reported.
7. Otherwise ``evidence`` (how many exact samples held, which seed) or ``unknown``.

Every stage is bounded by counts, so one seed gives one verdict on any machine. The
``timeout`` stops a claim as a whole: ``unknown`` with "stopped by the --timeout of N s",
never ``evidence`` from a smaller count; a check stuck in one long computation is
interrupted :data:`HARD_STOP_GRACE` seconds later (main thread only, via SIGALRM).

Examples
--------
>>> from coherence.checks.claims import claim
>>> v = decide(claim("sym", for_all={"A": "Matrix(2, 2)"}, assuming="eigenvalues_real_positive(A)",
...                  then="A == A.T"))
>>> v.outcome.value, v.witness_text
('refuted', 'A = [[1, 1], [0, 1]]')
>>> decide(claim("square", for_all={"x": "Real"}, then="(x + 1) ** 2 == x ** 2 + 2*x + 1")).method
'exact simplification: lhs − rhs = 0 identically'
>>> print(decide(claim("typo", for_all={"x": "Real"}, then="sqrtt(x) >= 0")).detail)
<python>: claim 'typo': then, column 1: expected a known function, got 'sqrtt'
(did you mean 'sqrt'?)
"""

from __future__ import annotations

import contextlib
import itertools
import math
import random
import re
import signal
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, replace
from fractions import Fraction
from functools import partial
from pathlib import Path
from typing import Any

from coherence.algebra.errors import InputError, InternalError
from coherence.algebra.files import project_root
from coherence.algebra.limits import MAX_DIGITS
from coherence.checks import conjunctions, softmax_lemmas, vocabulary
from coherence.checks import expr as E
from coherence.checks.claims import Claim
from coherence.checks.evaluate import (
    BASE_DIR,
    PROJECT_ROOT,
    Env,
    Matrix,
    Undecidable,
    Undefined,
    as_bool,
    compare,
    evaluate,
    is_scalar,
    resolve,
    scalar_text,
    to_sympy,
    truth,
)
from coherence.checks.shrink_values import shrink_witness
from coherence.checks.verdict import DEFAULT_TIMEOUT, Outcome, Verdict
from coherence.counterexamples.problem import (
    PointResult,
    PointStatus,
    SearchProblem,
    Variable,
    format_value,
)
from coherence.counterexamples.seeds import by_total_rank as _by_total_rank

#: Finite domains up to this many points (product over variables) are enumerated.
FINITE_LIMIT = 200_000
#: Samples drawn when nothing else decides a claim over elements or mixed domains.
SAMPLES = 300
#: Seconds past a claim's timeout after which a check stuck in one computation (a
#: SymPy simplification, say) is interrupted: the claim is then ``unknown``.
HARD_STOP_GRACE = 0.5
_TIMEOUT: ContextVar[float] = ContextVar("coherence_claim_timeout", default=DEFAULT_TIMEOUT)
#: The stages of the claim being decided (``-v`` lists them; the hard stop names them).
_LOG: ContextVar[Any] = ContextVar("coherence_claim_stages", default=None)
#: The memory limit this process runs under, as the user wrote it (set by the worker
#: that applies it: :mod:`coherence.checks.run`); a MemoryError names it.
MEMORY_LIMIT: ContextVar[str] = ContextVar("coherence_memory_limit", default="")
_NUMERIC = ("Real", "Rational", "Integer", "Vector", "Matrix", "SymmetricMatrix")
_DOMAIN = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:\((.*)\))?\s*$", re.S)


class _TimeUp(BaseException):  # noqa: N818 - not an error: the claim's time is up
    """Raised by the hard stop's alarm; a BaseException so that no ``except Exception``
    in a check (or in a library) mistakes it for a failure at a point."""


@contextlib.contextmanager
def _hard_stop(seconds: float) -> Iterator[None]:
    """Interrupt the block with :class:`_TimeUp` after ``seconds`` (SIGALRM), when this
    is the main thread and no one else uses the alarm; otherwise do nothing."""
    usable = (hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
              and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, None)
              and signal.getitimer(signal.ITIMER_REAL)[0] == 0)
    if not usable:
        yield
        return

    def alarm(signum: int, frame: Any) -> None:
        raise _TimeUp

    old = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, max(seconds, 0.01))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


class _KeyError(Exception):
    """An InputError found while reading one key of the claim."""

    def __init__(self, err: InputError, key: str) -> None:
        super().__init__(str(err))
        self.err = err
        self.key = key


# -- domains --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Var:
    """A resolved ``for_all`` variable: numeric (``var``), finite or element domain."""

    name: str
    text: str
    var: Variable | None = None
    finite: vocabulary.FiniteDomain | None = None
    element: Any = None  # an ElementDomain of coherence.checks.vocab_hopf


def _split_args(text: str) -> list[str]:
    parts, depth, cur = [], 0, []
    for ch in text:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append("".join(cur).strip())
            cur = []
        else:
            cur.append(ch)
    tail = "".join(cur).strip()
    if tail or parts:
        parts.append(tail)
    return parts


def _literal(text: str, given: Mapping[str, Any]) -> Any:
    t = text.strip()
    if t in given:
        return given[t]
    if len(t) >= 2 and t[0] == t[-1] and t[0] in "'\"":
        return t[1:-1]
    try:
        f = Fraction(t)
    except (ValueError, ZeroDivisionError):
        return t
    return int(f) if f.denominator == 1 else f


def _bound(x: Any, what: str) -> Fraction:
    if isinstance(x, int | Fraction) and not isinstance(x, bool):
        return Fraction(x)
    raise InputError(f"expected a number for {what}", got=repr(x))


def _size(x: Any, what: str) -> int:
    if isinstance(x, int) and not isinstance(x, bool) and 1 <= x <= 16:
        return x
    raise InputError(f"expected a size 1..16 for {what}", got=repr(x))


def _scalar_kind(args: Sequence[Any], text: str) -> tuple[str, Fraction | None, Fraction | None]:
    """``Integer``, ``Integer(lo, hi)``, ``Real(lo, hi)`` … given as a trailing argument."""
    m = _DOMAIN.match(text) if isinstance(text, str) else None
    if not m or m.group(1) not in ("Real", "Rational", "Integer"):
        raise InputError("expected an entry domain Real, Rational, Integer or Integer(lo, hi)",
                         got=repr(text), choices=("Real", "Rational", "Integer"))
    kind = {"Real": "real", "Rational": "rational", "Integer": "integer"}[m.group(1)]
    inner = _split_args(m.group(2)) if m.group(2) is not None else []
    if inner and len(inner) != 2:
        raise InputError(f"expected {m.group(1)}(lo, hi)", got=f"{len(inner)} arguments")
    lo = hi = None
    if inner:
        lo, hi = (_bound(_literal(a, {}), m.group(1)) for a in inner)
        if lo > hi:
            raise InputError("expected lo ≤ hi", got=f"{lo} > {hi}")
        if kind == "integer":  # Integer(1/2, 5/2) is {1, 2}: enumerate from ⌈lo⌉ to ⌊hi⌋
            lo, hi = Fraction(math.ceil(lo)), Fraction(math.floor(hi))
            if lo > hi:
                raise InputError(f"expected {m.group(1)}(lo, hi) to contain an integer",
                                 got=f"no integer in [{inner}]")
    return kind, lo, hi


def resolve_domain(name: str, text: str, given: Mapping[str, Any] | None = None) -> _Var:
    """Resolve the domain text of one ``for_all`` variable.

    >>> resolve_domain("A", "Matrix(2, 2, Integer)").var
    Variable(name='A', kind='integer', shape=(2, 2), lo=None, hi=None, symmetric=False)
    >>> resolve_domain("x", "Integer(-1, 1)").var.hi
    Fraction(1, 1)
    >>> resolve_domain("x", "Reall")
    Traceback (most recent call last):
    ...
    coherence.algebra.errors.InputError: expected a domain, got 'Reall' (did you mean 'Real'?)
    """
    given = given or {}
    if not isinstance(text, str):
        raise InputError("expected a domain as text", got=type(text).__name__)
    m = _DOMAIN.match(text)
    if not m:
        raise InputError("expected a domain such as Real, Matrix(2, 2) or Element(sweedler)",
                         got=repr(text))
    head, inner = m.group(1), m.group(2)
    raw = _split_args(inner) if inner is not None else []
    if head in _NUMERIC:
        args = [_literal(a, {}) for a in raw]
        if head in ("Real", "Rational", "Integer"):
            kind, lo, hi = _scalar_kind([], head if not raw else f"{head}({inner})")
            return _Var(name, text, var=Variable(name, kind, (), lo, hi))  # type: ignore[arg-type]
        entry = ("real", None, None)
        if head == "Vector":
            if not 1 <= len(raw) <= 2:
                raise InputError("expected Vector(n) or Vector(n, Integer)",
                                 got=f"{len(raw)} arguments")
            n = _size(args[0], "Vector(n)")
            if len(raw) == 2:
                entry = _scalar_kind([], raw[1])
            return _Var(name, text, var=Variable(name, entry[0], (n,), entry[1], entry[2]))  # type: ignore[arg-type]
        if head == "Matrix":
            if not 2 <= len(raw) <= 3:
                raise InputError("expected Matrix(n, m) or Matrix(n, m, Integer)",
                                 got=f"{len(raw)} arguments")
            n, k = _size(args[0], "Matrix(n, m)"), _size(args[1], "Matrix(n, m)")
            if len(raw) == 3:
                entry = _scalar_kind([], raw[2])
            return _Var(name, text, var=Variable(name, entry[0], (n, k), entry[1], entry[2]))  # type: ignore[arg-type]
        if len(raw) not in (1, 2):
            raise InputError("expected SymmetricMatrix(n)", got=f"{len(raw)} arguments")
        n = _size(args[0], "SymmetricMatrix(n)")
        if len(raw) == 2:
            entry = _scalar_kind([], raw[1])
        return _Var(name, text, var=Variable(name, entry[0], (n, n), entry[1], entry[2],  # type: ignore[arg-type]
                                              symmetric=True))
    builtin = list(_NUMERIC)
    try:
        entry_ = vocabulary.lookup(head, kinds=("domain",))
    except InputError:
        pool = builtin + [e.name for e in vocabulary.entries("domain")]
        raise InputError("expected a domain", got=repr(head), choices=pool) from None
    args = [_literal(a, given) for a in raw]
    try:
        entry_.check_arity(len(args))
        dom = entry_.impl(*args)
    except InputError:
        raise
    except (TypeError, ValueError, KeyError) as exc:
        raise InputError(f"expected {entry_.signature}", got=f"{text!r}: {exc}") from None
    if isinstance(dom, vocabulary.FiniteDomain):
        return _Var(name, text, finite=dom)
    return _Var(name, text, element=dom)


# -- values at points -----------------------------------------------------------------------------
def _to_value(var: Variable, value: Any) -> Any:
    if not var.shape:
        return Fraction(value)
    if len(var.shape) == 1:
        return Matrix.column(value)
    return Matrix.of(value)


def _text(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if is_scalar(v):
        return scalar_text(v)
    if isinstance(v, tuple):
        return "(" + ", ".join(_text(x) for x in v) + ")"
    if isinstance(v, vocabulary.Decision):  # a decider's answer at one point of a for_all
        at = ", ".join(f"{k} = {x}" for k, x in v.witness or ())
        return v.outcome.value + (f" at {at}" if at else "")
    return str(v)


def _sides(then: E.Expr, env: Env) -> tuple[str | None, str | None]:
    """Both sides of a comparison (or the value and ``true``) at a point, as text."""
    node = then
    while isinstance(node, E.Unary) and node.op == "not":
        node = node.operand
    try:
        if isinstance(node, E.Compare) and len(node.ops) == 1:
            return (_text(resolve(evaluate(node.operands[0], env), env)),
                    _text(resolve(evaluate(node.operands[1], env), env)))
        value = resolve(evaluate(node, env), env)
    except (InputError, Undefined, Undecidable):
        return None, None
    return f"{node} = {_text(value)}", None


def _failing(node: E.Expr, env: Env) -> str | None:
    """Which part of a false conclusion fails at a point, and which parts hold — for a
    conjunction (``and``), a chained comparison, ``implies`` (its conclusion) and a
    predicate declared as a conjunction (:func:`vocabulary.register_conjuncts`:
    ``is_positive_definite`` is "A is symmetric" and "xᵀAx > 0"); ``None`` for anything
    else or when the point gives no answer."""
    try:
        if isinstance(node, E.Logic) and node.op == "and":
            n = len(node.operands)
            for k, part in enumerate(node.operands, 1):
                if not truth(part, env):
                    inner = _failing(part, env)
                    return (f"conjunct {k} of {n} fails: {part}" + (f" — {inner}" if inner else "")
                            + (f" (conjuncts 1–{k - 1} hold)" if k > 2 else
                               " (conjunct 1 holds)" if k == 2 else ""))
            return None
        if isinstance(node, E.Compare) and len(node.ops) > 1:
            n = len(node.ops)
            for k, op in enumerate(node.ops):
                a, b = node.operands[k], node.operands[k + 1]
                if not compare(op, resolve(evaluate(a, env), env), resolve(evaluate(b, env), env)):
                    return f"link {k + 1} of {n} fails: {a} {op} {b}"
            return None
        if (isinstance(node, E.Unary) and node.op == "not" and isinstance(node.operand, E.Logic)
                and node.operand.op == "or"):  # not (p or q) = not p and not q
            parts = node.operand.operands
            for k, part in enumerate(parts, 1):
                if truth(part, env):
                    return f"conjunct {k} of {len(parts)} fails: not ({part}), since {part} holds"
            return None
        if isinstance(node, E.Reduce) and node.op == "all":
            loop_vars = {lp.var for lp in node.loops}
            if any((E.free_names(lp.start) | E.free_names(lp.stop)) & loop_vars
                   for lp in node.loops):
                return None  # a triangular range: not named here
            ranges = [(lp.var, range(int(evaluate(lp.start, env)), int(evaluate(lp.stop, env))))
                      for lp in node.loops]
            for idx in itertools.islice(itertools.product(*(r for _, r in ranges)), 100_000):
                at = env
                for (var, _), i in zip(ranges, idx, strict=True):
                    at = at.bind(var, Fraction(i))
                if not truth(node.body, at):
                    where = ", ".join(f"{var} = {i}" for (var, _), i in zip(ranges, idx,
                                                                               strict=True))
                    sub = _failing(node.body, at)
                    return (f"the term at {where} fails: {node.body}"
                            + (f" — {sub}" if sub else ""))
            return None
        if isinstance(node, E.Call) and node.name == "implies" and len(node.args) == 2:
            inner = _failing(node.args[1], env)
            return (f"the premise {node.args[0]} holds and the conclusion {node.args[1]} fails"
                    + (f" — {inner}" if inner else ""))
        if isinstance(node, E.Call) and not node.kwargs:
            parts = vocabulary.conjuncts(node.name)
            if not parts:
                return None
            args = [resolve(evaluate(a, env), env) for a in node.args]
            first = str(node.args[0]) if node.args else ""
            if node.args and not isinstance(node.args[0], E.Name):
                first = f"({first})"
            results = [(text.replace("{A}", first), bool(test(*args))) for text, test in parts]
            fails = [t for t, ok in results if not ok]
            holds = [t for t, ok in results if ok]
            if not fails:
                return None
            return (f"{node} — fails: " + "; ".join(fails)
                    + ("; holds: " + "; ".join(holds) if holds else ""))
    except (InputError, Undefined, Undecidable, TypeError, ValueError, ArithmeticError):
        return None
    return None


@dataclass(frozen=True)
class _Parsed:
    claim: Claim
    variables: tuple[_Var, ...]
    given: Mapping[str, Any]
    assuming: tuple[E.Expr, ...]
    then: E.Expr
    subject: Any

    def env(self, values: Mapping[str, Any]) -> Env:
        return Env({**self.given, **values}, self.subject)

    def status(self, values: Mapping[str, Any]) -> PointResult:
        """The exact check at one point (values already converted)."""
        env = self.env(values)
        try:
            for a in self.assuming:
                if not truth(a, env):
                    return PointResult(PointStatus.VACUOUS, note="an assumption is false")
            ok = truth(self.then, env)
        except Undefined as exc:
            return PointResult(PointStatus.VACUOUS, note=f"undefined: {exc}")
        except Undecidable as exc:
            return PointResult(PointStatus.UNDECIDED, note=str(exc))
        if ok:
            return PointResult(PointStatus.HOLDS)
        lhs, rhs = _sides(self.then, env)
        return PointResult(PointStatus.VIOLATED, lhs=lhs, rhs=rhs)

    def failing(self, values: Mapping[str, Any]) -> str | None:
        """At a point where the conclusion is false, the part of it that fails (see
        :func:`_failing`)."""
        return _failing(self.then, self.env(values))


def _parse(claim: Claim) -> _Parsed:
    given: dict[str, Any] = {}
    # given bindings first (domains may name them)
    for name, text in claim.given:
        try:
            node = E.parse(text, bound=list(given))
            given[name] = evaluate(node, Env(dict(given), _subject(given, ())))
        except InputError as err:
            raise _KeyError(err, "given") from None
        except (Undefined, Undecidable) as exc:
            raise _KeyError(InputError(f"expected given {name} to have a value",
                                       got=str(exc)), "given") from None
    variables = []
    for name, text in claim.for_all:
        try:
            variables.append(resolve_domain(name, text, given))
        except InputError as err:
            located = InputError(err.expected, got=err.got, context=f"{name}")
            located.suggestion = err.suggestion
            located.args = (located._render(),)
            raise _KeyError(located, "for_all") from None
    bound = [*given, *(v.name for v in variables), *(n for n, _ in claim.exists)]
    try:
        assuming = tuple(E.parse(a, bound=bound) for a in claim.assuming)
    except InputError as err:
        raise _KeyError(err, "assuming") from None
    try:
        then = E.parse(claim.then, bound=bound)
    except InputError as err:
        raise _KeyError(err, "then") from None
    return _Parsed(claim, tuple(variables), given, assuming, then,
                   _subject(given, variables))


def _subject(given: Mapping[str, Any], variables: Sequence[_Var]) -> Any:
    if len(given) == 1:
        return next(iter(given.values()))
    structures = {id(v.element.structure): v.element.structure for v in variables
                  if v.element is not None and hasattr(v.element, "structure")}
    if not given and len(structures) == 1:
        return next(iter(structures.values()))
    return None


# -- the verdicts ---------------------------------------------------------------------------------
def decide(claim: Claim, *, seed: int = 0, timeout: float = DEFAULT_TIMEOUT) -> Verdict:
    """Decide one claim; never raises on a problem with the claim (it becomes ``error``).

    Sets ``location``, ``expect``, ``seed`` and ``seconds`` on the verdict.

    >>> from coherence.checks.claims import claim
    >>> decide(claim("c3", given={"H": "structure('group:C3')"},
    ...              then="conv(id, S) == compose(u, eps)")).method
    'identity of linear maps checked on all 3 basis elements'
    """
    from coherence.counterexamples.search import StageLog

    start = time.monotonic()
    folder = root = None
    if claim.location.file and not claim.location.file.startswith("<"):
        folder = str(Path(claim.location.file).resolve().parent)
        root = claim.root or str(project_root(claim.location.file))
    token = BASE_DIR.set(folder)
    root_token = PROJECT_ROOT.set(root)
    limit = _TIMEOUT.set(timeout)
    log = StageLog()
    logged = _LOG.set(log)
    try:
        try:
            with _hard_stop(timeout + HARD_STOP_GRACE):
                verdict = _decide(claim, seed, timeout, start)
        except _TimeUp:
            verdict = Verdict(claim.id, Outcome.UNKNOWN, method="interrupted",
                              detail=f"stopped by the --timeout of {timeout:g} s"
                              + _where_stopped(log))
        except MemoryError:
            log.end("out of memory")
            cap = MEMORY_LIMIT.get()
            verdict = Verdict(claim.id, Outcome.UNKNOWN, method="interrupted",
                              detail=("stopped by the memory limit"
                                      + (f" of {cap}" if cap else "") + _where_stopped(log)))
    except _KeyError as exc:
        verdict = claim.error(exc.err, exc.key)
    except InputError as err:
        verdict = claim.error(err, "then")
    except RecursionError:
        verdict = claim.error(InputError("expected a claim nested less deeply",
                                         got="too deep a nesting"))
    except Exception as exc:  # a bug of ours: one claim's error, never the run's end
        if isinstance(exc, ValueError) and "integer string conversion" in str(exc):
            # an exact value too long for Python to print (or to hand to Z3 as text)
            verdict = claim.error(InputError(
                f"expected numbers of at most {MAX_DIGITS} digits along the way",
                got="a larger intermediate value"))
        else:
            verdict = claim.error(InputError(
                "expected a claim coherence can evaluate (please report this)",
                got=f"internal error {type(exc).__name__}: {exc}"[:300]))
    finally:
        BASE_DIR.reset(token)
        PROJECT_ROOT.reset(root_token)
        _TIMEOUT.reset(limit)
        _LOG.reset(logged)
    log.end("stopped")
    seconds = time.monotonic() - start
    verdict = verdict.with_(
        id=claim.id,
        statement=claim.statement or verdict.statement or claim.then,
        location=verdict.location if verdict.outcome is Outcome.ERROR and verdict.location
        else claim.location,
        expect=claim.expect,
        seed=seed,
        seconds=seconds,
        budget_used=seconds / timeout if timeout > 0 else None,
        stages=tuple(log.entries),
    )
    if verdict.witness is not None and verdict.witness_data is None:
        from coherence.checks.witness_data import as_data  # exact values as data (JSON)

        verdict = verdict.with_(witness_data=as_data(verdict.witness_values))
    return _sendable(verdict)


def _where_stopped(log: Any) -> str:
    """`` after canonical seeds (during exact simplification)``: where a stop came."""
    text = f" after {log.last}" if log.last else " before any stage ended"
    if log.current:
        text += f" (during {log.current})"
    return text


@contextlib.contextmanager
def _stage(name: str) -> Iterator[Callable[[str], None]]:
    """Record a stage of the claim being decided; ``yield`` sets what it counted."""
    log = _LOG.get()
    counted = [""]
    if log is not None:
        log.start(name)
    yield lambda text: counted.__setitem__(0, text)
    # an exception (the hard stop, say) leaves the stage current: the stop names it
    if log is not None and log.current == name:
        log.end(counted[0])


def _sendable(verdict: Verdict) -> Verdict:
    """In a worker process (``--jobs N``), drop witness values that cannot be pickled
    back to the parent (live objects holding lambdas): the witness text stays."""
    import multiprocessing
    import pickle

    if verdict.witness_values is None or multiprocessing.parent_process() is None:
        return verdict
    try:
        pickle.dumps(verdict.witness_values)
    except Exception:  # noqa: BLE001 - whatever pickling raises, the text is enough
        return verdict.with_(witness_values=None)
    return verdict


def _verdict(claim: Claim, outcome: Outcome, **fields: Any) -> Verdict:
    return Verdict(claim.id, outcome, **fields)


def _stopped(p: _Parsed, method: str, progress: str) -> Verdict:
    """``unknown``: the claim's timeout stopped the method before its count was done.

    Partial counts depend on the machine's speed, so they are never called evidence."""
    return _verdict(p.claim, Outcome.UNKNOWN, method=method,
                    detail=f"stopped by the --timeout of {_TIMEOUT.get():g} s ({progress})")


def _decide(claim: Claim, seed: int, timeout: float, start: float) -> Verdict:
    with _stage("reading the claim"):
        p = _parse(claim)
    if claim.exists:  # ∀ for_all ∃ exists (checks/exists.py)
        from coherence.checks.exists import decide_exists

        try:
            inner = [resolve_domain(n, t, p.given) for n, t in claim.exists]
        except InputError as err:
            raise _KeyError(err, "exists") from None
        return decide_exists(p, inner, seed, timeout, start)
    parts = conjunctions.split(p.then, p.env({}))
    if len(parts) > 1:  # each conjunct alone (checks/conjunctions.py)
        verdicts = []
        for k, (node, bound) in enumerate(parts):
            share = (start + timeout - time.monotonic()) / (len(parts) - k)
            q = replace(p, then=node, given={**p.given, **bound})
            verdicts.append(_decide_parsed(q, seed, max(share, 0.0), time.monotonic()))
        confirm = None if not p.variables else partial(_confirm, p)
        return conjunctions.combine(claim.id, parts, verdicts, confirm)
    return _decide_parsed(p, seed, timeout, start)


def _confirm(p: _Parsed, part: Verdict) -> tuple[str | None, str | None, str | None] | None:
    """The whole claim's sides at a conjunct's witness and which part of it fails there,
    or None if the whole claim is not violated there."""
    raw = part.witness_values if isinstance(part.witness_values, Mapping) else {}
    names = {v.name: v for v in p.variables}
    if set(raw) != set(names):
        return None
    tries = [dict(raw)]
    if all(names[n].var is not None for n in raw):
        try:
            tries.append({n: _to_value(names[n].var, x) for n, x in raw.items()})
        except (InputError, TypeError, ValueError, AttributeError):
            pass
    for values in tries:
        try:
            res = p.status(values)
        except (InputError, TypeError, ValueError, AttributeError):
            continue
        if res.status is PointStatus.VIOLATED:
            return res.lhs, res.rhs, p.failing(values)
    return None


def _decide_parsed(p: _Parsed, seed: int, timeout: float, start: float) -> Verdict:
    deadline = start + timeout
    decider = _decider_call(p.then)
    if decider is not None and not p.variables:
        with _stage(f"decider {decider[0].name}"):
            return _from_decider(p, *decider)
    if not p.variables:
        with _stage("exact evaluation"):
            return _closed(p)
    if all(v.element is not None for v in p.variables):
        return _elements(p, seed, deadline)
    if all(v.finite is not None or (v.var is not None and _bounded_int(v.var))
           for v in p.variables):
        size = 1
        for v in p.variables:
            size *= _finite_size(v)
        if size <= FINITE_LIMIT and any(v.finite is not None for v in p.variables):
            return _exhaustive(p, size, deadline)
    if all(v.var is not None for v in p.variables):
        return _numeric(p, seed, timeout, start)
    return _sampled(p, seed, deadline, "mixed domains")


def _decider_call(node: E.Expr) -> tuple[E.Call, bool] | None:
    negated = False
    while isinstance(node, E.Unary) and node.op == "not":
        negated = not negated
        node = node.operand
    if isinstance(node, E.Call) and node.kind == "decider":
        return node, negated
    return None


def _from_decider(p: _Parsed, call: E.Call, negated: bool) -> Verdict:
    env = p.env({})
    try:
        decision = evaluate(call, env)
    except (Undefined, Undecidable) as exc:
        return _verdict(p.claim, Outcome.UNKNOWN, method=call.name, detail=str(exc))
    if not isinstance(decision, vocabulary.Decision):
        decision = vocabulary.Decision(
            Outcome.PROVED if as_bool(decision) else Outcome.REFUTED, f"{call.name} (exact)",
            witness=None if as_bool(decision) else (("claim", str(call)),))
    if negated and decision.outcome is Outcome.EVIDENCE:
        # P held on samples: evidence *against* not P, and no counterexample to show
        return _verdict(p.claim, Outcome.UNKNOWN, method=decision.method,
                        detail="the negated predicate held where it was tried ("
                        + (decision.detail or "samples") + "), so this claim is likely false, "
                        "but there is no counterexample to show")
    if negated:
        decision = decision.negated()
    return _verdict(p.claim, decision.outcome, method=decision.method, witness=decision.witness,
                    lhs=decision.lhs, rhs=decision.rhs, residual=decision.residual,
                    detail=decision.detail, witness_values=decision.witness_values)


def _closed(p: _Parsed) -> Verdict:
    env = p.env({})
    try:
        for a in p.assuming:
            if not truth(a, env):
                return _verdict(p.claim, Outcome.PROVED,
                                method="vacuously: an assumption is false (exact evaluation)",
                                detail=f"assumption {a} is false, so the claim says nothing",
                                vacuous=True)
        node = p.then
        if isinstance(node, E.Compare) and len(node.ops) == 1 and node.ops[0] in ("==", "!="):
            lhs = resolve(evaluate(node.operands[0], env), env)
            rhs = resolve(evaluate(node.operands[1], env), env)
            explain = getattr(lhs, "explain_equality", None)
            if callable(explain) and type(lhs) is type(rhs):
                equal, method, witness, l_text, r_text = explain(rhs)
                holds = equal if node.ops[0] == "==" else not equal
                if holds:
                    return _verdict(p.claim, Outcome.PROVED, method=method)
                if node.ops[0] == "==":
                    return _verdict(p.claim, Outcome.REFUTED, method=method, witness=witness,
                                    lhs=l_text, rhs=r_text)
                return _verdict(p.claim, Outcome.REFUTED, method=method,
                                witness=(("maps", "equal on every basis element"),))
        ok = truth(p.then, env)
    except Undefined as exc:
        raise InputError("expected a claim with a value", got=f"undefined: {exc}") from None
    except Undecidable as exc:
        return _verdict(p.claim, Outcome.UNKNOWN, method="exact evaluation",
                        detail=f"could not decide: {exc}")
    if ok:
        return _verdict(p.claim, Outcome.PROVED, method="exact evaluation")
    lhs, rhs = _sides(p.then, env)
    return _verdict(p.claim, Outcome.REFUTED, method="exact evaluation",
                    witness=(("claim", "no variables"),), lhs=lhs, rhs=rhs,
                    failing=p.failing({}))


# -- finite domains -------------------------------------------------------------------------------
def _bounded_int(var: Variable) -> bool:
    return var.kind == "integer" and var.lo is not None and var.hi is not None


def _finite_size(v: _Var) -> int:
    if v.finite is not None:
        return v.finite.size
    if v.var is None:
        raise InternalError("a finite variable without a domain")
    width = int(v.var.hi - v.var.lo) + 1  # type: ignore[operator]
    return width ** v.var.size


def _finite_values(v: _Var) -> list[tuple[Any, str]]:
    if v.finite is not None:
        return [(x, v.finite.render(x)) for x in v.finite.elements()]
    var = v.var
    if var is None:
        raise InternalError("a finite variable without a domain")
    lo, hi = int(var.lo), int(var.hi)  # type: ignore[arg-type]
    rng = sorted(range(lo, hi + 1), key=lambda k: (abs(k), k < 0))
    out = []
    for flat in itertools.product(rng, repeat=var.size):
        raw = var.from_flat(flat)
        out.append((_to_value(var, raw), format_value(raw)))
    return out


def _exhaustive(p: _Parsed, size: int, deadline: float) -> Verdict:
    with _stage("exhaustive enumeration") as counted:
        counted(f"{size} points")
        return _exhaustive_run(p, size, deadline)


def _exhaustive_run(p: _Parsed, size: int, deadline: float) -> Verdict:
    domains = [_finite_values(v) for v in p.variables]
    names = [v.name for v in p.variables]
    checked = undecided = vacuous = 0
    for combo in itertools.product(*domains):
        if time.monotonic() > deadline:
            return _stopped(p, "exhaustive enumeration", f"{checked} of {size} points checked")
        values = {n: val for n, (val, _) in zip(names, combo, strict=True)}
        res = p.status(values)
        checked += 1
        if res.status is PointStatus.VIOLATED:
            witness = tuple((n, text) for n, (_, text) in zip(names, combo, strict=True))
            return _verdict(p.claim, Outcome.REFUTED,
                            method="exhaustive enumeration, exact evaluation at each point",
                            witness=witness, lhs=res.lhs, rhs=res.rhs,
                            detail=f"first failure of {size} points in order",
                            witness_values=values, failing=p.failing(values))
        undecided += res.status is PointStatus.UNDECIDED
        vacuous += res.status is PointStatus.VACUOUS
    desc = "; ".join(f"{v.name} in {v.finite.description if v.finite else v.text}"
                     for v in p.variables)
    if undecided:
        return _verdict(p.claim, Outcome.UNKNOWN, method="exhaustive enumeration",
                        detail=f"{undecided} of {size} points undecided by the exact check")
    return _exhaustive_proof(p, size, vacuous, desc)


#: Why a point of a finite domain is left out of an exhaustive proof.
_EXCLUDED = "an assumption false or an expression undefined there"


def _exhaustive_proof(p: _Parsed, size: int, excluded: int, detail: str = "") -> Verdict:
    """``proved`` by enumerating all ``size`` points, ``excluded`` of which did not count;
    when none counted the claim holds *vacuously*, and the verdict says so."""
    if excluded >= size:
        what = (f"all {size} excluded ({_EXCLUDED})" if size else "the domain is empty")
        return _verdict(p.claim, Outcome.PROVED, vacuous=True,
                        method=f"vacuously: exhaustive over {size} points, {what}",
                        detail=detail)
    more = f", {excluded} excluded ({_EXCLUDED})" if excluded else ""
    return _verdict(p.claim, Outcome.PROVED, method=f"exhaustive over {size} points{more}",
                    detail=detail)


def _vacuity_budget(start: float, timeout: float) -> float:
    """Seconds for a vacuity proof: a fifth of the timeout, and never so close to the
    claim's deadline that starting a solver could overrun it."""
    return min(0.2 * timeout, start + timeout - time.monotonic() - 0.5)


def _vacuity(p: _Parsed, variables: Sequence[Variable], seconds: float) -> str | None:
    """Z3's proof that no point of the domain is admissible (every assumption true, every
    expression defined), as text for a method — or ``None``."""
    from coherence.checks.z3_encode import admissible_builder
    from coherence.counterexamples.z3_search import STRATEGIES, portfolio

    if seconds < 0.1:
        return None
    builder = admissible_builder(p.assuming, p.then, variables, dict(p.given))
    if builder is None:
        return None
    problem = SearchProblem(tuple(variables), lambda pt: PointResult(PointStatus.UNDECIDED),
                            z3_counterexample=builder)
    complete = tuple(s for s in STRATEGIES if s.complete)[:2]
    out = portfolio(problem, timeout=seconds, accept=None, strategies=complete)
    if out.proof is None:
        return None
    solver = out.proof.rpartition("(")[2].rstrip(")")
    return ("vacuously: no point of the domain satisfies the assumptions with every "
            f"expression defined (z3: unsat, {solver})")


# -- elements of a structure ----------------------------------------------------------------------
class _NotPoly(Exception):
    pass


def _degrees(node: E.Expr, names: frozenset[str]) -> dict[str, tuple[int, int]]:
    """Per element variable, the (min, max) degree of ``node``; raises _NotPoly."""
    from coherence.checks.vocab_hopf import LINEAR

    def merge(a: dict[str, tuple[int, int]], b: dict[str, tuple[int, int]]) -> dict:
        out = {}
        for k in set(a) | set(b):
            x, y = a.get(k, (0, 0)), b.get(k, (0, 0))
            out[k] = (min(x[0], y[0]), max(x[1], y[1]))
        return out

    def add(a: dict[str, tuple[int, int]], b: dict[str, tuple[int, int]]) -> dict:
        out = {}
        for k in set(a) | set(b):
            x, y = a.get(k, (0, 0)), b.get(k, (0, 0))
            out[k] = (x[0] + y[0], x[1] + y[1])
        return out

    if isinstance(node, E.Num | E.Str | E.Bool):
        return {}
    if isinstance(node, E.Name):
        return {node.id: (1, 1)} if node.id in names else {}
    if isinstance(node, E.Unary) and node.op in "+-":
        return _degrees(node.operand, names)
    if isinstance(node, E.Binary):
        a, b = _degrees(node.left, names), _degrees(node.right, names)
        if node.op in ("+", "-"):
            return merge(a, b)
        if node.op == "*":
            return add(a, b)
        if node.op == "/" and not b:
            return a
        if node.op == "**" and not a and not b:
            return {}
        raise _NotPoly
    if isinstance(node, E.Call):
        degs = [_degrees(a, names) for a in node.args]
        if node.kwargs:
            raise _NotPoly
        if not any(degs):
            return {}
        if node.name in LINEAR:
            out: dict[str, tuple[int, int]] = {}
            for d in degs:
                out = add(out, d)
            return out
        raise _NotPoly
    if not (E.free_names(node) & names):
        return {}
    raise _NotPoly


def _affine_equation(node: E.Expr, names: frozenset[str]) -> dict[str, tuple[int, int]] | None:
    """Per element variable, the (min, max) degree of ``lhs − rhs`` when ``node`` is one
    equation ``lhs == rhs`` at the top whose sides are polynomial in the element
    variables; ``None`` otherwise.

    Only values of the vector space are polynomial: a truth value produced by a
    comparison, ``not``, ``and``/``or`` or ``implies`` is not an affine function of the
    elements (``(eps(a) == 0) == (a == 0)`` is true on 0 and the basis of ℚ[C₂] and
    false at 1 − g), so a comparison below the top is never part of the argument."""
    if not (isinstance(node, E.Compare) and node.ops == ("==",)):
        return None
    try:
        left, right = (_degrees(x, names) for x in node.operands)
    except _NotPoly:
        return None
    out = {}
    for k in set(left) | set(right):
        x, y = left.get(k, (0, 0)), right.get(k, (0, 0))
        out[k] = (min(x[0], y[0]), max(x[1], y[1]))
    return out


def _elements(p: _Parsed, seed: int, deadline: float) -> Verdict:
    names = frozenset(v.name for v in p.variables)
    degs = _affine_equation(p.then, names) if not p.assuming else None
    if degs is not None and all(hi <= 1 for _, hi in degs.values()):
        homogeneous = all(degs.get(n, (0, 0)) == (1, 1) for n in names)
        pools = []
        for v in p.variables:
            basis = list(v.element.basis_elements())
            pools.append(basis if homogeneous else [v.element.zero(), *basis])
        total = 1
        for pool in pools:
            total *= len(pool)
        if total <= FINITE_LIMIT:
            return _on_basis(p, pools, total, deadline, seed)
    return _sampled(p, seed, deadline, "not a multilinear identity")


def _on_basis(p: _Parsed, pools: list[list[Any]], total: int, deadline: float,
              seed: int) -> Verdict:
    with _stage("multilinear identity on basis tuples") as counted:
        counted(f"{total} basis tuples")
        out = _on_basis_run(p, pools, total, deadline)
    return out if isinstance(out, Verdict) else _sampled(p, seed, deadline, out)


def _on_basis_run(p: _Parsed, pools: list[list[Any]], total: int,
                  deadline: float) -> Verdict | str:
    """The verdict on basis tuples, or why to sample instead."""
    names = [v.name for v in p.variables]
    for k, combo in enumerate(itertools.product(*pools)):
        if time.monotonic() > deadline:
            return _stopped(p, "multilinear identity on basis tuples",
                            f"{k} of {total} basis tuples checked")
        values = dict(zip(names, combo, strict=True))
        res = p.status(values)
        if res.status is PointStatus.VIOLATED:
            env = p.env(values)
            node = p.then
            residual = None
            if isinstance(node, E.Compare):
                try:
                    left = evaluate(node.operands[0], env)
                    residual = str(left - evaluate(node.operands[1], env))
                except (InputError, TypeError, AttributeError, ValueError, Undefined,
                        Undecidable):
                    residual = None
            return _verdict(p.claim, Outcome.REFUTED,
                            method="exact evaluation at basis tuples",
                            witness=tuple((n, str(x)) for n, x in values.items()),
                            lhs=res.lhs, rhs=res.rhs, residual=residual, witness_values=values,
                            failing=p.failing(values))
        if res.status is PointStatus.VACUOUS:  # undefined somewhere: no multilinear argument
            return f"undefined at a basis tuple ({res.note})"
        if res.status is PointStatus.UNDECIDED:
            return _verdict(p.claim, Outcome.UNKNOWN, method="multilinear identity on basis tuples",
                            detail="undecided at "
                            + ", ".join(f"{n} = {x}" for n, x in values.items()))
    structure = p.variables[0].element
    what = getattr(structure, "description", "")
    return _verdict(p.claim, Outcome.PROVED,
                    method=f"multilinear identity checked on all {total} basis tuples",
                    detail=what)


def _random_value(v: _Var, rng: random.Random) -> tuple[Any, str]:
    if v.element is not None:
        x = v.element.random(rng)
        return x, str(x)
    if v.finite is not None:
        k = rng.randrange(v.finite.size) if v.finite.size else 0
        for i, x in enumerate(v.finite.elements()):
            if i == k:
                return x, v.finite.render(x)
        raise InputError("expected a non-empty domain", got=v.text)
    var = v.var
    if var is None:
        raise InternalError("a variable without a domain")
    entries = []
    for _ in range(var.size):
        for _ in range(20):
            num = rng.choice((0, 0, 1, -1, 2, -2, 3, -3, 5))
            den = 1 if var.kind == "integer" else rng.choice((1, 1, 1, 2, 3))
            x = Fraction(num, den)
            if var.admits(x):
                break
        else:
            x = var.lo if var.lo is not None else Fraction(0)
        entries.append(x)
    raw = var.from_flat(entries)
    return _to_value(var, raw), format_value(raw)


def _sampled(p: _Parsed, seed: int, deadline: float, why: str) -> Verdict:
    """Basis/seed values first, then seeded random samples: refuted or evidence."""
    with _stage("sampling") as counted:
        out = _sampled_run(p, seed, deadline, why)
        counted(f"{out.samples or 0} points held" if out.samples else "")
    return out


def _sampled_run(p: _Parsed, seed: int, deadline: float, why: str) -> Verdict:
    rng = random.Random(f"coherence-claims:{seed}")
    names = [v.name for v in p.variables]
    firsts: list[list[tuple[Any, str]]] = []
    for v in p.variables:
        if v.element is not None:
            seeds = getattr(v.element, "seeds", v.element.basis_elements)()
            firsts.append([(x, str(x)) for x in seeds])
        elif v.finite is not None:
            firsts.append([(x, v.finite.render(x))
                           for x in itertools.islice(v.finite.elements(), 8)])
        else:
            firsts.append([_random_value(v, rng)])
    simplest = (tuple(f[i] for f, i in zip(firsts, idx, strict=True))
                for idx in _by_total_rank([len(f) for f in firsts]))
    n_first = min(2000, math.prod(len(f) for f in firsts))
    candidates = itertools.chain(itertools.islice(simplest, 2000),
                                 (tuple(_random_value(v, rng) for v in p.variables)
                                  for _ in range(SAMPLES)))
    held = undecided = tried = 0
    for combo in candidates:
        if time.monotonic() > deadline:
            return _stopped(p, "sampling", f"{tried} points checked, {held} held")
        tried += 1
        values = {n: val for n, (val, _) in zip(names, combo, strict=True)}
        res = p.status(values)
        if res.status is PointStatus.VIOLATED:
            texts = {n: t for n, (_, t) in zip(names, combo, strict=True)}
            values, steps = shrink_witness(  # the one shrinker (checks/shrink_values.py)
                values, lambda v: p.status(v).status is PointStatus.VIOLATED)
            if steps:
                texts = {n: texts[n] if values[n] is combo[k][0] else _text(values[n])
                         for k, n in enumerate(names)}
                res = p.status(values)
            found = f"found after {tried} samples (seed {seed})"
            if tried <= n_first and any(v.element is not None for v in p.variables):
                found += (f", among the first {n_first} (0, 1, the basis, and for an algebra "
                          "its idempotents, nilpotents, zero divisors, halves)")
            if steps:
                found += f"; shrunk in {steps} steps"
            return _verdict(p.claim, Outcome.REFUTED, method="exact evaluation at sampled points",
                            witness=tuple(texts.items()), shrink_steps=steps or None,
                            lhs=res.lhs, rhs=res.rhs, samples=tried, witness_values=values,
                            failing=p.failing(values), detail=found)
        held += res.status is PointStatus.HOLDS
        undecided += res.status is PointStatus.UNDECIDED
    if held:
        return _verdict(p.claim, Outcome.EVIDENCE, method="exact checks at sampled points",
                        samples=held, tolerance=p.claim.tolerance or "exact",
                        detail=f"held at {held} of {tried} points (seed {seed}); {why}"
                        + (f"; {undecided} undecided" if undecided else ""))
    return _verdict(p.claim, Outcome.UNKNOWN, method="sampling",
                    detail=f"no point satisfied the assumptions among {tried} tried ({why})")


# -- numeric claims -------------------------------------------------------------------------------
def _symbols(var: Variable) -> Any:
    import sympy

    assumptions = {"integer": True} if var.kind == "integer" else {"real": True}
    if not var.shape:
        return sympy.Symbol(var.name, **assumptions)
    syms: dict[tuple[int, ...], Any] = {}
    for pos, name in zip(var.positions(), var.entry_names(), strict=True):
        syms[pos] = sympy.Symbol(name, **assumptions)
    if len(var.shape) == 1:
        return Matrix(tuple((syms[(i,)],) for i in range(var.shape[0])))
    n, m = var.shape
    rows = []
    for i in range(n):
        row = []
        for j in range(m):
            key = (i, j) if (i, j) in syms else (j, i)
            row.append(syms[key])
        rows.append(tuple(row))
    return Matrix(tuple(rows))


def _spectral(p: _Parsed) -> str | None:
    """``eigenvalues_real(M)`` where ``M`` is symmetric identically: the spectral theorem."""
    node = p.then
    if not (isinstance(node, E.Call) and node.name == "eigenvalues_real" and len(node.args) == 1):
        return None
    arg = node.args[0]
    symmetric = E.Compare(("==",), (arg, E.Transpose(arg, arg.col)), node.col)
    if _identity(p, symmetric) is None:
        return None
    return ("spectral theorem: the matrix equals its transpose identically "
            "(exact simplification), so its eigenvalues are real")


#: Functions whose value at symbolic arguments, specialised to a point, is their value at
#: that point wherever it is defined (rational operations, analytic functions, Max/Min).
#: Anything else — ``rank`` or ``eigenvalues``, whose symbolic value is only *generic*
#: (the rank of ``[[x, 1], [1, x]]`` is 2 symbolically, 1 at x = 1), functions of other
#: areas — is never part of a proof by simplification.
_POINTWISE = frozenset({
    "abs", "det", "diag", "dot", "exp", "identity", "inverse", "log", "max", "min", "relu",
    "sigmoid", "softmax", "sqrt", "sum", "tanh", "trace", "transpose", "zeros", "cosh", "sinh",
})


def _identity(p: _Parsed, node: E.Expr | None = None) -> str | None:
    """A proof by exact simplification of ``lhs − rhs``, or ``None``.

    With ``node`` given, that equation is checked whatever the assumptions."""
    import sympy

    if node is None:
        if p.assuming:
            return None
        node = p.then
    if not isinstance(node, E.Compare) or set(node.ops) != {"=="}:
        return None
    if any(isinstance(n, E.Call) and n.name not in _POINTWISE for n in E.walk(node)):
        return None  # e.g. rank: symbolically the *generic* rank, wrong on a subvariety
    values = {v.name: _symbols(v.var) for v in p.variables if v.var is not None}
    env = p.env(values)
    try:
        sides = [evaluate(x, env) for x in node.operands]
    except (InputError, Undefined, Undecidable, TypeError, ValueError, AttributeError,
            NotImplementedError, ZeroDivisionError):
        return None

    def entries(x: Any) -> list[Any] | None:
        if isinstance(x, Matrix):
            return list(x.entries())
        if is_scalar(x):
            return [x]
        return None

    first = entries(sides[0])
    if first is None:
        return None
    for other in sides[1:]:
        second = entries(other)
        if second is None or len(second) != len(first):
            return None
        for a, b in zip(first, second, strict=True):
            from coherence.checks.evaluate import to_sympy

            d = to_sympy(a) - to_sympy(b)
            if d == 0:
                continue
            try:
                if d.has(sympy.exp, sympy.log, sympy.tanh, sympy.Max, sympy.Min, sympy.Abs,
                         sympy.cosh, sympy.sinh):
                    if sympy.count_ops(d) > 400 or (
                            sympy.simplify(d.rewrite(sympy.exp)) != 0  # fast, tanh/sigmoid
                            and sympy.simplify(d) != 0):
                        return None
                elif sympy.cancel(sympy.together(d)) != 0:
                    return None
            except (sympy.PolynomialError, NotImplementedError, TypeError, ValueError):
                return None
    if _partial(node, frozenset(v.name for v in p.variables)):
        return ("exact simplification: lhs − rhs = 0 identically, at every point where both "
                "sides are defined")
    return "exact simplification: lhs − rhs = 0 identically"


#: Functions undefined at some real points (where a claim's points are skipped).
_PARTIAL = frozenset({"inverse", "log", "sqrt"})


def _partial(node: E.Expr, names: frozenset[str]) -> bool:
    """Whether ``node`` may be undefined at some values of ``names``: a division by, a
    fractional or negative power of, or ``inverse``/``log``/``sqrt`` of something that
    depends on them."""
    for n in E.walk(node):
        if isinstance(n, E.Call) and n.name in _PARTIAL and any(
                E.free_names(a) & names for a in n.args):
            return True
        if isinstance(n, E.Binary) and n.op == "/" and E.free_names(n.right) & names:
            return True
        if isinstance(n, E.Binary) and n.op == "**" and E.free_names(n.left) & names:
            k = n.right
            if not (isinstance(k, E.Num) and k.value.denominator == 1 and k.value >= 0):
                return True
    return False


def _numeric(p: _Parsed, seed: int, timeout: float, start: float) -> Verdict:
    from coherence.checks.z3_encode import counterexample_builder

    variables = tuple(v.var for v in p.variables if v.var is not None)
    errors: list[InputError] = []
    seen: dict[PointStatus, int] = dict.fromkeys(PointStatus, 0)

    def check(point: Mapping[str, Any]) -> PointResult:
        values = {var.name: _to_value(var, point[var.name]) for var in variables}
        try:
            result = p.status(values)
        except InputError as err:
            errors.append(err)
            result = PointResult(PointStatus.UNDECIDED, note=str(err))
        seen[result.status] += 1
        return result

    def check_values(point: Mapping[str, Any]) -> dict[str, Any]:
        return {var.name: _to_value(var, point[var.name]) for var in variables}

    # surface mistakes in the claim (types, shapes) before searching
    probe = {var.name: var.from_flat([_probe_entry(var)] * var.size) for var in variables}
    check(probe)
    if errors:
        raise errors[0]
    seen.update(dict.fromkeys(PointStatus, 0))
    constants = {k: v for k, v in p.given.items()}
    builder = counterexample_builder(p.assuming, p.then, variables, constants)
    problem = SearchProblem(variables, check, z3_counterexample=builder,
                            seeds=_breakpoint_seeds(p, variables))
    # a softmax lemma is a structural match, cheaper than any exact check at a point: first
    lemma = softmax_lemmas.prove(p)
    symbolic: list[str] = [lemma] if lemma is not None else []

    def prove() -> str | None:
        proof = lemma or _identity(p) or (None if softmax_lemmas.covers(p) else _spectral(p))
        if proof is not None and not symbolic:
            symbolic.append(proof)
        return proof

    # seeds first (cheap false claims), then exact simplification (bounded by expression
    # size), a short Z3 proof attempt (bounded by Z3's resource count), then the rest;
    # the search's deadline is the claim's --timeout, a safety stop
    if lemma is not None:
        return _symbolic_proof(p, variables, lemma, start, timeout)
    out = _search_until(problem, seed, timeout, start + timeout, _budget(p), prove=prove)
    if errors and out.witness is None:
        raise errors[0]
    if out.witness is not None:
        again = check(out.witness)  # re-check once more, here, exactly
        if again.status is PointStatus.VIOLATED:
            witness = tuple((var.name, format_value(out.witness[var.name])) for var in variables)
            detail = f"{out.found_by}, seed {seed}"
            if out.shrunk_from is not None:
                src = ", ".join(format_value(out.shrunk_from[var.name]) for var in variables)
                detail += f"; shrunk from {src} in {out.shrink_steps} steps"
            if "shrinking stopped" in out.stop_reason:
                detail += ("; shrinking stopped by the --timeout (a faster run may show a "
                           "smaller witness)")
            detail += "; confirmed exactly" + _spectra(p, check_values(out.witness))
            return _verdict(p.claim, Outcome.REFUTED,
                            method=f"{out.found_by}, re-checked exactly", witness=witness,
                            lhs=again.lhs, rhs=again.rhs, detail=detail,
                            shrink_steps=out.shrink_steps, samples=out.samples,
                            witness_values=dict(out.witness),
                            failing=p.failing(check_values(out.witness)))
    if out.proof is not None and symbolic and out.proof == symbolic[0]:
        return _symbolic_proof(p, variables, symbolic[0], start, timeout)
    if out.proof is not None:
        left = _vacuity_budget(start, timeout)
        if out.proof.startswith("exhaustive over"):
            size = int(re.search(r"over (\d+) points", out.proof).group(1))  # type: ignore[union-attr]
            return _exhaustive_proof(p, size, out.vacuous).with_(samples=out.samples)
        if p.assuming and seen[PointStatus.HOLDS] == 0:
            vacuous = _vacuity(p, variables, left)
            if vacuous is not None:
                return _verdict(p.claim, Outcome.PROVED, method=vacuous, vacuous=True,
                                detail=out.proof, samples=out.samples)
        return _verdict(p.claim, Outcome.PROVED, method=out.proof, samples=out.samples)
    if out.irrational is not None:
        refuted = _algebraic(p, variables, out, seed)
        if refuted is not None:
            return refuted
    if out.stopped:
        held = seen[PointStatus.HOLDS]
        none = "; no point satisfied the assumptions" if held == 0 else ""
        return _verdict(p.claim, Outcome.UNKNOWN, method="search",
                        detail=f"{out.stop_reason} ({out.samples} points checked, "
                        f"{held} held){none}; tried: {'; '.join(out.tried)}")
    held = seen[PointStatus.HOLDS]
    tried = "; ".join(out.tried)
    if held > 0:
        return _verdict(p.claim, Outcome.EVIDENCE, method="exact checks at searched points",
                        samples=held, tolerance=p.claim.tolerance or "exact",
                        detail=f"held at {held} of {out.samples} exact samples (seed {seed}); "
                        f"{out.stop_reason}; tried: {tried}")
    vacuous = seen[PointStatus.VACUOUS]
    if seen[PointStatus.UNDECIDED] == 0:
        proof = _vacuity(p, variables, _vacuity_budget(start, timeout))
        if proof is not None:
            return _verdict(p.claim, Outcome.PROVED, method=proof, vacuous=True,
                            samples=out.samples, detail=f"{vacuous} points tried, all excluded")
    return _verdict(p.claim, Outcome.UNKNOWN, method="search",
                    detail=f"no point satisfied the assumptions ({vacuous} excluded, "
                    f"{seen[PointStatus.UNDECIDED]} undecided); {out.stop_reason}; tried: {tried}")


#: Piecewise-affine functions: their arguments (differences, for max/min) are breakpoints.
_KINKS = frozenset({"relu", "abs", "max", "min"})


def _breakpoint_seeds(p: _Parsed, variables: Sequence[Variable]) -> tuple[dict[str, Any], ...]:
    """Seed points between the breakpoints of ``relu``/``abs``/``max``/``min`` whose
    argument is affine in one scalar variable: counterexamples of piecewise claims often
    lie strictly between two breakpoints (``relu(x - 3)*relu(4 - x) == 0`` fails only for
    3 < x < 4), where integers and the canonical fractions never land. For each such
    variable: the midpoints of consecutive breakpoints and a point half a unit beyond
    each end, with the other variables at 0."""
    import sympy

    scalars = [v for v in variables if not v.shape]
    if not scalars:
        return ()
    syms = {v.name: sympy.Symbol(v.name, real=True) for v in scalars}
    env = p.env(dict(syms))
    cuts: dict[str, set[Fraction]] = {v.name: set() for v in scalars}
    for node in (n for t in (*p.assuming, p.then) for n in E.walk(t)):
        if not (isinstance(node, E.Call) and node.name in _KINKS and not node.kwargs):
            continue
        if len(node.args) == 1:
            args: tuple[E.Expr, ...] = node.args
        elif len(node.args) == 2:
            args = (E.Binary("-", node.args[0], node.args[1], node.col),)
        else:
            continue
        for arg in args:
            if not E.free_names(arg) or not E.free_names(arg) <= set(syms):
                continue
            try:
                value = evaluate(arg, env)
                expr = sympy.expand(to_sympy(value))
            except (InputError, Undefined, Undecidable, TypeError, ValueError,
                    AttributeError):
                continue
            free = [k for k, x in syms.items() if expr.has(x)]
            if len(free) != 1:
                continue
            x = syms[free[0]]
            try:
                poly = sympy.Poly(expr, x)
            except sympy.PolynomialError:
                continue
            if poly.degree() != 1 or not all(c.is_Rational for c in poly.all_coeffs()):
                continue
            a, b = poly.all_coeffs()
            root = -b / a
            cuts[free[0]].add(Fraction(int(root.p), int(root.q)))
    points: list[dict[str, Any]] = []
    for v in scalars:
        marks = sorted(cuts[v.name])
        if not marks:
            continue
        values = [(x + y) / 2 for x, y in itertools.pairwise(marks)]
        values += [marks[0] - Fraction(1, 2), marks[-1] + Fraction(1, 2)]
        for value in values:
            if v.admits(value):
                points.append({w.name: value if w is v else _probe_zero(w) for w in variables})
    return tuple(points)


def _probe_zero(var: Variable) -> Any:
    """0 in the variable's shape (or its nearest admissible entry)."""
    return var.from_flat([_probe_entry(var) if not var.admits(Fraction(0)) else Fraction(0)]
                         * var.size)


def _defined_somewhere(p: _Parsed, variables: Sequence[Variable], tries: int = 50) -> bool:
    """Whether one of the first canonical seed points is admissible (every assumption
    true and every expression defined)."""
    from coherence.counterexamples.seeds import seed_points

    problem = SearchProblem(tuple(variables), lambda pt: PointResult(PointStatus.UNDECIDED))
    for point in seed_points(problem, limit=tries)[:tries]:
        values = {var.name: _to_value(var, point[var.name]) for var in variables}
        try:
            if p.status(values).status in (PointStatus.HOLDS, PointStatus.VIOLATED):
                return True
        except InputError:
            return True  # a type error is reported by the search, not taken for vacuity
    return False


def _symbolic_proof(p: _Parsed, variables: Sequence[Variable], proof: str, start: float,
                    timeout: float) -> Verdict:
    """``proved`` by a lemma or exact simplification — vacuously when nothing is defined."""
    if "where both sides are defined" in proof and not _defined_somewhere(p, variables):
        vacuous = _vacuity(p, variables, _vacuity_budget(start, timeout))
        if vacuous is not None:
            return _verdict(p.claim, Outcome.PROVED, method=vacuous, vacuous=True, detail=proof)
    return _verdict(p.claim, Outcome.PROVED, method=proof)


def _algebraic(p: _Parsed, variables: Sequence[Variable], out: Any, seed: int) -> Verdict | None:
    """``refuted`` at Z3's algebraic model when the exact check (algebraic numbers, never
    floats) confirms it; ``None`` when the model is outside the domain or not confirmed.
    Only real variables may take irrational values (not ``Rational`` or ``Integer``)."""
    import sympy
    from coherence.checks.evaluate import compare_scalars
    from coherence.counterexamples.z3_search import algebraic_values

    try:
        entries = algebraic_values(out.irrational)
    except (ValueError, IndexError, ZeroDivisionError, sympy.PolynomialError):
        return None
    values: dict[str, Any] = {}
    k = 0
    for var in variables:
        mine = entries[k:k + var.size]
        k += var.size
        for x in mine:
            if isinstance(x, Fraction):
                if not var.admits(x):
                    return None
                continue
            if var.kind != "real":
                return None
            try:
                if (var.lo is not None and compare_scalars("<", x, var.lo)) or (
                        var.hi is not None and compare_scalars(">", x, var.hi)):
                    return None
            except (Undefined, Undecidable):
                return None
        values[var.name] = _exact_value(var, mine)
    try:
        res = p.status(values)
    except InputError:
        return None
    if res.status is not PointStatus.VIOLATED:
        return None
    witness = tuple((n, _text(v)) for n, v in values.items())
    return _verdict(p.claim, Outcome.REFUTED,
                    method=f"{out.irrational_by}, algebraic, re-checked exactly",
                    witness=witness, lhs=res.lhs, rhs=res.rhs, samples=out.samples,
                    witness_values=values, failing=p.failing(values),
                    detail=f"{out.irrational_by}, seed {seed}: false only at irrational points "
                    "tried; the witness is an exact algebraic number, confirmed exactly"
                    + _spectra(p, values))


def _exact_value(var: Variable, entries: Sequence[Any]) -> Any:
    """A variable's value from exact entries (rationals or SymPy algebraic numbers)."""
    from coherence.checks.evaluate import norm

    vals = [norm(x) for x in entries]
    if not var.shape:
        return vals[0]
    if len(var.shape) == 1:
        return Matrix.column(vals)
    n, m = var.shape
    grid: list[list[Any]] = [[Fraction(0)] * m for _ in range(n)]
    for (i, j), v in zip(var.positions(), vals, strict=True):
        grid[i][j] = v
        if var.symmetric:
            grid[j][i] = v
    return Matrix.of(grid)


_SPECTRAL = ("eigenvalues_real", "eigenvalues_real_positive", "is_positive_definite",
             "is_positive_semidefinite")


def _spectra(p: _Parsed, values: Mapping[str, Any]) -> str:
    """``; eigenvalues of A: 1, 1`` for the matrices of spectral predicates at a witness."""
    from coherence.checks.vocab_core import eigenvalues

    env = p.env(values)
    notes: list[str] = []
    seen: set[str] = set()
    for node in (n for t in (*p.assuming, p.then) for n in E.walk(t)):
        if isinstance(node, E.Call) and node.name in _SPECTRAL and len(node.args) == 1:
            text = str(node.args[0])
            if text in seen:
                continue
            seen.add(text)
            try:
                spectrum = eigenvalues(evaluate(node.args[0], env))
            except (InputError, Undefined, Undecidable):
                continue
            notes.append(f"eigenvalues of {text}: " + ", ".join(_text(x) for x in spectrum))
    return "".join(f"; {n}" for n in notes)


#: Functions whose exact checks are slow (symbolic values, ball arithmetic).
_SLOW = frozenset({"exp", "log", "tanh", "sigmoid", "softmax", "sqrt", "eigenvalues"})
#: Functions whose exact checks are moderately slow (spectral predicates, rank, inverse).
_MEDIUM = frozenset({"eigenvalues_real", "eigenvalues_real_positive", "is_positive_definite",
                     "is_positive_semidefinite", "rank", "inverse"})


def _budget(p: _Parsed) -> Any:
    """Search budget: counts small enough that slow exact checks finish by count (so the
    same seed gives the same samples), and a short early Z3 proof attempt."""
    from coherence.counterexamples.search import Budget

    nodes = [n for t in (*p.assuming, p.then) for n in E.walk(t)]
    calls = {n.name for n in nodes if isinstance(n, E.Call)}
    if calls & _SLOW:
        return Budget(seed_points=300, exhaustive_points=300, random_samples=100,
                      hypothesis_examples=50, shrink_calls=300, z3_early=0.3)
    if calls & _MEDIUM:  # exact root counting per point: ~1 ms for 3×3
        return Budget(exhaustive_points=1000, z3_early=0.3)
    return Budget(z3_early=0.3)


def _search_until(problem: SearchProblem, seed: int, timeout: float, deadline: float,
                  budget: Any, prove: Callable[[], str | None] | None = None) -> Any:
    from coherence.counterexamples.search import search

    return search(problem, seed=seed, timeout=timeout, budget=budget, deadline=deadline,
                  prove=prove, log=_LOG.get())


def _probe_entry(var: Variable) -> Fraction:
    for x in (Fraction(1), Fraction(0)):
        if var.admits(x):
            return x
    return var.lo if var.lo is not None else Fraction(0)


def decide_all(claims: Sequence[Claim], *, seed: int = 0, timeout: float = DEFAULT_TIMEOUT,
               progress: Callable[[Verdict], None] | None = None) -> tuple[Verdict, ...]:
    """Decide several claims in order (``progress`` is called after each).

    >>> from coherence.checks.claims import claim
    >>> [v.outcome.value for v in decide_all([claim("a", then="1 < 2"), claim("b", then="2 < 1")])]
    ['proved', 'refuted']
    """
    out = []
    for c in claims:
        v = decide(c, seed=seed, timeout=timeout)
        if progress is not None:
            progress(v)
        out.append(v)
    return tuple(out)
