"""Task logic and alert hooks of the payments_sync pipeline, kept apart from the DAG so it is unit-tested."""
