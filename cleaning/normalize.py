"""Character-level normalisation of article text (FORMAT.md, "Characters").

- Full-width ASCII variants U+FF01-U+FF5E become ASCII (`，：（）；？！Ａ１` -> `,:();?!A1`); Chinese
  punctuation without an ASCII twin (`。、“”‘’《》—…·`) stays.
- NBSP, U+3000, en/em and the other Unicode spaces, and tabs become a plain space; runs of spaces collapse
  and each line is stripped. Zero-width characters (ZWSP/ZWNJ/ZWJ, word joiner, BOM, soft hyphen) and
  direction marks are dropped rather than turned into spaces: pages sprinkle them between Han characters,
  where a space would be wrong.
- Control characters and U+FFFD go; line breaks stay (`\\r\\n`, `\\r`, U+2028/U+2029 become `\\n`).
- Traditional -> Simplified with OpenCC `t2s` (`to_simplified`), guarded by the cheap `has_traditional`.

Pure functions; the tables are constant data built once at import.
"""
from __future__ import annotations

import functools
import os
import re
import sys

_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\x0b\x0c"
_DROPPED = ("\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062"
            "\u2063\u2064\u2066\u2067\u2068\u2069\ufeff\ufffd\ufff9\ufffa\ufffb")


def _build_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {cp: chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)}
    table.update({ord(ch): " " for ch in _SPACES})
    table.update({ord(ch): None for ch in _DROPPED})
    for cp in list(range(0x00, 0x20)) + list(range(0x7F, 0xA0)):
        table.setdefault(cp, None)
    table[ord("\n")] = "\n"
    table[ord("\r")] = "\n"          # '\r\n' becomes '\n\n' here and is repaired below
    table[0x85] = "\n"               # NEL
    table[0x2028] = "\n"
    table[0x2029] = "\n"
    return table


_TABLE = _build_table()
# The characters the table changes. Substituting only them (re.sub) is several times faster than
# str.translate, which looks up every character of the text in a dict.
_CHANGED = re.compile("[" + re.escape("".join(chr(cp) for cp, new in _TABLE.items() if new != chr(cp))) + "]")
_REPLACEMENT = {chr(cp): new or "" for cp, new in _TABLE.items()}
_SPACE_RUN = re.compile(" {2,}")
_LINE_EDGE_SPACE = re.compile(" *\n *")


def normalize_text(s: str) -> str:
    """Normalise characters (see the module docstring). Keeps line structure; strips each line."""
    if not s:
        return ""
    if "\r\n" in s:
        s = s.replace("\r\n", "\n")
    s = _CHANGED.sub(_replace, s)
    if "  " in s:
        s = _SPACE_RUN.sub(" ", s)
    if " \n" in s or "\n " in s:
        s = _LINE_EDGE_SPACE.sub("\n", s)
    return s.strip(" ")


def _replace(match: re.Match) -> str:
    return _REPLACEMENT[match.group()]


def normalize_line(s: str) -> str:
    """`normalize_text` for one line: line breaks become spaces too, the result is a single line."""
    return normalize_text(s.replace("\r", " ").replace("\n", " ").replace("\u2028", " ").replace("\u2029", " ")
                          .replace("\x85", " "))


# --- Traditional -> Simplified -----------------------------------------------------------------------

def _opencc_dictionary_dir() -> str | None:
    spec = sys.modules.get("opencc")
    try:
        if spec is None:
            import importlib.util
            found = importlib.util.find_spec("opencc")
            origin = found.origin if found else None
        else:
            origin = spec.__file__
    except (ImportError, ValueError):
        origin = None
    if not origin:
        return None
    path = os.path.join(os.path.dirname(origin), "dictionary")
    return path if os.path.isdir(path) else None


def _read_dictionary(name: str) -> dict[str, str]:
    """One OpenCC dictionary: key -> its first (preferred) conversion, as opencc's own reader keeps it."""
    folder = _opencc_dictionary_dir()
    if folder is None:
        return {}
    table = {}
    with open(os.path.join(folder, name), encoding="utf-8") as handle:
        for line in handle:
            key, _, value = line.rstrip("\n").partition("\t")
            if key:
                table[key] = value.split(" ")[0]
    return table


