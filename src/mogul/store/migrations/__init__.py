"""The schema's history as Alembic revisions (`versions/`), run by `mogul.store.migrate`."""
