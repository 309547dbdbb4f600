"""Near-duplicate articles: the same story reprinted by several portals.

A reprint keeps its row and points at its earliest copy through `articles.duplicate_of`; nothing is
dropped. Two articles are the same story when their texts, reduced to Simplified script, letters and
digits only, share enough character shingles:

- exact copies: equal `content_hash` (sha256 of the reduced text);
- near copies (other chrome left by a cleaner, a few sentences edited, Traditional script): MinHash
  signatures (datasketch, `affine32` scheme) indexed in a MinHash LSH; every LSH candidate is checked
  against the estimated Jaccard similarity, so LSH only narrows the search.

Signatures are stored with each article (`articles.minhash`), so the index is rebuilt from the database
in seconds (`NearDuplicateIndex.from_rows`) and never needs a file of its own.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import numpy as np
from datasketch import MinHash, MinHashLSH
from datasketch.minhash import _fmix   # the scheme's pre-mix, so our vectorised values equal datasketch's

NUM_PERM = 128
SEED = 20240601
SHINGLE = 5                 # characters per shingle (Chinese words are 1-4 characters)
THRESHOLD = 0.4             # estimated Jaccard at or above which two texts are the same story
# bands x rows: candidate probability 0.74 at J=0.4, 0.93 at J=0.5, 0.99 at J=0.6; 20 bands keep the
# index of 100,000 articles well under 1 GB (each band is a dict of sets inside datasketch)
LSH_PARAMS = (20, 3)
MIN_CHARS = 20              # shorter texts are compared by exact hash only
_MULT = np.uint64(0x9E3779B97F4A7C15)
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


@lru_cache(maxsize=1)
def _t2s_table() -> dict[int, str]:
    """Character-level Traditional -> Simplified map from OpenCC's TSCharacters dictionary: enough to
    compare texts (both sides go through it), and str.translate is ~100x faster than a phrase-level t2s."""
    import opencc
    table: dict[int, str] = {}
    path = Path(opencc.__file__).with_name("dictionary") / "TSCharacters.txt"
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            key, _, value = line.rstrip("\n").partition("\t")
            first = value.split(" ")[0]
            if len(key) == 1 and len(first) == 1 and key != first:
                table[ord(key)] = first
    return table


def reduce_text(text: str) -> str:
    """The part of a text that identifies a story: Simplified script, letters and digits, lower case."""
    text = unicodedata.normalize("NFKC", text or "").translate(_t2s_table())
    return _NON_WORD.sub("", text).lower()


def content_hash(text: str) -> str:
    return hashlib.sha256(reduce_text(text).encode("utf-8")).hexdigest()


def shingle_hashes(reduced: str) -> np.ndarray:
    """32-bit hashes of the distinct character shingles of a reduced text (vectorised)."""
    if not reduced:
        return np.zeros(0, dtype=np.uint32)
    cps = np.frombuffer(reduced.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    k = min(SHINGLE, len(cps))
    n = len(cps) - k + 1
    h = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(k):
            h = h * _MULT + cps[j:j + n]
        h ^= h >> np.uint64(29)
    return np.unique((h & np.uint64(0xFFFFFFFF)).astype(np.uint32))


@lru_cache(maxsize=1)
def _template() -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=int)


def hashvalues_of(reduced: str) -> np.ndarray:
    """MinHash values of a reduced text: exactly what `MinHash.update_batch` computes for the
    `affine32` scheme (pre-mix, affine permutations mod 2^32, column minimum), without the per-item
    Python loop."""
    template = _template()
    hashes = shingle_hashes(reduced)
    if not len(hashes):
        return template.hashvalues.copy()
    a, b = template.permutations
    with np.errstate(over="ignore"):
        hv = _fmix(hashes.reshape(-1, 1), 32)
        return (hv * a + b).min(axis=0)


def minhash_of(text: str, reduced: str | None = None) -> MinHash:
    reduced = reduce_text(text) if reduced is None else reduced
    return _minhash(hashvalues_of(reduced))


def _minhash(values: np.ndarray) -> MinHash:
    template = _template()
    return MinHash(seed=SEED, hashvalues=values, permutations=template.permutations, scheme=template.scheme)


def signature(text: str) -> bytes:
    """The stored form of a text's MinHash: NUM_PERM little-endian uint32."""
    return hashvalues_of(reduce_text(text)).astype("<u4").tobytes()


def from_signature(data: bytes) -> MinHash:
    return _minhash(np.frombuffer(data, dtype="<u4").astype(np.uint32))


@dataclass(frozen=True)
class Fingerprint:
    """What dedup needs of one article's text: computed beside the cleaner (in a worker process)."""
    content_hash: str
    signature: bytes | None      # None: too short for near-duplicate matching
    length: int

    @classmethod
    def of(cls, text: str) -> "Fingerprint":
        reduced = reduce_text(text)
        digest = hashlib.sha256(reduced.encode("utf-8")).hexdigest()
        sig = None
        if len(reduced) >= MIN_CHARS:
            sig = hashvalues_of(reduced).astype("<u4").tobytes()
        return cls(digest, sig, len(reduced))


def rank_key(published: str, article_id: int) -> tuple[str, int]:
    """Order of copies: the earliest publication wins, then the first stored; unknown dates come last."""
    return (published or "9999", article_id)


