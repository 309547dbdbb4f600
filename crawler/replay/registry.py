"""The replayed portals. A new portal's replay is one ReplaySite subclass added here."""
from __future__ import annotations

import importlib

# "module:Class" paths, imported lazily so one broken site module names itself in the error.
SITE_CLASSES: list[str] = [
    "crawler.replay.workercn:WorkercnReplay",
    "crawler.replay.sxworker:SxworkerWebReplay",
    "crawler.replay.sxworker:SxworkerEpaperReplay",
    "crawler.replay.papers:JsgrbReplay",
    "crawler.replay.papers:AhgrrbReplay",
    "crawler.replay.papers:GjnewsReplay",
    "crawler.replay.papers:LdwbReplay",
    "crawler.replay.papers:ZjgrrbReplay",
]


def load_site_classes() -> list[type]:
    classes = []
    for path in SITE_CLASSES:
        module, _, name = path.partition(":")
        classes.append(getattr(importlib.import_module(module), name))
    return classes
