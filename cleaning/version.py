"""Version of the cleaning rules; stored with every article so re-cleaning can find stale rows."""
CLEANER_VERSION = "1.1.0"
