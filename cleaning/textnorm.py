"""One import point for normalisation (cleaning.normalize, written by helper cli-io)."""
from __future__ import annotations

try:
    from .normalize import has_traditional, normalize_text, to_simplified
except ImportError:  # pragma: no cover - until cleaning/normalize.py lands
    from ._fallback import has_traditional, normalize_text, to_simplified

__all__ = ["has_traditional", "normalize_text", "to_simplified"]
