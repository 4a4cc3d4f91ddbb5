"""The web_events assets: one daily partition at a time, idempotent.

Each asset replaces its own partition inside one transaction (delete the partition's rows, insert
them again), so re-materializing a partition — a retry, a backfill, a re-run — never duplicates or
loses rows.
"""

from datetime import datetime, timedelta

from dagster import (
    AssetExecutionContext,
    Backoff,
    DailyPartitionsDefinition,
    FreshnessPolicy,
    MaterializeResult,
    RetryPolicy,
    asset,
)
from dagster_duckdb import DuckDBResource

GROUP = "web_events"
OWNERS = ["web@acme.io"]
TAGS = {"domain": "marketing", "tier": "2", "classification": "internal"}

daily = DailyPartitionsDefinition(start_date="2025-01-01")
retry_policy = RetryPolicy(max_retries=3, delay=30, backoff=Backoff.EXPONENTIAL)
freshness = FreshnessPolicy.time_window(
    fail_window=timedelta(hours=30), warn_window=timedelta(hours=27)
)


def partition_bounds(context: AssetExecutionContext) -> tuple[datetime, datetime]:
    start = datetime.strptime(context.partition_key, "%Y-%m-%d")
    return start, start + timedelta(days=1)


def fetch_events(start: datetime, end: datetime) -> list[tuple[str, str, str, float]]:
    """The source read. Replace with the real client (API, database, bucket); it must return the
    same rows for the same partition so that re-runs are idempotent."""
    rows = []
    for hour in range(0, 24, 3):
        occurred = start + timedelta(hours=hour)
        for n in range(2):
            rows.append((f"{start:%Y%m%d}-{hour:02d}-{n}", occurred.isoformat(sep=" "), ["web", "app"][n], round(hour * 1.5 + n, 2)))
    return rows


@asset(
    group_name=GROUP,
    partitions_def=daily,
    owners=OWNERS,
    tags=TAGS,
    kinds={"duckdb", "python"},
    retry_policy=retry_policy,
    description="Raw events landed from the source, one partition per day.",
)
def raw_events(context: AssetExecutionContext, duckdb: DuckDBResource) -> MaterializeResult:
    start, end = partition_bounds(context)
    rows = fetch_events(start, end)
    with duckdb.get_connection() as conn:
        conn.execute(
            "create table if not exists raw_events (event_id varchar, occurred_at timestamp, channel varchar, amount double, partition_date date)"
        )
        conn.execute("begin transaction")
        conn.execute("delete from raw_events where partition_date = ?", [start.date()])
        conn.executemany(
            "insert into raw_events values (?, ?, ?, ?, ?)", [(*row, start.date()) for row in rows]
        )
        conn.execute("commit")
    return MaterializeResult(metadata={"rows": len(rows)})


@asset(
    group_name=GROUP,
    partitions_def=daily,
    deps=[raw_events],
    owners=OWNERS,
    tags=TAGS,
    kinds={"duckdb", "sql"},
    retry_policy=retry_policy,
    freshness_policy=freshness,
    description="Daily totals by channel. Dagster assets on the paved road.",
)
def daily_channel_totals(context: AssetExecutionContext, duckdb: DuckDBResource) -> MaterializeResult:
    start, _ = partition_bounds(context)
    with duckdb.get_connection() as conn:
        conn.execute(
            "create table if not exists daily_channel_totals (partition_date date, channel varchar, events bigint, amount double)"
        )
        conn.execute("begin transaction")
        conn.execute("delete from daily_channel_totals where partition_date = ?", [start.date()])
        conn.execute(
            """
            insert into daily_channel_totals
            select partition_date, channel, count(*), sum(amount)
            from raw_events
            where partition_date = ?
            group by partition_date, channel
            """,
            [start.date()],
        )
        conn.execute("commit")
        count = conn.execute(
            "select count(*) from daily_channel_totals where partition_date = ?", [start.date()]
        ).fetchone()[0]
    return MaterializeResult(metadata={"rows": count})
