"""Task logic and alert hooks of the {{name}} pipeline, kept apart from the DAG so it is unit-tested."""
