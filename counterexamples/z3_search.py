"""Z3 model finding for a search problem: a portfolio of solvers, each in a killable child.

The problem's ``z3_counterexample`` builder receives one Z3 constant per free entry
(``Int`` for integer variables, ``Real`` otherwise; bounds are added here), keyed by
:meth:`Variable.entry_names` — and, for a symmetric matrix, also by the mirrored names
(``A[1, 0]`` is the same constant as ``A[0, 1]``). It returns a formula satisfiable
exactly when a counterexample exists.

Each strategy of the portfolio runs in a child process (``multiprocessing`` with the
fork context) under a hard wall-clock limit; a child that overruns is killed, so a
stuck solver — or a builder stuck in Python — never hangs the run. The child sends
back only strings: ``"sat"`` with the model's values (exact rationals, or algebraic
numbers approximated to 40 digits), ``"unsat"``, or ``"unknown"`` with Z3's reason.

In the parent, a model is never trusted: its values are rationalised (simplest
first, :func:`coherence.counterexamples.exact.candidate_points`) and each candidate is
judged by the caller's exact ``accept``. ``unsat`` from a complete strategy is a
proof that no counterexample exists; ``unsat`` under the small-integer restriction
only says there is no small integer one.

Examples
--------
>>> import z3
>>> from fractions import Fraction as F
>>> from coherence.counterexamples.problem import SearchProblem, Variable, PointResult
>>> x = Variable("x", "real")
>>> p = SearchProblem((x,), check=lambda pt: None,
...                   z3_counterexample=lambda v: v["x"] * v["x"] == 2)
>>> r = portfolio(p, timeout=5, accept=lambda flat: abs(flat[0] ** 2 - 2) < F(1, 100))
>>> r.witness, r.found_by
((Fraction(-17, 12),), 'z3 model (default solver)')
>>> p2 = SearchProblem((x,), check=lambda pt: None,
...                    z3_counterexample=lambda v: v["x"] * v["x"] < 0)
>>> portfolio(p2, timeout=5, accept=lambda flat: True).proof
'z3: counterexample condition unsat (default solver)'
"""

from __future__ import annotations

import itertools
import multiprocessing
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any

from coherence.algebra.errors import InternalError
from coherence.counterexamples.exact import candidate_points
from coherence.counterexamples.problem import SearchProblem

__all__ = ["DEFAULT", "RLIMIT", "STRATEGIES", "Attempt", "Strategy", "Z3Search", "in_child", "portfolio",
           "run_strategy", "z3_vars"]

#: Z3 resource units (``rlimit``) per unit of a strategy's weight: the *counted* budget
#: that ends a strategy the same way on every machine. The wall-clock limit is only a
#: safety stop; a strategy ended by it makes the search ``stopped`` (never evidence).
RLIMIT = 1_000_000


@dataclass(frozen=True, slots=True)
class Strategy:
    """One portfolio member: a Z3 solver configuration and its share of the time."""

    name: str
    kind: str  # "solver" | "tactic" | "small-integers"
    tactic: str = ""
    seed: int = 0
    weight: float = 1.0
    complete: bool = True  # an unsat answer is a proof


#: Z3's default solver (complete on polynomial real arithmetic: its ``unsat`` is a proof).
DEFAULT = Strategy("default solver", "solver", weight=3)

#: The default portfolio, in order: a small-integer model first (readable witnesses; its
#: ``unsat`` proves nothing), then complete solvers whose ``unsat`` is a proof.
STRATEGIES: tuple[Strategy, ...] = (
    Strategy("small integer model", "small-integers", weight=1, complete=False),
    DEFAULT,
    Strategy("tactic qfnra-nlsat", "tactic", tactic="qfnra-nlsat", weight=2),
    Strategy("tactic smt, seed 1", "tactic", tactic="smt", seed=1, weight=1),
    Strategy("tactic smt, seed 2", "tactic", tactic="smt", seed=2, weight=1),
)

