"""Issue 17 §4: conjunctive conclusions (``and``, conjunctive ``all``) decided part by part."""

from __future__ import annotations

from coherence.checks.claims import claim
from coherence.checks.decide import decide
from coherence.checks.verdict import Outcome


def test_all_rows_of_softmax_sum_to_one_is_proved() -> None:
    v = decide(claim("rows", for_all={"A": "Matrix(2, 2)"},
                     then="all(sum(softmax(A)[i, j] for j in range(2)) == 1 for i in range(2))"))
    assert v.outcome is Outcome.PROVED, v
    assert "2 conjuncts" in v.method


def test_nested_all_with_given_size() -> None:
    v = decide(claim("sym", given={"n": "2"}, for_all={"A": "SymmetricMatrix(2)"},
                     then="all(A[i, j] == A[j, i] for i in range(n) for j in range(n))"))
    assert v.outcome is Outcome.PROVED, v


def test_false_conjunct_refutes_with_a_witness_of_the_whole() -> None:
    v = decide(claim("f", for_all={"A": "Matrix(2, 2)"},
                     then="sum(softmax(A)[0, j] for j in range(2)) == 1 and softmax(A)[0, 0] > 1/2"))
    assert v.outcome is Outcome.REFUTED
    assert "conjunct 2 of 2" in v.method


def test_weakest_part_wins_when_nothing_refutes() -> None:
    v = decide(claim("w", for_all={"x": "Real"}, then="x**2 >= 0 and exp(x) > 0"), timeout=5)
    assert v.outcome in (Outcome.PROVED, Outcome.EVIDENCE), v
    v = decide(claim("x", for_all={"x": "Real"}, then="x**2 >= 0 and x**2 + 1 > x"), timeout=5)
    assert v.outcome is Outcome.PROVED, v


def test_true_claims_never_refuted_and_false_never_proved() -> None:
    # x > 0 and x < 0 is false everywhere; every conjunct alone is false too
    v = decide(claim("n", for_all={"x": "Real"}, then="x > 0 and x < 0"), timeout=5)
    assert v.outcome is Outcome.REFUTED
    # a disjunction is not split
    v = decide(claim("o", for_all={"x": "Real"}, then="x >= 0 or x < 0"), timeout=5)
    assert v.outcome is not Outcome.REFUTED


def test_range_depending_on_a_variable_is_not_split() -> None:
    v = decide(claim("r", for_all={"n": "Integer(0, 3)"},
                     then="all(i >= 0 for i in range(n))"), timeout=5)
    assert v.outcome is Outcome.PROVED
    assert "conjuncts" not in v.method


def test_closed_conjunction_of_deciders() -> None:
    v = decide(claim("d", given={"e": "error('(x - y)**2/2')", "q": "error('x**2*y**3')"},
                     then="error_hypothesis_holds(e) and error_hypothesis_holds(q)"))
    assert v.outcome is Outcome.REFUTED, v
    assert v.witness and dict(v.witness)["x₀"] == "0"
    v = decide(claim("d2", given={"e": "error('(x - y)**2/2')", "q": "error('(x - y)**4/4')"},
                     then="error_hypothesis_holds(e) and error_hypothesis_holds(q)"))
    assert v.outcome is Outcome.PROVED, v


def test_split_verdicts_agree_with_brute_force() -> None:
    """Random conjunctions over a finite domain: proved exactly when every point satisfies
    every conjunct, refuted otherwise, with a witness that violates the whole claim."""
    import itertools
    import random

    rng = random.Random(17)
    points = list(itertools.product(range(-2, 3), repeat=2))
    for k in range(25):
        atoms = []
        for _ in range(rng.randint(2, 4)):
            a, b, c = rng.randint(-2, 2), rng.randint(-2, 2), rng.randint(-3, 6)
            op = rng.choice(["<=", ">=", "!="])
            atoms.append((a, b, op, c))
        text = " and ".join(f"{a} * x + {b} * y {op} {c}" for a, b, op, c in atoms)

        def holds(x: int, y: int, atoms=atoms) -> bool:
            import operator

            ops = {"<=": operator.le, ">=": operator.ge, "!=": operator.ne}
            return all(ops[op](a * x + b * y, c) for a, b, op, c in atoms)

        truth = all(holds(x, y) for x, y in points)
        v = decide(claim(f"r{k}", for_all={"x": "Integer(-2, 2)", "y": "Integer(-2, 2)"},
                         then=text))
        assert v.outcome is (Outcome.PROVED if truth else Outcome.REFUTED), (text, v)
        if not truth:
            w = dict(v.witness)
            assert not holds(int(w["x"]), int(w["y"])), (text, w)
