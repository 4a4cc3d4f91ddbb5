"""Asset checks: the data contract's rules, evaluated after each materialization."""

from __future__ import annotations

from dagster import AssetCheckResult, AssetCheckSeverity, asset_check
from dagster_duckdb import DuckDBResource

from .assets import daily_channel_totals, raw_events


@asset_check(asset=raw_events, description="event_id is unique across all partitions.", blocking=True)
def raw_events_unique_ids(duckdb: DuckDBResource) -> AssetCheckResult:
    with duckdb.get_connection() as conn:
        duplicates = conn.execute(
            "select count(*) from (select event_id from raw_events group by event_id having count(*) > 1)"
        ).fetchone()[0]
    return AssetCheckResult(passed=duplicates == 0, metadata={"duplicate_ids": duplicates})


@asset_check(asset=raw_events, description="No event has a null id, time or amount.", blocking=True)
def raw_events_not_null(duckdb: DuckDBResource) -> AssetCheckResult:
    with duckdb.get_connection() as conn:
        nulls = conn.execute(
            "select count(*) from raw_events where event_id is null or occurred_at is null or amount is null"
        ).fetchone()[0]
    return AssetCheckResult(passed=nulls == 0, metadata={"null_rows": nulls})


@asset_check(asset=daily_channel_totals, description="Totals are never negative.")
def totals_not_negative(duckdb: DuckDBResource) -> AssetCheckResult:
    with duckdb.get_connection() as conn:
        negative = conn.execute("select count(*) from daily_channel_totals where amount < 0").fetchone()[0]
    return AssetCheckResult(
        passed=negative == 0, severity=AssetCheckSeverity.ERROR, metadata={"negative_rows": negative}
    )
