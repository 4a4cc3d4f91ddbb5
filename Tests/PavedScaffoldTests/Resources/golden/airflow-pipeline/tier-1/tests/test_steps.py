"""The steps are idempotent: running an interval twice gives the same partition."""

from datetime import datetime, timezone

import pytest

from payments_sync_pipeline import alerts, steps

START = datetime(2025, 1, 1, 6, tzinfo=timezone.utc)
END = datetime(2025, 1, 1, 7, tzinfo=timezone.utc)


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("PIPELINE_DATA_DIR", str(tmp_path))
    return tmp_path


def run_once():
    staged = steps.extract(START, END)
    transformed = steps.transform(staged, START)
    partition = steps.load(transformed, START)
    return partition, steps.check(partition)


def test_run_is_idempotent(data_dir):
    partition, count = run_once()
    first = partition.read_bytes()
    again, count_again = run_once()
    assert again == partition
    assert again.read_bytes() == first
    assert count == count_again == 4
    assert sorted(p.name for p in partition.parent.iterdir()) == ["data.jsonl"]


def test_transform_drops_duplicates(data_dir):
    staged = steps.extract(START, END)
    staged.write_text(staged.read_text() * 2)
    transformed = steps.transform(staged, START)
    assert len(transformed.read_text().splitlines()) == 4


def test_check_rejects_a_broken_record(data_dir):
    bad = steps.write_atomically(data_dir / "bad.jsonl", ['{"event_id": "x", "occurred_at": "", "amount": 1}'])
    with pytest.raises(ValueError, match="missing occurred_at"):
        steps.check(bad)


def test_failure_hook_only_logs_without_endpoints(monkeypatch, caplog):
    monkeypatch.delenv("ALERT_WEBHOOK_URL", raising=False)
    monkeypatch.delenv("PAGERDUTY_ROUTING_KEY", raising=False)
    alerts.on_dag_failure({"run_id": "manual__1", "exception": RuntimeError("boom")})
    assert "run manual__1 failed" in caplog.text