def _build_traditional_tables() -> tuple[frozenset[str], dict[str, tuple[str, ...]]]:
    """What `t2s` can change: the keys of TSCharacters whose first mapping differs (converted wherever they
    stand), and the characters that only some TSPhrases entries change (`么` only in `么麼`, `覆` only in
    `反覆`, ...), with those phrases. A text with none of either is returned unchanged by `t2s`."""
    folder = _opencc_dictionary_dir()
    if folder is None:
        return frozenset(), {}
    chars: set[str] = set()
    with open(os.path.join(folder, "TSCharacters.txt"), encoding="utf-8") as handle:
        for line in handle:
            key, _, value = line.rstrip("\n").partition("\t")
            if key and key != value.split(" ")[0]:
                chars.add(key)
    phrases: dict[str, set[str]] = {}
    with open(os.path.join(folder, "TSPhrases.txt"), encoding="utf-8") as handle:
        for line in handle:
            key, _, value = line.rstrip("\n").partition("\t")
            first = value.split(" ")[0]
            if not key or key == first:
                continue
            changed = key if len(key) != len(first) else [k for k, v in zip(key, first) if k != v]
            for ch in changed:
                if ch not in chars:
                    phrases.setdefault(ch, set()).add(key)
    return frozenset(chars), {ch: tuple(sorted(keys)) for ch, keys in phrases.items()}


TRADITIONAL_CHARS, _PHRASE_ONLY = _build_traditional_tables()
_PHRASE_ONLY_CHARS = frozenset(_PHRASE_ONLY)
# A regex character class scans a text several times faster than set.isdisjoint, but only while it holds
# BMP characters alone (sre then uses a bitmap); the few astral ones are checked by set when present.
_TRADITIONAL_BMP = re.compile("[" + "".join(sorted(c for c in TRADITIONAL_CHARS if ord(c) < 0x10000)) + "]")
_ASTRAL_TRADITIONAL = frozenset(c for c in TRADITIONAL_CHARS if ord(c) >= 0x10000)
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def has_traditional(s: str) -> bool:
    """True when OpenCC `t2s` could change `s` (a Traditional-only character, or one of the few phrases
    such as `反覆` in which a character shared by both scripts is converted)."""
    if s.isascii():
        return False
    if _TRADITIONAL_BMP.search(s):
        return True
    if _ASTRAL.search(s) and not _ASTRAL_TRADITIONAL.isdisjoint(s):
        return True
    if _PHRASE_ONLY_CHARS.isdisjoint(s):
        return False
    return any(phrase in s for ch, keys in _PHRASE_ONLY.items() if ch in s for phrase in keys)


def traditional_share(s: str) -> float:
    """Share of the Han characters of `s` that are Traditional-only (0.0 when there are none): tells a
    Traditional page (high) from a Simplified one quoting a few Traditional names (low)."""
    han = [ch for ch in s if "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"]
    if not han:
        return 0.0
    return sum(1 for ch in han if ch in TRADITIONAL_CHARS) / len(han)


# t2s = TSPhrases (longest match) then TSCharacters, within segments between separators. Outside the
# segments holding one of the 277 phrases, that is a plain character map, done here by one regex pass;
# OpenCC's own (pure Python, ~30x slower) converter runs only on the segments that hold a phrase.
_CHAR_MAP = {k: v for k, v in _read_dictionary("TSCharacters.txt").items() if k != v and len(k) == 1}
_PHRASES = re.compile("|".join(map(re.escape, sorted(_read_dictionary("TSPhrases.txt"), key=len, reverse=True)))
                      or "(?!)")
_ASTRAL_MAP = {ord(k): v for k, v in _CHAR_MAP.items() if ord(k) >= 0x10000}


@functools.lru_cache(maxsize=1)
def _t2s():
    import opencc
    return opencc.OpenCC("t2s")


def _map_chars(s: str) -> str:
    s = _TRADITIONAL_BMP.sub(_map_char, s)
    if _ASTRAL_MAP and _ASTRAL.search(s):
        s = s.translate(_ASTRAL_MAP)
    return s


def _map_char(match: re.Match) -> str:
    ch = match.group()
    return _CHAR_MAP.get(ch, ch)


def to_simplified(s: str) -> str:
    """Traditional -> Simplified, exactly as OpenCC `t2s`; returns `s` itself when there is nothing to
    convert."""
    if not s or not has_traditional(s):
        return s
    if not _PHRASES.search(s):
        return _map_chars(s)
    converter = _t2s()
    parts = converter.split_chars_re.split(s)
    for i in range(0, len(parts), 2):   # even items: text between separators
        part = parts[i]
        if part:
            parts[i] = converter.convert(part) if _PHRASES.search(part) else _map_chars(part)
    return "".join(parts)