#: Entries of a small-integer model are searched within ``[-SMALL_BOUND, SMALL_BOUND]``.
SMALL_BOUND = 9


@dataclass(frozen=True, slots=True)
class Attempt:
    """What one strategy said: ``sat`` (with model strings), ``unsat``, ``unknown``,
    ``budget`` (its counted Z3 resource budget ran out: the same on every machine),
    ``timeout`` (the wall-clock safety stop) or ``error``; its time limit and how long it
    really took."""

    strategy: str
    status: str
    model: tuple[str, ...] | None = None
    reason: str = ""
    seconds: float = 0.0
    limit: float = 0.0

    def describe(self) -> str:
        """One line for ``tried``; it names the time *limit*, never the measured time,
        so that one seed gives one text.

        >>> Attempt("tactic qfnra-nlsat", "timeout", limit=2.0).describe()
        'z3 tactic qfnra-nlsat: timed out after 2 s'
        >>> Attempt("default solver", "unknown", reason="incomplete").describe()
        'z3 default solver: unknown (incomplete)'
        """
        if self.status == "timeout" and not self.limit:  # the safety stop: no speed-dependent figure
            return f"z3 {self.strategy}: stopped by the timeout"
        if self.status == "timeout":
            return f"z3 {self.strategy}: timed out after {_secs(self.limit)}"
        if self.status == "budget":
            return f"z3 {self.strategy}: gave up ({self.reason})"
        tail = f" ({self.reason})" if self.reason else ""
        return f"z3 {self.strategy}: {self.status}{tail}"


@dataclass(frozen=True, slots=True)
class Z3Search:
    """The portfolio's result: a witness that passed ``accept``, or a proof, or neither."""

    witness: tuple[Fraction, ...] | None
    found_by: str
    proof: str | None
    attempts: tuple[Attempt, ...]
    stop_reason: str
    #: the first model with irrational (algebraic) values that no rationalisation
    #: confirmed, as model strings (see :func:`algebraic_values`), and its strategy
    irrational: tuple[str, ...] | None = None
    irrational_by: str = ""
    #: whether a strategy got less than its nominal share because the real deadline was
    #: near (a slow machine), or none was left for it: its answer depends on speed
    cut: bool = False

    @property
    def tried(self) -> tuple[str, ...]:
        """One line per strategy run."""
        return tuple(a.describe() for a in self.attempts)


def _secs(s: float) -> str:
    return f"{s:.0f} s" if s >= 1 else f"{s:.1f} s"


def z3_vars(problem: SearchProblem) -> tuple[dict[str, Any], list[Any], list[Any]]:
    """Z3 constants for the problem's free entries: ``(by name, in flat order, bounds)``.

    >>> from coherence.counterexamples.problem import SearchProblem, Variable
    >>> S = Variable("S", "integer", shape=(2, 2), symmetric=True, lo=Fraction(0))
    >>> names, flat, bounds = z3_vars(SearchProblem((S,), check=lambda pt: None))
    >>> names["S[1, 0]"] is names["S[0, 1]"], len(flat), [str(b) for b in bounds]
    (True, 3, ['S[0, 0] >= 0', 'S[0, 1] >= 0', 'S[1, 1] >= 0'])
    """
    import z3

    by_name: dict[str, Any] = {}
    flat: list[Any] = []
    bounds: list[Any] = []
    for var in problem.variables:
        make = z3.Int if var.kind == "integer" else z3.Real
        for name, pos in zip(var.entry_names(), var.positions(), strict=True):
            c = make(name)
            by_name[name] = c
            flat.append(c)
            if var.symmetric and len(pos) == 2 and pos[0] != pos[1]:
                by_name[f"{var.name}[{pos[1]}, {pos[0]}]"] = c
            if var.lo is not None:
                bounds.append(c >= _val(var.lo))
            if var.hi is not None:
                bounds.append(c <= _val(var.hi))
    return by_name, flat, bounds