class NearDuplicateIndex:
    """Signatures of the stored articles, for "which stored article is this a copy of?".

    datasketch's MinHashLSH finds candidates; their signatures sit in one numpy matrix so that checking
    hundreds of candidates is one vectorised comparison.
    """

    def __init__(self, threshold: float = THRESHOLD):
        self.threshold = threshold
        self.lsh = MinHashLSH(num_perm=NUM_PERM, params=LSH_PARAMS)
        self._matrix = np.zeros((1024, NUM_PERM), dtype=np.uint32)
        self._row: dict[int, int] = {}          # article id -> row of _matrix
        self._rowmap = np.full(1024, -1, dtype=np.int64)   # the same as an array indexed by id (-1: none)
        self._free: list[int] = []
        self.by_hash: dict[str, set[int]] = {}
        self.hash_of: dict[int, str] = {}
        self.max_id = 0

    def __len__(self) -> int:
        return len(self.hash_of)

    def _store(self, article_id: int, values: np.ndarray) -> None:
        if self._free:
            row = self._free.pop()
        else:
            row = len(self._row)
            if row >= len(self._matrix):
                self._matrix = np.concatenate([self._matrix, np.zeros_like(self._matrix)])
        self._matrix[row] = values
        self._row[article_id] = row
        if article_id >= len(self._rowmap):
            grown = np.full(max(article_id + 1, 2 * len(self._rowmap)), -1, dtype=np.int64)
            grown[:len(self._rowmap)] = self._rowmap
            self._rowmap = grown
        self._rowmap[article_id] = row

    def _add_hash(self, article_id: int, content_hash: str) -> None:
        self.max_id = max(self.max_id, article_id)
        self.hash_of[article_id] = content_hash
        self.by_hash.setdefault(content_hash, set()).add(article_id)

    def add(self, article_id: int, content_hash: str, signature: bytes | None) -> None:
        if article_id in self.hash_of:
            self.remove(article_id)
        self._add_hash(article_id, content_hash)
        if signature:
            m = from_signature(signature)
            self.lsh.insert(article_id, m, check_duplication=False)
            self._store(article_id, m.hashvalues)

    def remove(self, article_id: int) -> None:
        digest = self.hash_of.pop(article_id, None)
        if digest is not None:
            ids = self.by_hash.get(digest, set())
            ids.discard(article_id)
            if not ids:
                self.by_hash.pop(digest, None)
        row = self._row.pop(article_id, None)
        if row is not None:
            self._rowmap[article_id] = -1
            self._free.append(row)
            self.lsh.remove(article_id)

    def similar(self, signature: bytes) -> list[tuple[int, float]]:
        """(id, estimated Jaccard) of indexed articles at or above the threshold."""
        m = from_signature(signature)
        found = self.lsh.query(m)
        if not found:
            return []
        keys = np.fromiter(found, dtype=np.int64, count=len(found))
        keys = keys[keys < len(self._rowmap)]
        rows = self._rowmap[keys]
        keys, rows = keys[rows >= 0], rows[rows >= 0]
        scores = np.count_nonzero(self._matrix[rows] == m.hashvalues, axis=1) / NUM_PERM
        hits = scores >= self.threshold
        return [(int(k), float(sc)) for k, sc in zip(keys[hits], scores[hits])]

    def matches(self, content_hash: str, signature: bytes | None, exclude: int | None = None) -> list[int]:
        """Ids of indexed articles that are the same story (exact copies and near copies)."""
        found = set(self.by_hash.get(content_hash, ()))
        if signature:
            found.update(k for k, _ in self.similar(signature))
        found.discard(exclude)
        return sorted(found)

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[int, str, bytes | None]], threshold: float = THRESHOLD):
        """Build from (id, content_hash, signature) rows, e.g. streamed from the articles table."""
        index = cls(threshold)
        with index.lsh.insertion_session() as session:
            for article_id, digest, sig in rows:
                index._add_hash(article_id, digest)
                if sig:
                    m = from_signature(sig)
                    session.insert(article_id, m, check_duplication=False)
                    index._store(article_id, m.hashvalues)
        return index


def link_duplicates(ranks: dict[int, tuple[str, int]], matches: dict[int, list[int]],
                    duplicate_of: dict[int, int | None]) -> tuple[dict[int, int | None], dict[int, int]]:
    """Resolve the links of new or changed articles: every copy points at its group's earliest article.

    `ranks`: rank key of every article involved; `matches`: matched stored ids per new/changed article;
    `duplicate_of`: the current link of every involved article (updated in place). Returns the changed
    links (None = now an original) and the demoted roots {old root: new root}, whose other followers the
    caller re-points as well.
    """
    def root(a: int) -> int:
        seen = set()
        while duplicate_of.get(a) is not None and a not in seen:
            seen.add(a)
            a = duplicate_of[a]
        return a

    changes: dict[int, int | None] = {}
    moved: dict[int, int] = {}
    for article_id, found in matches.items():
        if not found:
            if duplicate_of.get(article_id) is not None:
                duplicate_of[article_id] = None
                changes[article_id] = None
            continue
        roots = {root(f) for f in found} - {article_id}
        members = roots | {article_id}
        earliest = min(members, key=lambda a: ranks[a])
        for member in members:
            target = None if member == earliest else earliest
            if duplicate_of.get(member) != target:
                duplicate_of[member] = target
                changes[member] = target
        for old_root in roots - {earliest}:
            moved[old_root] = earliest
            for follower, parent in list(duplicate_of.items()):
                if parent == old_root:
                    duplicate_of[follower] = earliest
                    changes[follower] = earliest
        for old, new in list(moved.items()):
            if new in moved:             # chains of demotions collapse onto the newest root
                moved[old] = moved[new]
    return changes, moved
