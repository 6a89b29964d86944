"""Store tests: migrations, concurrency across processes, and the query plans behind the API."""
