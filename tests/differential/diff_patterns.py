"""Strings that match a model pattern and have a length within the model's bounds.

The SDK checks a member's pattern with ``re.fullmatch(pattern, value, re.DOTALL)`` and its length
with ``min``/``max``. Hypothesis' ``from_regex`` cannot aim at a length (``.*`` with ``min`` 50,
``\\d+`` of exactly 12 digits), so this module turns the pattern into a small tree with Python's
own regex parser, works out which lengths each part can have (up to the longest length wanted),
picks a reachable target length within the model's bounds, and builds a string of exactly that
length: a sequence shares it among its parts, a repeat picks a count, an alternation an option
that can reach it. Assertions (lookarounds, ``\\b``) produce nothing and are checked on the
result; a candidate that fails them is drawn again. Patterns the SDK does not apply (Java's
``\\p{L}``, UTF-16 surrogates) are for the caller to skip (``usable``).
"""

from __future__ import annotations

import functools
import re
import string
import sys
from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st

if sys.version_info >= (3, 11):
    from re import _constants as sre_constants
    from re import _parser as sre_parse
else:  # pragma: no cover
    import sre_constants
    import sre_parse

INFINITE = 1 << 30
ALPHABET = tuple(string.printable) + tuple("\u00e9\u00df\u0416\u4e2d\U0001f600\u00a0")
"""The characters drawn from: printable ASCII and a few beyond (accents, CJK, emoji, NBSP)."""
ATTEMPTS = 20
"""Candidates drawn when assertions reject them, before the last one is kept as it is."""


class Unsupported(Exception):
    """A regex construct this module does not generate (back-references, for example)."""


@dataclass(frozen=True, eq=False)  # identity hashing: trees are cached, never compared
class _Node:
    low: int


@dataclass(frozen=True, eq=False)
class _Chars(_Node):
    chars: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class _Seq(_Node):
    items: tuple[_Node, ...]


@dataclass(frozen=True, eq=False)
class _Alt(_Node):
    options: tuple[_Node, ...]


@dataclass(frozen=True, eq=False)
class _Repeat(_Node):
    item: _Node
    least: int
    most: int


_EMPTY = _Seq(0, ())

_CATEGORIES = {
    sre_constants.CATEGORY_DIGIT: (re.compile(r"\d"), False),
    sre_constants.CATEGORY_NOT_DIGIT: (re.compile(r"\d"), True),
    sre_constants.CATEGORY_SPACE: (re.compile(r"\s"), False),
    sre_constants.CATEGORY_NOT_SPACE: (re.compile(r"\s"), True),
    sre_constants.CATEGORY_WORD: (re.compile(r"\w"), False),
    sre_constants.CATEGORY_NOT_WORD: (re.compile(r"\w"), True),
}


def _in_category(char: str, category: Any) -> bool:
    if category not in _CATEGORIES:
        raise Unsupported(f"category {category}")
    regex, negated = _CATEGORIES[category]
    return (regex.match(char) is not None) != negated


def _in_set(char: str, items: list[tuple[Any, Any]]) -> bool:
    negate = False
    hit = False
    for op, av in items:
        if op is sre_constants.NEGATE:
            negate = True
        elif op is sre_constants.LITERAL:
            hit = hit or ord(char) == av
        elif op is sre_constants.RANGE:
            hit = hit or av[0] <= ord(char) <= av[1]
        elif op is sre_constants.CATEGORY:
            hit = hit or _in_category(char, av)
        else:
            raise Unsupported(f"set item {op}")
    return hit != negate


def _chars(chars: tuple[str, ...]) -> _Chars:
    if not chars:
        raise Unsupported("a character set none of the alphabet is in")
    return _Chars(1, chars)


def _sequence(parsed: Any) -> _Node:
    items = tuple(item for item in (_node(op, av) for op, av in parsed) if item is not _EMPTY)
    if len(items) == 1:
        return items[0]
    return _Seq(sum(item.low for item in items), items)


def _node(op: Any, av: Any) -> _Node:
    c = sre_constants
    if op is c.LITERAL:
        return _chars((chr(av),))
    if op is c.NOT_LITERAL:
        return _chars(tuple(ch for ch in ALPHABET if ord(ch) != av))
    if op is c.ANY:  # DOTALL, as the SDK matches: any character
        return _chars(ALPHABET)
    if op is c.IN:
        return _chars(tuple(ch for ch in ALPHABET if _in_set(ch, av)))
    if op is c.CATEGORY:
        return _chars(tuple(ch for ch in ALPHABET if _in_category(ch, av)))
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return _EMPTY  # checked on the finished string
    if op is c.SUBPATTERN:
        return _sequence(av[-1])
    if op is getattr(c, "ATOMIC_GROUP", None):
        return _sequence(av)
    if op is c.BRANCH:
        options = tuple(_sequence(option) for option in av[1])
        return _Alt(min(option.low for option in options), options)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
        least, most, sub = av
        item = _sequence(sub)
        most = INFINITE if most is c.MAXREPEAT or most >= INFINITE else int(most)
        return _Repeat(least * item.low, item, int(least), most)
    raise Unsupported(f"regex construct {op}")


