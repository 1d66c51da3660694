"""The layered counterexample search: the entry point that ``checks`` calls.

:func:`search` looks for a point where ``problem.check`` says VIOLATED, trying in
order and stopping at the first exact hit (each stage bounded by a count of points, never by
its share of the time, so that one seed gives one answer):

1. canonical seeds (``0``, ``1``, ``I``, Jordan blocks, permutation matrices, …, then
   ``problem.seeds``) — :mod:`coherence.counterexamples.seeds`;
2. exhaustive small integers ``−2..2``, fewest nonzero entries first — complete, and
   then a proof, when every variable is a bounded integer (``Integer(lo, hi)``) —
   :mod:`coherence.counterexamples.enumerate`;
3. random rationals (seeded);
4. Hypothesis search (seeded, no database, no deadline);
5. Z3 model finding, a portfolio of solvers in killable child processes —
   :mod:`coherence.counterexamples.z3_search`; ``unsat`` is a proof.

Nothing is a witness until ``problem.check`` — exact — says VIOLATED at the exact
(rationalised) point. A witness is then shrunk (:mod:`coherence.counterexamples.shrink`)
and re-checked once more. ``timeout`` is the whole search's wall-clock budget: when it
runs out the search stops as a whole and says so (``SearchOutcome.stopped``), so that
sample counts, verdicts and witnesses never depend on the machine's speed or load.

Examples
--------
>>> from fractions import Fraction as F
>>> from coherence.counterexamples.problem import (
...     PointResult, PointStatus, SearchProblem, Variable, format_point)
>>> def check(pt):                       # claim: x² ≥ x for every real x
...     x = pt["x"]
...     ok = x * x >= x
...     return PointResult(PointStatus.HOLDS if ok else PointStatus.VIOLATED,
...                        lhs=str(x * x), rhs=str(x))
>>> out = search(SearchProblem((Variable("x", "real"),), check), seed=1, timeout=5)
>>> format_point(out.witness), out.found_by, out.result.lhs
('x = 1/2', 'canonical seeds', '1/4')
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any

from coherence.counterexamples import enumerate as enum
from coherence.counterexamples.problem import (
    Point,
    PointResult,
    PointStatus,
    SearchProblem,
    Variable,
)
from coherence.counterexamples.seeds import seed_points
from coherence.counterexamples.shrink import shrink
from coherence.counterexamples.z3_search import RLIMIT, STRATEGIES, portfolio
from hypothesis import HealthCheck, Phase, find, settings
from hypothesis import strategies as st
from hypothesis.errors import NoSuchExample

__all__ = ["Budget", "SearchOutcome", "StageLog", "search"]

Flat = tuple[Fraction, ...]

SEEDS = "canonical seeds"
EXHAUSTIVE = "exhaustive small integers −2..2"
FINITE = "exhaustive enumeration"
RANDOM = "random rationals"
HYPOTHESIS = "hypothesis"


@dataclass(frozen=True, slots=True)
class Budget:
    """How much each stage may do, in counts only: one seed gives one answer, on any
    machine under any load. Time enters in two places: Z3's limits (``z3_share`` of the
    ``timeout`` for the model-finding portfolio, ``z3_early`` for a short *proof*
    attempt right after the canonical seeds, so that a caller who wants true claims
    proved fast need not wait for the sampling stages), and the ``timeout`` of the
    whole search, which when it runs out stops the search as a whole: the outcome is
    then ``stopped`` (the caller says ``unknown``), never a smaller count.

    >>> Budget().random_samples, Budget(z3=False).z3
    (300, False)
    """

    seed_points: int = 2000
    exhaustive_points: int = 5000
    random_samples: int = 300
    hypothesis_examples: int = 200
    shrink_calls: int = 2000
    z3: bool = True
    z3_share: float = 0.5
    z3_early: float = 0.0
    #: Z3 resource units per unit of a strategy's weight (0: time shares instead); the
    #: early proof attempt gets ``z3_early`` times as many
    z3_rlimit: int = RLIMIT


class StageLog:
    """What the search did, stage by stage: ``(stage, count, seconds)`` entries, and the
    stage running now (so that a caller whose hard stop interrupts the search can say
    where). Times are for ``-v`` displays only, never for decisions.

    >>> log = StageLog()
    >>> log.start("seeds"); log.end("4 points"); log.current
    ''
    >>> [(name, count) for name, count, _ in log.entries]
    [('seeds', '4 points')]
    """

    def __init__(self) -> None:
        self.entries: list[tuple[str, str, float]] = []
        self.current = ""
        self.last = ""
        self._t = 0.0

    def start(self, name: str) -> None:
        """A stage begins."""
        self.current = name
        self._t = time.monotonic()

    def end(self, count: str) -> None:
        """The current stage ends, having done ``count``."""
        if self.current:
            self.entries.append((self.current, count, time.monotonic() - self._t))
            self.last = self.current
        self.current = ""


@dataclass(frozen=True)
class SearchOutcome:
    """What the search found, how, and why it stopped.

    ``witness`` is an exactly re-checked counterexample (``result`` is the check there,
    VIOLATED) or ``None``. ``proof`` is set when the search *proved* there is none:
    ``"exhaustive over N points"`` or ``"z3: counterexample condition unsat (…)"``.
    ``samples`` counts the distinct points judged by the exact check (shrinking
    aside); ``undecided`` those where the check could not decide, ``vacuous`` those
    where an assumption failed — so ``samples − undecided − vacuous`` points really
    held. ``stopped`` says that the ``timeout`` of the whole search ran out before the
    stages finished their counts (or before Z3 used its limit): the counts are then
    partial and speed-dependent, so the caller must not call them evidence.
    """

    witness: Point | None
    result: PointResult | None
    found_by: str
    shrunk_from: Point | None
    shrink_steps: int
    proof: str | None
    samples: int
    tried: tuple[str, ...]
    stop_reason: str
    seconds: float
    seed: int = 0
    undecided: int = 0
    vacuous: int = 0
    stopped: bool = False
    #: a Z3 model with algebraic values that no rational point confirmed (model strings,
    #: :func:`coherence.counterexamples.z3_search.algebraic_values`): the caller may check
    #: it exactly itself; ``irrational_by`` names the strategy
    irrational: tuple[str, ...] | None = None
    irrational_by: str = ""

    @property
    def refuted(self) -> bool:
        """Whether a witness was found.

        >>> SearchOutcome(None, None, "", None, 0, "exhaustive over 4 points", 4, (),
        ...               "exhaustive over 4 points", 0.0).refuted
        False
        """
        return self.witness is not None


class _Judge:
    """The exact check with a cache, a sample count and domain guards."""

    def __init__(self, problem: SearchProblem) -> None:
        self.problem = problem
        self.cache: dict[Flat, PointResult] = {}
        self.admits: list[Callable[[Fraction], bool]] = []
        for var in problem.variables:
            self.admits.extend([var.admits] * var.size)
        self.samples = 0
        self.undecided = 0
        self.vacuous = 0
        self.counting = True

    def __call__(self, flat: Iterable[Any]) -> PointResult:
        key = tuple(Fraction(x) for x in flat)
        hit = self.cache.get(key)
        if hit is not None:
            return hit
        if len(key) != len(self.admits) or not all(
            a(x) for a, x in zip(self.admits, key, strict=True)
        ):
            return PointResult(PointStatus.UNDECIDED, note="outside the domain")
        try:
            result = self.problem.check(self.problem.point(key))
            if not isinstance(result, PointResult):
                raise TypeError(f"check returned {type(result).__name__}, not PointResult")
            status = PointStatus(result.status)
            if status is not result.status:
                result = PointResult(status, result.lhs, result.rhs, result.note)
        except Exception as exc:  # an exception at a point is never a counterexample
            result = PointResult(
                PointStatus.UNDECIDED, note=f"check raised {type(exc).__name__}: {exc}"[:200]
            )
        self.cache[key] = result
        if self.counting:
            self.samples += 1
            if result.status is PointStatus.UNDECIDED:
                self.undecided += 1
            elif result.status is PointStatus.VACUOUS:
                self.vacuous += 1
        return result

    def violated(self, flat: Iterable[Any]) -> bool:
        return self(flat).status is PointStatus.VIOLATED


def search(
    problem: SearchProblem,
    *,
    seed: int = 0,
    timeout: float = 10.0,
    budget: Budget | None = None,
    deadline: float | None = None,
    prove: Callable[[], str | None] | None = None,
    log: StageLog | None = None,
) -> SearchOutcome:
    """Search for an exact counterexample; see the module docstring for the layers.

    ``prove`` is the caller's own (symbolic, size-bounded) proof attempt: it runs right
    after the canonical seeds — cheap stages first, so a claim a seed refutes never
    waits for it — and a text it returns is the proof. ``log`` records the stages.

    >>> from coherence.counterexamples.problem import PointResult, SearchProblem, Variable
    >>> n = Variable("n", "integer", lo=Fraction(0), hi=Fraction(20))
    >>> even = lambda pt: PointResult("holds" if (pt["n"] ** 2 - pt["n"]) % 2 == 0
    ...                               else "violated")
    >>> out = search(SearchProblem((n,), even))
    >>> out.witness, out.proof
    (None, 'exhaustive over 21 points')
    """
    budget = budget or Budget()
    log = log if log is not None else StageLog()
    start = time.monotonic()
    # ``timeout`` sets the nominal Z3 limits; ``deadline`` (default: start + timeout, a
    # ``time.monotonic()`` value) when the search as a whole must stop
    deadline = start + timeout if deadline is None else min(deadline, start + timeout)
    judge = _Judge(problem)
    tried: list[str] = []
    has_z3 = budget.z3 and problem.z3_counterexample is not None

    def expired() -> bool:
        return time.monotonic() > deadline

    def stopped(where: str) -> SearchOutcome:
        log.end("stopped by the timeout")
        tried.append(f"{where}: stopped by the timeout")
        reason = f"stopped by the --timeout of {timeout:g} s during {where}"
        return _none(judge, tried, start, seed, proof=None, stop_reason=reason, stopped=True)

    def finish(flat: Flat, found_by: str) -> SearchOutcome:
        return _finish(problem, judge, flat, found_by, tried, start, budget, seed, deadline,
                       timeout, log)

    # 1. canonical seeds
    n = 0
    log.start(SEEDS)
    for point in seed_points(problem, limit=budget.seed_points):
        if expired():
            return stopped(SEEDS)
        try:
            flat = problem.flat(point)
        except Exception:  # a malformed extra seed is skipped, not fatal
            continue
        n += 1
        if judge.violated(flat):
            tried.append(f"{SEEDS}: hit after {n} points")
            log.end(f"hit after {n} points")
            return finish(flat, SEEDS)
    tried.append(f"{SEEDS}: {n} points")
    log.end(f"{n} points")

    # 1¼. the caller's symbolic proof attempt (bounded by expression size, not time)
    if prove is not None:
        log.start("exact simplification")
        proof = prove()
        log.end("proved" if proof else "no proof")
        if proof is not None:
            return _none(judge, tried, start, seed, proof=proof, stop_reason=proof)

    # 1½. optionally, an early Z3 attempt at a proof (cheap false claims are caught above)
    if has_z3 and budget.z3_early > 0:
        log.start("early z3 proof attempt")
        nominal = budget.z3_early * timeout
        real = deadline - time.monotonic()
        complete = tuple(s for s in STRATEGIES if s.complete)[:2]
        if budget.z3_rlimit:
            early = portfolio(problem, timeout=real, accept=None, strategies=complete,
                              rlimit=int(budget.z3_rlimit * budget.z3_early))
        else:
            early = portfolio(problem, timeout=min(nominal, real), accept=None,
                              strategies=complete)
        tried.extend(f"early {t}" for t in early.tried)
        if early.proof is not None:
            log.end("proved")
            return _none(judge, tried, start, seed, proof=early.proof, stop_reason=early.proof)
        if early.cut or (not budget.z3_rlimit and real < nominal
                         and any(a.status == "timeout" for a in early.attempts)):
            return stopped("the early z3 attempt")
        log.end(f"{len(early.attempts)} strategies, no proof")

    # 2. exhaustive small integers (complete on finite integer domains)
    finite = enum.finite_size(problem)
    label = FINITE if finite is not None else EXHAUSTIVE
    limit = budget.exhaustive_points
    if finite is not None and finite <= 20 * budget.exhaustive_points:
        limit = finite  # a small finite domain is always enumerated to the end
    total = enum.grid_size(problem)
    n = 0
    log.start(label)
    complete = True
    undecided = 0  # counted here, not by the judge: seeds may have cached some points
    for flat in enum.points(problem):
        if n >= limit:
            complete = False
            break
        if expired():
            return stopped(label)
        n += 1
        status = judge(flat).status
        if status is PointStatus.VIOLATED:
            tried.append(f"{label}: hit after {n} of {total} points")
            log.end(f"hit after {n} points")
            return finish(flat, label)
        undecided += status is PointStatus.UNDECIDED
    tried.append(f"{label}: {n} of {total} points")
    log.end(f"{n} points")
    if finite is not None and complete:
        if undecided == 0 and n == finite:
            proof = f"exhaustive over {finite} points"
            return _none(judge, tried, start, seed, proof=proof, stop_reason=proof)
        tried.append(f"{label}: {undecided} points undecided by the exact check")

    # 3. random rationals
    rng = random.Random(f"coherence-search:{seed}")
    n = 0
    log.start(RANDOM)
    for _ in range(budget.random_samples):
        if expired():
            return stopped(RANDOM)
        flat = tuple(
            _random_entry(var, rng) for var in problem.variables for _ in range(var.size)
        )
        n += 1
        if judge.violated(flat):
            tried.append(f"{RANDOM}: hit after {n} samples (seed {seed})")
            log.end(f"hit after {n} samples")
            return finish(flat, RANDOM)
    tried.append(f"{RANDOM}: {n} samples (seed {seed})")
    log.end(f"{n} samples")

    # 4. Hypothesis
    log.start(HYPOTHESIS)
    found, note = _hypothesis(problem, judge, seed, budget.hypothesis_examples, deadline)
    if note == _STOPPED:
        return stopped(HYPOTHESIS)
    tried.append(f"{HYPOTHESIS}: {note}")
    log.end(note)
    if found is not None:
        return finish(found, HYPOTHESIS)

    # 5. Z3 model finding, with a nominal limit (a share of the timeout) so that the
    #    limits named in ``tried`` do not depend on the machine's speed
    z3_reason = ""
    if has_z3:
        log.start("z3 model finding")
        nominal = budget.z3_share * timeout
        real = deadline - time.monotonic()
        if real <= 0.05:
            return stopped("z3 model finding")
        if budget.z3_rlimit:
            z3 = portfolio(problem, timeout=real, accept=judge.violated, rlimit=budget.z3_rlimit)
        else:
            z3 = portfolio(problem, timeout=min(nominal, real), accept=judge.violated)
        tried.extend(z3.tried)
        if z3.witness is not None:
            log.end("model found")
            return finish(z3.witness, z3.found_by)
        if z3.proof is not None:
            log.end("proved")
            return _none(judge, tried, start, seed, proof=z3.proof, stop_reason=z3.proof)
        if z3.cut or (not budget.z3_rlimit and real < nominal
                      and any(a.status == "timeout" for a in z3.attempts)):
            out = stopped("z3 model finding")
        elif z3.irrational is not None:
            out = _none(judge, tried, start, seed, proof=None,
                        stop_reason=f"{judge.samples} samples; {z3.stop_reason}")
        else:
            out = None
        if out is not None:  # an algebraic model is for the caller to check exactly
            log.end("stopped" if out.stopped else "algebraic model")
            return replace(out, irrational=z3.irrational, irrational_by=z3.irrational_by)
        log.end(f"{len(z3.attempts)} strategies, no answer")
        z3_reason = z3.stop_reason
    reason = f"{judge.samples} samples"
    if z3_reason:
        reason += f"; {z3_reason}"
    return _none(judge, tried, start, seed, proof=None, stop_reason=reason)


def _none(
    judge: _Judge, tried: list[str], start: float, seed: int, *, proof: str | None,
    stop_reason: str, stopped: bool = False,
) -> SearchOutcome:
    return SearchOutcome(
        witness=None, result=None, found_by="", shrunk_from=None, shrink_steps=0, proof=proof,
        samples=judge.samples, tried=tuple(tried), stop_reason=stop_reason,
        seconds=time.monotonic() - start, seed=seed, undecided=judge.undecided,
        vacuous=judge.vacuous, stopped=stopped,
    )


def _finish(
    problem: SearchProblem, judge: _Judge, flat: Flat, found_by: str, tried: list[str],
    start: float, budget: Budget, seed: int, deadline: float, timeout: float,
    log: StageLog,
) -> SearchOutcome:
    judge.counting = False
    log.start("shrinking")
    # bounded by its call count, so that one seed gives one witness; if the timeout runs
    # out first the witness found so far is still a witness, and the outcome says so
    shrunk = shrink(flat, judge.violated, admits=judge.admits, max_calls=budget.shrink_calls,
                    deadline=deadline)
    stop_reason = f"counterexample found by {found_by}"
    if shrunk.exhausted and time.monotonic() > deadline:
        tried.append(f"shrinking: stopped by the timeout after {shrunk.steps} steps")
        stop_reason += (f"; shrinking stopped by the --timeout of {timeout:g} s "
                        f"after {shrunk.steps} steps")
    log.end(f"{shrunk.steps} steps")
    final = shrunk.point
    result = judge(final)
    if result.status is not PointStatus.VIOLATED:  # cannot happen; never report a non-witness
        final, result = flat, judge(flat)
    witness = problem.point(final)
    return SearchOutcome(
        witness=witness,
        result=result,
        found_by=found_by,
        shrunk_from=problem.point(flat) if final != flat else None,
        shrink_steps=shrunk.steps if final != flat else 0,
        proof=None,
        samples=judge.samples,
        tried=tuple(tried),
        stop_reason=stop_reason,
        seconds=time.monotonic() - start,
        seed=seed,
        undecided=judge.undecided,
        vacuous=judge.vacuous,
    )


_DENOMINATORS = (1, 1, 1, 2, 2, 3, 4, 5, 6, 10)
#: The non-integer rationals of height ≤ 6 (``1/2``, ``-1/3``, ``5/6``, …), drawn uniformly.
_SIMPLE_FRACTIONS = tuple(
    Fraction(p, q) for q in range(2, 7) for p in range(-6, 7) if p and math.gcd(p, q) == 1
)


def _random_entry(var: Variable, rng: random.Random) -> Fraction:
    """One random admissible entry: sparse, mostly small, sometimes a simple fraction."""
    for _ in range(20):
        x = _raw_entry(var, rng)
        if var.admits(x):
            return x
    return enum.candidates(var)[0] if enum.candidates(var) else Fraction(0)


def _raw_entry(var: Variable, rng: random.Random) -> Fraction:
    lo, hi = var.lo, var.hi
    if lo is not None and hi is not None:
        if var.kind == "integer":
            return Fraction(rng.randint(int(lo), int(hi)))
        q = rng.choice(_DENOMINATORS)
        return lo + (hi - lo) * Fraction(rng.randint(0, q), q)
    r = rng.random()
    if r < 0.2:
        x = Fraction(0)
    elif r < 0.5:
        x = Fraction(rng.randint(-3, 3))
    elif r < 0.8 and var.kind != "integer":
        x = rng.choice(_SIMPLE_FRACTIONS)
    elif var.kind != "integer":
        x = Fraction(rng.randint(-30, 30), rng.randint(1, 12))
    else:
        x = Fraction(rng.randint(-20, 20))
    if lo is not None:
        return lo + abs(x)
    if hi is not None:
        return hi - abs(x)
    return x


_STOPPED = "stopped"


def _hypothesis(
    problem: SearchProblem, judge: _Judge, seed: int, examples: int, deadline: float
) -> tuple[Flat | None, str]:
    """Hypothesis's ``find`` over exact entries, seeded; the condition is the exact check.

    Returns ``(None, _STOPPED)`` when the search's deadline passed during the stage."""
    if examples <= 0:
        return None, "skipped (no examples in the budget)"
    if time.monotonic() > deadline:
        return None, _STOPPED
    entries = [_strategy(var) for var in problem.variables for _ in range(var.size)]
    calls = 0
    late = False

    def condition(flat: tuple[Fraction, ...]) -> bool:
        nonlocal calls, late
        if late or time.monotonic() > deadline:
            late = True
            return False
        calls += 1
        return judge.violated(flat)

    config = settings(
        max_examples=examples,
        database=None,
        deadline=None,
        derandomize=False,
        phases=(Phase.generate, Phase.shrink),
        suppress_health_check=list(HealthCheck),
    )
    try:
        found = find(st.tuples(*entries), condition, settings=config, random=random.Random(seed))
    except NoSuchExample:
        return None, _STOPPED if late else f"{calls} examples (seed {seed})"
    except Exception as exc:  # e.g. nested inside another Hypothesis test
        return None, f"skipped ({type(exc).__name__})"
    return tuple(found), f"hit after {calls} examples (seed {seed})"


def _strategy(var: Variable) -> Any:
    lo = var.lo
    hi = var.hi
    if var.kind == "integer":
        ilo = int(lo) if lo is not None else -50
        ihi = int(hi) if hi is not None else 50
        if lo is not None and hi is None:
            ihi = ilo + 100
        if hi is not None and lo is None:
            ilo = ihi - 100
        if lo is not None and lo.denominator != 1:
            ilo += 1
        return st.integers(min_value=ilo, max_value=ihi).map(Fraction)
    small = st.integers(min_value=-10, max_value=10).map(Fraction)
    simple = st.builds(
        Fraction, st.integers(min_value=-12, max_value=12), st.integers(min_value=1, max_value=12)
    )
    if lo is not None:
        small = small.filter(lambda x: x >= lo)
        simple = simple.filter(lambda x: x >= lo)
    if hi is not None:
        small = small.filter(lambda x: x <= hi)
        simple = simple.filter(lambda x: x <= hi)
    fractions = st.fractions(min_value=lo, max_value=hi, max_denominator=12)
    if lo is None and hi is None:
        fractions = st.fractions(min_value=-20, max_value=20, max_denominator=12)
    return st.one_of(small, simple, fractions)
