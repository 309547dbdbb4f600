"""Scrapy settings for the unionnews crawler. Overridable per run (-s KEY=VALUE) and by environment:
UNIONNEWS_DB (store URL), UNIONNEWS_REPLAY (replay server URL)."""
import os

BOT_NAME = "unionnews"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# Offline replay: when set, every portal request is served by the replay at this URL.
REPLAY_URL = os.environ.get("UNIONNEWS_REPLAY", "")
# Store URL (SQLAlchemy); empty = items go to feed exports only.
UNIONNEWS_DB = os.environ.get("UNIONNEWS_DB", "")

REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
FEED_EXPORT_ENCODING = "utf-8"
