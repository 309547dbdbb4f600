"""Stand-in for cleaning.normalize until it lands (helper cli-io); deleted afterwards."""
from __future__ import annotations

import re
import unicodedata

from opencc import OpenCC

_T2S = OpenCC("t2s")
_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t]+")
_CTRL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd\u200b-\u200d\ufeff]")


def normalize_text(text: str) -> str:
    text = "".join(chr(ord(c) - 0xFEE0) if 0xFF01 <= ord(c) <= 0xFF5E else c for c in text)
    text = _CTRL.sub("", _SPACES.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n")))
    return "\n".join(re.sub(r" {2,}", " ", l).strip() for l in text.split("\n"))


def to_simplified(text: str) -> str:
    return _T2S.convert(text)


def has_traditional(text: str) -> bool:
    return _T2S.convert(text) != text