@functools.cache
def _tree(pattern: str) -> _Node:
    return _sequence(sre_parse.parse(pattern, re.DOTALL))


# -- which lengths each part can have, up to ``cap`` ---------------------------------------------


def _plus(left: frozenset[int], right: frozenset[int], cap: int) -> frozenset[int]:
    return frozenset(a + b for a in left for b in right if a + b <= cap)


@functools.cache
def _lengths(node: _Node, cap: int) -> frozenset[int]:
    if isinstance(node, _Chars):
        return frozenset({1}) if cap >= 1 else frozenset()
    if isinstance(node, _Seq):
        return _suffixes(node.items, cap)[0]
    if isinstance(node, _Alt):
        return frozenset().union(*(_lengths(option, cap) for option in node.options))
    assert isinstance(node, _Repeat)
    powers = _powers(node, cap)
    return frozenset().union(*powers[node.least :])


@functools.cache
def _suffixes(items: tuple[_Node, ...], cap: int) -> tuple[frozenset[int], ...]:
    """For each ``i``, the lengths ``items[i:]`` can have together (the last entry: ``{0}``)."""
    sets = [frozenset({0})]
    for item in reversed(items):
        sets.append(_plus(_lengths(item, cap), sets[-1], cap))
    return tuple(reversed(sets))


@functools.cache
def _powers(node: _Repeat, cap: int) -> tuple[frozenset[int], ...]:
    """For each count ``k`` the repeat may take (and is worth taking), the lengths of ``k`` items.

    Counts stop at ``most``, at the first that can only overshoot ``cap``, and once more items
    add no new length (an item that can be empty).
    """
    item = _lengths(node.item, cap)
    powers = [frozenset({0})]
    while len(powers) <= node.most:
        following = _plus(powers[-1], item, cap)
        if not following or (following == powers[-1] and len(powers) > node.least):
            break
        powers.append(following)
    return tuple(powers)


# -- generating a string of an exact, reachable length -------------------------------------------


@functools.cache
def _one_of(node: _Chars) -> st.SearchStrategy[str]:
    return st.sampled_from(node.chars)


def _generate(node: _Node, length: int, cap: int, draw: Any) -> str:
    if isinstance(node, _Chars):
        return str(draw(_one_of(node)))
    if isinstance(node, _Seq):
        return _share(node.items, _suffixes(node.items, cap), length, cap, draw)
    if isinstance(node, _Alt):
        fits = [option for option in node.options if length in _lengths(option, cap)]
        return _generate(draw(st.sampled_from(fits)), length, cap, draw)
    assert isinstance(node, _Repeat)
    if isinstance(node.item, _Chars):  # the common run of characters: no sharing to work out
        return "".join(str(draw(_one_of(node.item))) for _ in range(length))
    powers = _powers(node, cap)
    counts = [k for k in range(node.least, len(powers)) if length in powers[k]]
    count = draw(st.sampled_from(counts))
    items = (node.item,) * count
    return _share(items, tuple(reversed(powers[: count + 1])), length, cap, draw)


def _share(
    items: tuple[_Node, ...],
    suffixes: tuple[frozenset[int], ...],
    length: int,
    cap: int,
    draw: Any,
) -> str:
    """``items`` in a row, ``length`` characters in all; ``suffixes[i]``: what ``items[i:]``
    can reach, so that each part leaves a length the rest can still fill."""
    parts = []
    left = length
    for index, item in enumerate(items):
        choices = sorted(n for n in _lengths(item, cap) if left - n in suffixes[index + 1])
        part = draw(st.sampled_from(choices))
        parts.append(_generate(item, part, cap, draw))
        left -= part
    return "".join(parts)


def usable(pattern: str) -> re.Pattern[str] | None:
    """The pattern as the SDK applies it, or ``None`` where the SDK skips it (see validate.py)."""
    if re.search(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}", pattern):
        return None
    try:
        return re.compile(pattern, re.DOTALL)
    except (re.error, OverflowError, RecursionError):
        return None


def matching_text(pattern: str, low: int, high: int, spare: int) -> st.SearchStrategy[str]:
    """Strings that fully match ``pattern`` with ``low <= len <= high``, no more than ``spare``
    characters longer than the shortest such length."""
    compiled = usable(pattern)
    assert compiled is not None, f"{pattern!r}: not a pattern the SDK applies"
    tree = _tree(pattern)
    shortest = max(low, tree.low)
    cap = min(high, shortest + spare)
    reachable = sorted(n for n in _lengths(tree, cap) if n >= low)
    assert reachable, f"{pattern!r} has no match of a length in {low}..{high}"

    @st.composite
    def strings(draw: Any) -> str:
        candidate = ""
        for _ in range(ATTEMPTS):
            length = draw(st.sampled_from(reachable))
            candidate = _generate(tree, length, cap, draw)
            if compiled.fullmatch(candidate):
                return candidate
        # Rare (``\\b`` after an optional character): keep the length, let the pattern go. On an
        # input the SDK's own check then fails the test loudly; nothing checks outputs.
        return candidate

    return strings()
