"""Feed export of PageItems (used when no store is configured): JSON Lines, raw bodies in base64.

Scrapy's JSON encoder cannot write bytes; a page body must survive byte-exact (its encoding is part of
what the cleaner decides), so bytes become `{"base64": "..."}`.
"""
from __future__ import annotations

import base64
import json

from scrapy.exporters import JsonLinesItemExporter
from scrapy.utils.serialize import ScrapyJSONEncoder


class _BytesEncoder(ScrapyJSONEncoder):
    def default(self, o):
        if isinstance(o, (bytes, bytearray)):
            return {"base64": base64.b64encode(o).decode("ascii")}
        return super().default(o)


class PageJsonLinesExporter(JsonLinesItemExporter):
    def __init__(self, file, **kwargs):
        super().__init__(file, **kwargs)
        self.encoder = _BytesEncoder(ensure_ascii=False)

    def export_item(self, item):
        fields = dict(self.get_serialized_fields(item))
        self.file.write((self.encoder.encode(fields) + "\n").encode(self.encoding or "utf-8"))
        self.file.flush()   # a killed crawl keeps every item it reported as delivered


def decode_bytes(value) -> bytes:
    """Inverse of the export for one field."""
    return base64.b64decode(value["base64"]) if isinstance(value, dict) else value


def read_feed(path) -> list[dict]:
    """Items of a JSON Lines feed written by PageJsonLinesExporter, bodies as bytes again."""
    items = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            item = json.loads(line)
            item["body"] = decode_bytes(item.get("body", b""))
            for page in item.get("extra_pages") or []:
                page["body"] = decode_bytes(page.get("body", b""))
            items.append(item)
    return items


__all__ = ["PageJsonLinesExporter", "read_feed"]
