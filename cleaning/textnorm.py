"""One import point for normalisation (cleaning.normalize, written by helper cli-io), plus the
`keep_fullwidth` variant.

FORMAT.md folds full-width ASCII variants (U+FF01-U+FF5E) to ASCII; with `keep_fullwidth=True` they stay
as in the page and everything else (odd spaces, control characters) is normalised exactly as usual.
Folding maps one character to one character, so the kept text and `fold_width` of it line up position
by position: the engine matches on the folded form and writes out the kept one.
"""
from __future__ import annotations

import re

from .normalize import has_traditional, to_simplified
from .normalize import normalize_text as _normalize_text

__all__ = ["has_traditional", "normalize_text", "to_simplified", "fold_width", "unfold"]

_FULLWIDTH = re.compile("[\uff01-\uff5e]")
# Kept characters are parked on plane-16 private-use code points, which the normaliser leaves alone.
_PARK = 0x10FF00 - 0xFF00
_PARKED = re.compile("[\U0010ff01-\U0010ff5e]")
_UNUSED_PARK = re.compile("[\U0010ff00-\U0010ffff]")


def _park(m: re.Match) -> str:
    return chr(ord(m.group()) + _PARK)


def _unpark(m: re.Match) -> str:
    return chr(ord(m.group()) - _PARK)


def _fold(m: re.Match) -> str:
    return chr(ord(m.group()) - 0xFEE0)


def normalize_text(s: str, keep_fullwidth: bool = False) -> str:
    """FORMAT.md character normalisation; `keep_fullwidth` leaves U+FF01-U+FF5E untouched."""
    if not keep_fullwidth or not s or not _FULLWIDTH.search(s):
        return _normalize_text(s)
    if _UNUSED_PARK.search(s):   # the page itself uses the parking code points: drop them (private use)
        s = _UNUSED_PARK.sub("", s)
    return _PARKED.sub(_unpark, _normalize_text(_FULLWIDTH.sub(_park, s)))


def fold_width(s: str) -> str:
    """Full-width ASCII variants -> ASCII, nothing else (same length as `s`)."""
    return _FULLWIDTH.sub(_fold, s) if s and _FULLWIDTH.search(s) else s


def unfold(piece: str, kept: str) -> str:
    """The span of `kept` whose folded form is `piece` (the kept-width form of a folded piece), else `piece`."""
    if not piece or piece == kept or not _FULLWIDTH.search(kept):
        return piece
    at = fold_width(kept).find(piece)
    return kept[at:at + len(piece)] if at >= 0 else piece
