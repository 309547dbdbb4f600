"""One bad page or text must not stop a batch: an internal error becomes an empty Article saying why."""
from __future__ import annotations

import logging
from typing import Callable

from .article import Article, Removal
from .version import CLEANER_VERSION

log = logging.getLogger(__name__)


def run_guarded(what: str, url: str | None, clean: Callable[..., Article], *args) -> Article:
    """`clean(*args)`, or on any internal error an empty Article whose `removed` records the error
    (logged with the URL)."""
    try:
        return clean(*args)
    except Exception as exc:  # noqa: BLE001 - the reason is recorded and logged, the batch goes on
        log.exception("%s failed on %s", what, url or "<input without URL>")
        return Article(url=url or "", cleaner_version=CLEANER_VERSION,
                       removed=[Removal("", f"internal-error: {exc.__class__.__name__}: {exc}"[:300])])
