"""Combinatorial objects that index graded bases, enumerated by size in a fixed order.

Words over an alphabet, compositions, partitions, permutations, rooted trees and rooted
forests: for each, a generator of all objects of one size in a fixed small-first order
(so every enumeration, and hence every verdict and witness, is deterministic) and the
count as a closed formula or recurrence, so enumeration and formula check each other.

Representations are plain hashable Python values, chosen to be cheap dictionary keys:

==============  ==========================================  =========================
object          value                                        example
==============  ==========================================  =========================
word            ``str`` (letters are single characters)      ``"aab"``
composition     ``tuple[int, ...]`` of positive parts       ``(1, 2)``
partition       weakly decreasing ``tuple[int, ...]``        ``(2, 1)``
permutation     ``tuple[int, ...]`` of ``1..n`` (one-line)   ``(2, 3, 1)``
rooted tree     ``tuple`` of child trees, sorted (canonical) ``((),)`` = a 2-node ladder
rooted forest   sorted ``tuple`` of trees                     ``((), ((),))``
==============  ==========================================  =========================

Examples
--------
>>> list(words("ab", 2))
['aa', 'ab', 'ba', 'bb']
>>> list(compositions(3))
[(1, 1, 1), (1, 2), (2, 1), (3,)]
>>> [count_forests(n) for n in range(7)]
[1, 1, 2, 4, 9, 20, 48]
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Sequence
from functools import cache

from coherence.algebra.errors import InputError

Tree = tuple  # a rooted tree: the sorted tuple of its children's trees
Forest = tuple  # a sorted tuple of trees

__all__ = [
    "check_alphabet",
    "compositions",
    "count_compositions",
    "count_forests",
    "count_partitions",
    "count_permutations",
    "count_trees",
    "count_words",
    "forest_nodes",
    "forests",
    "parse_tree",
    "partitions",
    "permutations",
    "show_forest",
    "show_tree",
    "standardize",
    "tree_nodes",
    "trees",
    "words",
]


def _size(n: int) -> int:
    if not isinstance(n, int) or isinstance(n, bool) or n < 0:
        raise InputError("expected a size that is an integer ≥ 0", got=repr(n))
    return n


# -- words ------------------------------------------------------------------------


def check_alphabet(alphabet: str | Sequence[str]) -> str:
    """The alphabet as a string of distinct single-character letters, in the given order.

    >>> check_alphabet("ab")
    'ab'
    >>> check_alphabet("aa")
    Traceback (most recent call last):
    ...
    coherence.algebra.errors.InputError: expected an alphabet of distinct letters, got 'aa'
    """
    letters = "".join(alphabet)
    if not letters or len(set(letters)) != len(letters) or any(len(a) != 1 for a in alphabet):
        raise InputError("expected an alphabet of distinct letters", got=repr(letters))
    if any(not ch.isalpha() for ch in letters):
        raise InputError("expected an alphabet of letters (a-z, A-Z)", got=repr(letters))
    return letters


def words(alphabet: str, n: int) -> Iterator[str]:
    """All words of length ``n`` over ``alphabet``, in lexicographic order of the alphabet.

    >>> list(words("xy", 1)), list(words("xy", 0))
    (['x', 'y'], [''])
    """
    letters = check_alphabet(alphabet)
    for tup in itertools.product(letters, repeat=_size(n)):
        yield "".join(tup)


def count_words(k: int, n: int) -> int:
    """``k**n``: the number of words of length ``n`` over ``k`` letters.

    >>> count_words(2, 5)
    32
    """
    return k ** _size(n)


# -- compositions and partitions --------------------------------------------------


def compositions(n: int) -> Iterator[tuple[int, ...]]:
    """All compositions of ``n`` (ordered tuples of positive parts), lexicographically.

    ``compositions(0)`` yields the empty composition once.

    >>> list(compositions(2))
    [(1, 1), (2,)]
    """
    n = _size(n)
    if n == 0:
        yield ()
        return
    for first in range(1, n + 1):
        for rest in compositions(n - first):
            yield (first, *rest)


def count_compositions(n: int) -> int:
    """``2**(n-1)`` for ``n ≥ 1``, and 1 for ``n = 0``.

    >>> [count_compositions(n) for n in range(5)]
    [1, 1, 2, 4, 8]
    """
    return 1 if _size(n) == 0 else 2 ** (n - 1)


def partitions(n: int) -> Iterator[tuple[int, ...]]:
    """All partitions of ``n`` (weakly decreasing tuples), in lexicographic order.

    >>> list(partitions(4))
    [(1, 1, 1, 1), (2, 1, 1), (2, 2), (3, 1), (4,)]
    """

    def below(m: int, cap: int) -> Iterator[tuple[int, ...]]:
        if m == 0:
            yield ()
            return
        for first in range(1, min(m, cap) + 1):
            for rest in below(m - first, first):
                yield (first, *rest)

    return below(_size(n), n)


@cache
def count_partitions(n: int) -> int:
    """The partition number p(n), by Euler's pentagonal recurrence.

    >>> [count_partitions(n) for n in range(9)]
    [1, 1, 2, 3, 5, 7, 11, 15, 22]
    """
    n = _size(n)
    if n == 0:
        return 1
    total, k = 0, 1
    while True:
        for g in (k * (3 * k - 1) // 2, k * (3 * k + 1) // 2):
            if g > n:
                return total
            total += (-1) ** (k + 1) * count_partitions(n - g)
        k += 1


# -- permutations -----------------------------------------------------------------


def permutations(n: int) -> Iterator[tuple[int, ...]]:
    """All permutations of ``1..n`` in one-line notation, lexicographically.

    >>> list(permutations(2)), list(permutations(0))
    ([(1, 2), (2, 1)], [()])
    """
    return itertools.permutations(range(1, _size(n) + 1))


def count_permutations(n: int) -> int:
    """``n!``.

    >>> count_permutations(5)
    120
    """
    return math.factorial(_size(n))


def standardize(seq: Sequence[int]) -> tuple[int, ...]:
    """The permutation of ``1..len(seq)`` in the same relative order as ``seq`` (distinct).

    >>> standardize((7, 2, 5))
    (3, 1, 2)
    """
    ranks = {v: i for i, v in enumerate(sorted(seq), start=1)}
    return tuple(ranks[v] for v in seq)


# -- rooted trees and forests -----------------------------------------------------


def tree_nodes(tree: Tree) -> int:
    """Number of nodes of a rooted tree.

    >>> tree_nodes(((), ((),)))
    4
    """
    return 1 + sum(tree_nodes(child) for child in tree)


def forest_nodes(forest: Forest) -> int:
    """Number of nodes of a rooted forest (0 for the empty forest).

    >>> forest_nodes(((), ()))
    2
    """
    return sum(tree_nodes(t) for t in forest)


@cache
def trees(n: int) -> tuple[Tree, ...]:
    """All rooted (unlabelled, unordered) trees with ``n ≥ 1`` nodes, in sorted order.

    A tree is the sorted tuple of its children, so ``()`` is the single node.

    >>> trees(3)
    (((), ()), (((),),))
    """
    n = _size(n)
    if n == 0:
        return ()
    return tuple(sorted(forests(n - 1)))


@cache
def forests(n: int) -> tuple[Forest, ...]:
    """All rooted forests (multisets of trees) with ``n`` nodes: fewer trees first.

    >>> [show_forest(f) for f in forests(2)]
    ['•(•)', '• •']
    """
    n = _size(n)
    out: set[Forest] = set()

    def build(remaining: int, smallest: Tree | None, acc: tuple[Tree, ...]) -> None:
        if remaining == 0:
            out.add(acc)
            return
        for size in range(1, remaining + 1):
            for t in trees(size):
                if smallest is None or t >= smallest:
                    build(remaining - size, t, (*acc, t))

    build(n, None, ())
    return tuple(sorted(out, key=_forest_order))


def _forest_order(forest: Forest) -> tuple[int, Forest]:
    return (len(forest), forest)


@cache
def count_trees(n: int) -> int:
    """Number of rooted trees with ``n`` nodes (OEIS A000081), by Cayley's recurrence.

    >>> [count_trees(n) for n in range(1, 10)]
    [1, 1, 2, 4, 9, 20, 48, 115, 286]
    """
    n = _size(n)
    if n <= 1:
        return n
    total = 0
    for k in range(1, n):
        s = sum(d * count_trees(d) for d in range(1, k + 1) if k % d == 0)
        total += s * count_trees(n - k)
    return total // (n - 1)


def count_forests(n: int) -> int:
    """Number of rooted forests with ``n`` nodes: the rooted trees with ``n + 1`` nodes.

    >>> count_forests(4)
    9
    """
    return count_trees(_size(n) + 1)


def show_tree(tree: Tree) -> str:
    """A tree as text: ``•`` is a node, ``•(…)`` a node with its children.

    >>> show_tree(((), ((),)))
    '•(•,•(•))'
    """
    if not tree:
        return "•"
    return "•(" + ",".join(show_tree(c) for c in tree) + ")"


def show_forest(forest: Forest) -> str:
    """A forest as its trees side by side; the empty forest is ``1``.

    >>> show_forest(((), ((),)))
    '• •(•)'
    """
    return " ".join(show_tree(t) for t in forest) if forest else "1"


def parse_tree(text: str) -> Tree:
    """Read a tree written as :func:`show_tree` writes it (``o`` may stand for ``•``).

    >>> parse_tree("•(•,•(•))") == ((), ((),))
    True
    >>> parse_tree("o(o")
    Traceback (most recent call last):
    ...
    coherence.algebra.errors.InputError: expected a tree like •(•,•(•)), got 'o(o'
    """
    s = text.replace(" ", "").replace("o", "•")
    pos = 0

    def node() -> Tree:
        nonlocal pos
        if pos >= len(s) or s[pos] != "•":
            raise ValueError
        pos += 1
        children: list[Tree] = []
        if pos < len(s) and s[pos] == "(":
            pos += 1
            children.append(node())
            while pos < len(s) and s[pos] == ",":
                pos += 1
                children.append(node())
            if pos >= len(s) or s[pos] != ")":
                raise ValueError
            pos += 1
        return tuple(sorted(children))

    try:
        tree = node()
        if pos != len(s):
            raise ValueError
    except ValueError:
        raise InputError("expected a tree like •(•,•(•))", got=repr(text)) from None
    return tree
