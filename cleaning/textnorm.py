"""One import point for normalisation (cleaning.normalize, written by helper cli-io)."""
from __future__ import annotations

from .normalize import has_traditional, normalize_text, to_simplified

__all__ = ["has_traditional", "normalize_text", "to_simplified"]