def _val(x: Fraction) -> Any:
    import z3

    return z3.RealVal(f"{x.numerator}/{x.denominator}") if x.denominator != 1 else x.numerator


def _model_value(v: Any) -> str:
    """A model value as a string Fraction() can read (algebraic: 40-digit approximation)."""
    import z3

    if z3.is_int_value(v):
        return str(v.as_long())
    if z3.is_rational_value(v):
        f = v.as_fraction()
        return f"{f.numerator}/{f.denominator}"
    if z3.is_algebraic_value(v):  # the approximation, then "|" the exact root
        f = v.approx(40).as_fraction()
        coeffs = ",".join(str(c) for c in v.poly())
        return f"{f.numerator}/{f.denominator}|{coeffs}|{v.index()}"
    raise ValueError(f"unexpected model value {v}")


def _solve(problem: SearchProblem, strategy: Strategy, timeout: float,
           rlimit: int = 0) -> tuple[str, Any, str]:
    """Run one strategy in this process: ``(status, model strings, reason)``; with
    ``rlimit``, Z3 gives up after that many resource units (status ``budget``)."""
    import z3

    by_name, flat, bounds = z3_vars(problem)
    if problem.z3_counterexample is None:
        raise InternalError("a Z3 search for a problem without a Z3 encoding")
    formula = problem.z3_counterexample(by_name)
    facts = [formula, *bounds]
    if strategy.kind == "small-integers":
        for c in flat:
            if c.is_real():
                k = z3.FreshInt("k")
                facts += [c == z3.ToReal(k), k >= -SMALL_BOUND, k <= SMALL_BOUND]
            else:
                facts += [c >= -SMALL_BOUND, c <= SMALL_BOUND]
        solver = z3.Solver()
    elif strategy.kind == "tactic":
        tactic = z3.Tactic(strategy.tactic)
        if strategy.seed:
            tactic = z3.With(tactic, random_seed=strategy.seed)
        solver = z3.Then(z3.Tactic("simplify"), tactic).solver()
    else:
        solver = z3.Solver()
    # Z3's own timeout is soft and a little shorter than the parent's hard kill
    solver.set("timeout", max(1, int(timeout * 900)))
    if rlimit:
        solver.set("rlimit", rlimit)
    solver.add(*facts)
    result = solver.check()
    if result == z3.sat:
        m = solver.model()
        return "sat", tuple(_model_value(m.eval(c, model_completion=True)) for c in flat), ""
    if result == z3.unsat:
        return "unsat", None, ""
    if result == z3.unknown and rlimit and _spent(solver) >= rlimit:
        return "budget", None, f"{rlimit:,} resource units"
    return "unknown", None, solver.reason_unknown()


def _spent(solver: Any) -> int:
    stats = solver.statistics()
    return int(stats.get_key_value("rlimit count")) if "rlimit count" in stats.keys() else 0


