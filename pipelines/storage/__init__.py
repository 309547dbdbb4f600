"""SQL storage: typed models (models.py), engine/session set-up (db.py), Alembic migrations (migrations/)."""
