"""Alembic migrations of the store (run through pipelines.storage.db.upgrade)."""
