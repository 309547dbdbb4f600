"""Repeated and near-repeated paragraphs inside one article.

A paragraph goes when it repeats earlier text exactly, or when most of its character 4-grams already
appeared earlier (a caption or fragment printed twice, seed 004). A `[摘要]` paragraph goes when the body
says the same thing (it usually comes first, so it is compared with everything after it).
"""
from __future__ import annotations

import re

_SPACE = re.compile(r"\s+")
SUMMARY_RE = re.compile(r"^\s*(?:\[\s*(?:摘要|导读|提要|内容提要)\s*\]|【\s*(?:摘要|导读|提要|内容提要)\s*】|(?:摘要|导读|内容提要)\s*[:：])\s*")
# `成人票原价:60元`: a short label-value line of a list, which may well repeat with another item
_FIELD_LINE = re.compile(r"^[^:：]{2,10}[:：][^:：]{1,10}$")
_LIST_FIELD = re.compile(r"^[^:：，。,]{2,10}[:：].{1,40}$")
_FIELD_LABEL = re.compile(r"^[^:：，。,]{2,10}[:：]")
# an entry dated otherwise than the paragraph it resembles is news, however alike its wording (a chronicle:
# `5月15日，…开展了中期借贷便利操作` after `4月15日，…`): a near-repeat carries the dates of what it repeats
_FIGURES = re.compile(r"\d+(?:\.\d+)?")
_DATES = re.compile(r"(?:\d{4}年)?\d{1,2}月\d{1,2}日|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}")
MAX_REPEATABLE_CHARS = 8
_LIST_ITEM = re.compile(r"^(?:[①-⑳]|[(（]\d{1,2}[)）]|\d{1,2}[.、．)）](?!\d)|[一二三四五六七八九十]{1,3}、|[^，。,:：]{2,8}[:：]$)")
_TRAIL_DOTS = re.compile(r"(?:[.。…·]{2,}|……)+\s*$")


def _key(text: str) -> str:
    return _SPACE.sub("", text)


def grams(text: str, n: int = 4) -> set[str]:
    s = _key(text)
    return {s[i:i + n] for i in range(max(len(s) - n + 1, 0))}


def coverage(part: set[str], seen: set[str]) -> float:
    return len(part & seen) / len(part) if part else 0.0


def _same_dates(key: str, gram_set: set[str], kept: list[tuple[str, set[str]]]) -> bool:
    dates = set(_DATES.findall(key)) | set(_FIGURES.findall(key))
    if not dates or not kept:
        return True
    closest = max(kept, key=lambda k: len(gram_set & k[1]))[0]
    return dates <= set(_DATES.findall(closest)) | set(_FIGURES.findall(closest))


def dedupe_paragraphs(paragraphs: list[str], compare: list[str] | None = None,
                      near: float = 0.8, min_chars: int = 12) -> tuple[list[int], list[tuple[int, str]]]:
    """Indices of paragraphs to keep and (index, reason) of those to drop.

    `compare` is an optional parallel list (e.g. the Simplified form) used for the comparison.
    """
    texts = compare if compare is not None else paragraphs
    keys = [_key(t) for t in texts]
    gram_sets = [grams(t) for t in texts]
    keep: list[int] = []
    dropped: list[tuple[int, str]] = []
    seen_keys: set[str] = set()
    seen_grams: set[str] = set()
    last_kept: dict[str, int] = {}
    for i, key in enumerate(keys):
        if not key:
            dropped.append((i, "empty"))
            continue
        summary = SUMMARY_RE.match(texts[i])
        if summary:
            body = _TRAIL_DOTS.sub("", texts[i][summary.end():])
            later: set[str] = set()
            for g in gram_sets[i + 1:]:
                later |= g
            if coverage(grams(body), later | seen_grams) >= near:
                dropped.append((i, "summary-repeat"))
                continue
        # a label:value line may repeat in a list of items made of such lines (`成人票原价:60元` under each
        # item): other label:value lines stand between the two; straight after itself it is a duplicate
        in_list = key in last_kept and any(keys[j] != key and _FIELD_LINE.match(keys[j])
                                           for j in keep[keep.index(last_kept[key]) + 1:])
        # inside a block of label:value lines (an item of a listing: price, hotline, notes) such lines
        # recur from item to item
        prev = keys[keep[-1]] if keep else ""
        in_fields = bool(_LIST_FIELD.match(key)) and bool(_FIELD_LABEL.match(prev)) \
            and _FIELD_LABEL.match(prev).group() != _FIELD_LABEL.match(key).group()
        # items and their labels recur from list to list (each scheme's conditions); a longer item repeated
        # word for word still goes (an export never holds the same paragraph twice)
        if _LIST_ITEM.match(key) and (key not in seen_keys or len(key) <= MAX_REPEATABLE_CHARS):
            keep.append(i)
            last_kept[key] = i
            seen_keys.add(key)
            continue
        if key in seen_keys and len(key) >= 2 and not (_FIELD_LINE.match(key) and in_list or in_fields):
            dropped.append((i, "duplicate"))
            continue
        if len(key) >= min_chars and not in_fields and coverage(gram_sets[i], seen_grams) >= near \
                and _same_dates(key, gram_sets[i], [(keys[k], gram_sets[k]) for k in keep]):
            dropped.append((i, "near-duplicate"))
            continue
        keep.append(i)
        last_kept[key] = i
        seen_keys.add(key)
        seen_grams |= gram_sets[i]
    return keep, dropped
