"""payments_sync: An Airflow pipeline on the paved road.

Owned by @acme/payments (payments@acme.io), tier 1. Scaffolded from the airflow-pipeline
golden-path template, version 1.0.0.

Every run processes exactly its data interval and overwrites that interval's partition, so
re-running or backfilling a run gives the same result (idempotent). Failures call the hooks in
`payments_sync_pipeline.alerts`.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

try:  # Airflow 3
    from airflow.sdk import DAG, task
except ImportError:  # Airflow 2.x
    from airflow import DAG
    from airflow.decorators import task

from payments_sync_pipeline import alerts, steps

DAG_ID = "payments_sync"

default_args = {
    "owner": "@acme/payments",
    "retries": 4,
    "retry_delay": timedelta(minutes=2),
    "retry_exponential_backoff": True,
    "max_retry_delay": timedelta(minutes=10),
    "execution_timeout": timedelta(minutes=30),
    "on_failure_callback": alerts.on_task_failure,
    "on_retry_callback": alerts.on_task_retry,
}

with DAG(
    dag_id=DAG_ID,
    description="An Airflow pipeline on the paved road.",
    doc_md=__doc__,
    schedule="0 * * * *",
    start_date=datetime(2025, 1, 1, tzinfo=timezone.utc),
    catchup=False,
    max_active_runs=1,
    dagrun_timeout=timedelta(minutes=30 * 4),
    default_args=default_args,
    on_failure_callback=alerts.on_dag_failure,
    tags=["analytics", "tier-1", "classification-restricted", "payments", "pci"],
) as dag:

    @task
    def extract(data_interval_start=None, data_interval_end=None) -> str:
        """Fetches the interval's raw records and stages them; returns the staged file."""
        return str(steps.extract(data_interval_start, data_interval_end))

    @task
    def transform(staged: str, data_interval_start=None) -> str:
        """Cleans and types the staged records; returns the transformed file."""
        return str(steps.transform(staged, data_interval_start))

    @task
    def load(transformed: str, data_interval_start=None) -> str:
        """Atomically replaces the interval's partition with the transformed records."""
        return str(steps.load(transformed, data_interval_start))

    @task
    def check(partition: str) -> int:
        """Fails the run when the partition breaks the data contract."""
        return steps.check(partition)

    check(load(transform(extract())))
