"""The code location loads, and materializing a partition twice gives the same data."""

from __future__ import annotations

import duckdb as duckdb_module
import pytest
from dagster import Definitions, materialize
from dagster_duckdb import DuckDBResource

from web_events import checks
from web_events.assets import daily_channel_totals, raw_events
from web_events.definitions import defs


@pytest.fixture
def database(tmp_path):
    return str(tmp_path / "test.duckdb")


def test_definitions_load():
    Definitions.validate_loadable(defs)
    job = defs.resolve_job_def("web_events_daily")
    assert job is not None
    assert {schedule.name for schedule in defs.schedules} == {"web_events_daily_schedule"}


def test_assets_have_owner_tags_and_retries():
    for asset in (raw_events, daily_channel_totals):
        spec = next(iter(asset.specs))
        assert spec.owners == ["web@acme.io"]
        assert spec.tags["tier"] == "2"
        assert asset.op.retry_policy.max_retries == 3


def materialize_day(database: str, day: str):
    result = materialize(
        [raw_events, daily_channel_totals, checks.raw_events_unique_ids, checks.raw_events_not_null, checks.totals_not_negative],
        partition_key=day,
        resources={"duckdb": DuckDBResource(database=database)},
    )
    assert result.success
    for evaluation in result.get_asset_check_evaluations():
        assert evaluation.passed, evaluation.check_name
    return result


def table(database: str, name: str):
    with duckdb_module.connect(database, read_only=True) as conn:
        return conn.execute(f"select * from {name} order by all").fetchall()


def test_materializing_twice_is_idempotent(database):
    materialize_day(database, "2025-01-01")
    first_raw = table(database, "raw_events")
    first_totals = table(database, "daily_channel_totals")
    materialize_day(database, "2025-01-01")
    assert table(database, "raw_events") == first_raw
    assert table(database, "daily_channel_totals") == first_totals
    assert len(first_raw) == 16
    assert len(first_totals) == 2
