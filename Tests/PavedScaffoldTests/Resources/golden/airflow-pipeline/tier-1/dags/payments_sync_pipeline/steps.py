"""The payments_sync pipeline's steps, written to be idempotent.

Each step reads and writes files keyed by the run's data interval, and writes through a temporary
file that is renamed into place, so a retried or re-run step overwrites its own output and never
leaves a half-written file. `PIPELINE_DATA_DIR` sets where the files live (default: a folder in the
system temporary directory).
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

PIPELINE = "payments_sync"
REQUIRED_FIELDS = ("event_id", "occurred_at", "amount")


def data_dir() -> Path:
    return Path(os.environ.get("PIPELINE_DATA_DIR", Path(tempfile.gettempdir()) / PIPELINE))


def interval_key(start: datetime | None) -> str:
    start = start or datetime(1970, 1, 1, tzinfo=timezone.utc)
    return start.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def write_atomically(path: Path, lines: list[str]) -> Path:
    """Writes `lines` to `path` through a temporary file in the same folder, then renames it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.writelines(line + "\n" for line in lines)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def fetch(start: datetime, end: datetime) -> list[dict]:
    """The source read. Replace with the real client (API, database, bucket); it must return the
    same records for the same interval so that re-runs are idempotent."""
    records = []
    minute = start
    index = 0
    while minute < end and index < 24:
        records.append({"event_id": f"{interval_key(start)}-{index}", "occurred_at": minute.isoformat(), "amount": str(index * 3 + 1)})
        minute += timedelta(minutes=15)
        index += 1
    return records


def extract(start: datetime | None, end: datetime | None) -> Path:
    start = start or datetime(1970, 1, 1, tzinfo=timezone.utc)
    end = end or start + timedelta(hours=1)
    rows = [json.dumps(record, sort_keys=True) for record in fetch(start, end)]
    return write_atomically(data_dir() / "staged" / f"{interval_key(start)}.jsonl", rows)


def transform(staged: str | Path, start: datetime | None) -> Path:
    rows = []
    seen = set()
    for line in Path(staged).read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["event_id"] in seen:  # de-duplicate: sources may deliver twice
            continue
        seen.add(record["event_id"])
        rows.append(json.dumps({"event_id": record["event_id"], "occurred_at": record["occurred_at"], "amount": round(float(record["amount"]), 2)}, sort_keys=True))
    rows.sort()
    return write_atomically(data_dir() / "transformed" / f"{interval_key(start)}.jsonl", rows)


def load(transformed: str | Path, start: datetime | None) -> Path:
    """Replaces the interval's partition as a whole: the delete-then-insert of a warehouse load."""
    lines = Path(transformed).read_text(encoding="utf-8").splitlines()
    return write_atomically(data_dir() / "partitions" / f"interval={interval_key(start)}" / "data.jsonl", lines)


def check(partition: str | Path) -> int:
    """Raises when a record breaks the contract; returns the row count."""
    count = 0
    for number, line in enumerate(Path(partition).read_text(encoding="utf-8").splitlines(), start=1):
        record = json.loads(line)
        missing = [field for field in REQUIRED_FIELDS if record.get(field) in (None, "")]
        if missing:
            raise ValueError(f"{partition}:{number}: missing {', '.join(missing)}")
        if record["amount"] < 0:
            raise ValueError(f"{partition}:{number}: negative amount {record['amount']}")
        count += 1
    return count
