"""DAG integrity: every DAG in dags/ imports, and follows the paved road's rules."""

from datetime import timedelta

import pytest

from conftest import DAGS

try:
    from airflow.dag_processing.dagbag import DagBag  # Airflow 3.1+
except ImportError:
    from airflow.models.dagbag import DagBag  # Airflow 2.x, 3.0

# Tests read `dagbag.dags` directly: `get_dag` would query the metadata database.
REQUIRED_DEFAULT_ARGS = ("owner", "retries", "retry_delay", "execution_timeout", "on_failure_callback")


@pytest.fixture(scope="session")
def dagbag():
    try:
        return DagBag(dag_folder=str(DAGS), include_examples=False)
    except TypeError:  # newer Airflow: examples follow [core] load_examples, off in conftest.py
        return DagBag(dag_folder=str(DAGS))


def test_no_import_errors(dagbag):
    assert dagbag.import_errors == {}


def test_the_pipeline_dag_is_there(dagbag):
    assert "payments_sync" in dagbag.dag_ids


@pytest.mark.parametrize("key", REQUIRED_DEFAULT_ARGS)
def test_required_default_args(dagbag, key):
    for dag_id in dagbag.dag_ids:
        dag = dagbag.dags[dag_id]
        assert key in dag.default_args, f"{dag_id} has no default_args[{key!r}]"


def test_owner_retries_and_timeouts(dagbag):
    dag = dagbag.dags["payments_sync"]
    assert dag.default_args["owner"] == "@acme/payments"
    assert dag.default_args["retries"] == 4
    assert dag.default_args["execution_timeout"] == timedelta(minutes=30)
    assert dag.dagrun_timeout == timedelta(minutes=30 * 4)
    assert dag.catchup is False
    assert dag.max_active_runs == 1
    for task in dag.tasks:
        assert task.retries == 4
        assert task.execution_timeout == timedelta(minutes=30)
        assert task.owner == "@acme/payments"


def test_tags(dagbag):
    dag = dagbag.dags["payments_sync"]
    assert {"analytics", "tier-1", "classification-restricted"} <= set(dag.tags)


def test_task_graph(dagbag):
    dag = dagbag.dags["payments_sync"]
    assert sorted(task.task_id for task in dag.tasks) == ["check", "extract", "load", "transform"]
    assert dag.get_task("check").upstream_task_ids == {"load"}
