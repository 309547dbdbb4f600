"""Main-content lines of a page when no site rule names the body block."""
from __future__ import annotations

import trafilatura


def main_content_lines(tree, title: str = "") -> list[str]:
    doc = trafilatura.bare_extraction(tree, include_comments=False, include_tables=True, favor_recall=True)
    if doc is None:
        return []
    text = doc.text if hasattr(doc, "text") else doc.get("text", "")
    return [l for l in (text or "").split("\n") if l.strip()]
