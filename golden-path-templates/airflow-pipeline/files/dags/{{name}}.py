"""{{name}}: {{description}}

Owned by {{owner}} ({{owner_email}}), tier {{tier}}. Scaffolded from the {{template.name}}
golden-path template, version {{template.version}}.

Every run processes exactly its data interval and overwrites that interval's partition, so
re-running or backfilling a run gives the same result (idempotent). Failures call the hooks in
`{{name}}_pipeline.alerts`.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

try:  # Airflow 3
    from airflow.sdk import DAG, task
except ImportError:  # Airflow 2.x
    from airflow import DAG
    from airflow.decorators import task

from {{name}}_pipeline import alerts, steps

DAG_ID = "{{name}}"

default_args = {
    "owner": "{{owner}}",
    "retries": {{retries}},
    "retry_delay": timedelta(minutes=2),
    "retry_exponential_backoff": True,
    "max_retry_delay": timedelta(minutes={{max_retry_delay_minutes}}),
    "execution_timeout": timedelta(minutes={{timeout_minutes}}),
    "on_failure_callback": alerts.on_task_failure,
    "on_retry_callback": alerts.on_task_retry,
}

with DAG(
    dag_id=DAG_ID,
    description="{{description}}",
    doc_md=__doc__,
    schedule="{{#schedule}}{{schedule}}{{/schedule}}{{^schedule}}{{tier_schedule}}{{/schedule}}",
    start_date=datetime(2025, 1, 1, tzinfo=timezone.utc),
    catchup=False,
    max_active_runs=1,
    dagrun_timeout=timedelta(minutes={{timeout_minutes}} * 4),
    default_args=default_args,
    on_failure_callback=alerts.on_dag_failure,
    tags=["{{domain}}", "tier-{{tier}}", "classification-{{classification}}"{{#tags}}, "{{.}}"{{/tags}}],
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