def _die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies (no orphans on SIGTERM)."""
    import ctypes
    import signal

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the parent still kills it on time
        pass


def in_child(fn: Callable[..., Any], *args: Any, timeout: float) -> tuple[str, Any]:
    """Run ``fn(*args)`` in a forked child killed after ``timeout`` seconds: the one
    killable runner of every Z3 and Gröbner call, so the hard stop can always end them.

    Returns ``("ok", value)`` (the value must pickle), ``("timeout", None)``, or
    ``("error", text)`` when ``fn`` raised or the child died (a native crash). Inside a
    daemonic worker, which may not have children, ``fn`` runs here instead.

    >>> in_child(pow, 2, 10, timeout=5)
    ('ok', 1024)
    >>> in_child(int, "x", timeout=5)[0]
    'error'
    """
    if multiprocessing.current_process().daemon:
        return _here(fn, args)
    ctx = multiprocessing.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(send, fn, args), daemon=True)
    try:
        proc.start()
    except OSError:  # cannot fork (resources): fall back to running here
        receive.close()
        send.close()
        return _here(fn, args)
    send.close()
    try:
        if receive.poll(timeout):
            out = receive.recv()
        else:
            out = ("timeout", None)
    except (EOFError, OSError):
        out = ("error", "solver process died")
    finally:
        receive.close()
        if proc.is_alive():
            proc.kill()
        proc.join()
    return out


def _here(fn: Callable[..., Any], args: tuple) -> tuple[str, Any]:
    try:
        return "ok", fn(*args)
    except Exception as exc:
        return "error", f"{type(exc).__name__}: {exc}"[:300]


def _child(conn: Any, fn: Callable[..., Any], args: tuple) -> None:
    _die_with_parent()
    try:
        conn.send(("ok", fn(*args)))
    except BaseException as exc:  # report, never hang: the parent is waiting
        conn.send(("error", f"{type(exc).__name__}: {exc}"[:300]))
    finally:
        conn.close()


def run_strategy(problem: SearchProblem, strategy: Strategy, timeout: float,
                 rlimit: int = 0) -> Attempt:
    """Run one strategy in a forked child (:func:`in_child`), killed after ``timeout``
    seconds; with ``rlimit`` Z3 itself gives up after that many resource units.

    >>> from coherence.counterexamples.problem import SearchProblem, Variable
    >>> p = SearchProblem((Variable("n", "integer"),), check=lambda pt: None,
    ...                   z3_counterexample=lambda v: v["n"] * 2 == 6)
    >>> run_strategy(p, DEFAULT, 5).model
    ('3',)
    """
    start = time.monotonic()
    kind, value = in_child(_solve, problem, strategy, timeout, rlimit, timeout=timeout)
    if kind == "ok":
        status, model, reason = value
    elif kind == "timeout":
        status, model, reason = "timeout", None, ""
    else:
        status, model, reason = "error", None, value
    return _attempt(strategy, status, model, reason, start, timeout)


def _attempt(
    strategy: Strategy, status: str, model: Any, reason: str, start: float, timeout: float
) -> Attempt:
    seconds = time.monotonic() - start
    if status == "unknown" and reason in ("timeout", "canceled"):
        status, reason = "timeout", ""
    return Attempt(strategy.name, status, model, reason, seconds, timeout)


def portfolio(
    problem: SearchProblem,
    *,
    timeout: float,
    accept: Callable[[tuple[Fraction, ...]], bool] | None,
    strategies: Sequence[Strategy] = STRATEGIES,
    candidates_per_model: int = 64,
    rlimit: int = 0,
) -> Z3Search:
    """Run the strategies in turn; stop at an accepted model or a proof.

    ``accept`` is the caller's exact check of a flat point; a model that yields no
    accepted candidate is recorded ("did not survive exact re-check") and the next
    strategy runs. With ``accept=None`` only proofs are sought (models are noted, not
    checked).

    With ``rlimit`` (resource units per unit of weight) every strategy is bounded by a
    *count*, so that it ends the same way on every machine, and ``timeout`` is only a
    safety stop: a strategy it ends, or one it leaves no time for, sets ``cut`` (the
    caller says ``unknown``, never evidence). Without ``rlimit`` the ``timeout`` is
    shared by the weights: a strategy that answers early passes its unused share on
    *nominally* (as if it had taken no time), so that the limits named in the texts do
    not depend on the machine's speed; a strategy left without a share also sets ``cut``.
    """
    if problem.z3_counterexample is None:
        return Z3Search(None, "", None, (), "no Z3 encoding")
    deadline = time.monotonic() + timeout
    nominal = timeout  # budget left, counting only the shares that ran out
    attempts: list[Attempt] = []
    irrational: tuple[str, ...] | None = None
    irrational_by = ""
    cut = False
    for k, strategy in enumerate(strategies):
        real = deadline - time.monotonic()
        if rlimit:
            share = run_for = real
            short = True  # any wall-clock stop here is the safety stop
        else:
            weights = sum(s.weight for s in strategies[k:])
            share = nominal * strategy.weight / weights
            run_for = min(share, real)  # never overrun the real deadline
            # forking overheads add up over the portfolio: a little less than the share
            # is the normal case; much less means a slow machine: a speed-dependent answer
            short = real < share - max(0.25, 0.25 * share)
        if run_for <= 0.05:
            cut = True  # a strategy that never ran: ran out, never silently skipped
            break
        budget = int(rlimit * strategy.weight) if rlimit else 0
        attempt = run_strategy(problem, strategy, run_for, rlimit=budget)
        if not short:
            attempt = replace(attempt, limit=share)  # texts name the nominal limit
        elif rlimit:
            attempt = replace(attempt, limit=0.0)  # stopped by the wall clock: no figure
        cut = cut or (short and attempt.status == "timeout")
        if attempt.status == "timeout":
            nominal -= share
        if attempt.status == "sat" and attempt.model is not None:
            if accept is None:
                attempt = replace(attempt, reason="model left to the search")
            else:
                flat = [Fraction(v.split("|")[0]) for v in attempt.model]
                # simplest first; then the model itself, which is exact when rational
                # whatever its denominator (1/1000003): the search shrinks it afterwards
                points = itertools.chain(candidate_points(flat, limit=candidates_per_model),
                                         [tuple(flat)])
                for point in points:
                    if accept(point):
                        attempts.append(attempt)
                        return Z3Search(
                            point,
                            f"z3 model ({strategy.name})",
                            None,
                            tuple(attempts),
                            f"counterexample from z3 ({strategy.name})",
                        )
                attempt = replace(attempt, reason="model did not survive exact re-check")
                if irrational is None and any("|" in v for v in attempt.model):
                    irrational, irrational_by = attempt.model, f"z3 model ({strategy.name})"
        attempts.append(attempt)
        if attempt.status == "unsat" and strategy.complete:
            proof = f"z3: counterexample condition unsat ({strategy.name})"
            return Z3Search(None, "", proof, tuple(attempts), proof, irrational, irrational_by)
    timeouts = [a for a in attempts if a.status == "timeout"]
    if timeouts and rlimit:
        reason = "z3 stopped by the timeout"
    elif timeouts:
        reason = f"z3 timed out after {_secs(sum(a.limit for a in timeouts))}"
    elif cut:
        reason = "no time left for z3"
    elif attempts:
        reason = attempts[-1].describe()
    else:
        reason = "no z3 strategy to run"
    return Z3Search(None, "", None, tuple(attempts), reason, irrational, irrational_by, cut)


def algebraic_values(model: Sequence[str]) -> tuple[Any, ...]:
    """A model's values exactly: rationals as :class:`Fraction`, algebraic numbers as the
    SymPy real root of Z3's polynomial with Z3's index (``sqrt(2)``, ``CRootOf(…)``).

    >>> approx = "4133750873887694826665497936027618045008388391659/"
    >>> approx += "2923003274661805836407369665432566039311865085952"
    >>> sqrt2 = approx + "|-2,0,1|2"  # as a child sends it
    >>> algebraic_values(["3/2", sqrt2])
    (Fraction(3, 2), sqrt(2))
    """
    import sympy

    out: list[Any] = []
    for text in model:
        approx, _, rest = text.partition("|")
        if not rest:
            out.append(Fraction(approx))
            continue
        coeffs, index = rest.split("|")
        t = sympy.Symbol("x")
        poly = sympy.Poly([int(c) for c in reversed(coeffs.split(","))], t)
        roots = list(dict.fromkeys(poly.real_roots()))  # distinct, increasing
        root = roots[int(index) - 1]
        if abs(sympy.N(root, 50) - sympy.Rational(Fraction(approx))) > sympy.Rational(1, 10**20):
            raise ValueError(f"root {index} of {poly} is not near {approx}")
        out.append(root)
    return tuple(out)
