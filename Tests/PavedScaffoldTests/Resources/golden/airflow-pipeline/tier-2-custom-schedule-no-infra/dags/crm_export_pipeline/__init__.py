"""Task logic and alert hooks of the crm_export pipeline, kept apart from the DAG so it is unit-tested."""
