"""Failure hooks of the {{name}} pipeline.

Alerts go to the webhook in `ALERT_WEBHOOK_URL` (Slack or Teams incoming webhook){{#tier_is.1}} and,
for this tier 1 pipeline, to PagerDuty service {{pagerduty_service}} through the Events API with
the routing key in `PAGERDUTY_ROUTING_KEY`{{/tier_is.1}}. Both come from the environment (set by the
deployment from the secret store); nothing secret is in this repository. Without them the hooks
only log.
"""

from __future__ import annotations

import json
import logging
import os
import urllib.request

log = logging.getLogger(__name__)

OWNER = "{{owner}}"
OWNER_EMAIL = "{{owner_email}}"
TIER = {{tier}}
TIMEOUT_SECONDS = 10


def describe(context: dict) -> dict:
    ti = context.get("task_instance") or context.get("ti")
    dag = context.get("dag")
    return {
        "pipeline": "{{name}}",
        "dag_id": getattr(dag, "dag_id", None),
        "task_id": getattr(ti, "task_id", None),
        "try_number": getattr(ti, "try_number", None),
        "run_id": context.get("run_id"),
        "exception": str(context.get("exception")) if context.get("exception") else None,
        "owner": OWNER,
        "tier": TIER,
    }


def post_json(url: str, payload: dict) -> None:
    request = urllib.request.Request(url, data=json.dumps(payload).encode(), headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS):
            pass
    except Exception:  # an alert must never fail the task a second time
        log.exception("could not deliver the alert to %s", url.split("?")[0])


def notify(summary: str, details: dict, page: bool) -> None:
    log.error("%s: %s", summary, json.dumps(details, sort_keys=True, default=str))
    webhook = os.environ.get("ALERT_WEBHOOK_URL")
    if webhook:
        post_json(webhook, {"text": f"{summary} — owner {OWNER} ({OWNER_EMAIL})", "details": details})
    routing_key = os.environ.get("PAGERDUTY_ROUTING_KEY")
    if page and TIER == 1 and routing_key:
        post_json(
            "https://events.pagerduty.com/v2/enqueue",
            {
                "routing_key": routing_key,
                "event_action": "trigger",
                "dedup_key": f"{details.get('dag_id')}/{details.get('run_id')}",
                "payload": {"summary": summary, "source": "airflow", "severity": "critical", "custom_details": details},
            },
        )


def on_task_failure(context: dict) -> None:
    details = describe(context)
    notify(f"{{name}}: task {details['task_id']} failed", details, page=False)


def on_task_retry(context: dict) -> None:
    details = describe(context)
    log.warning("{{name}}: task %s is retrying (try %s)", details["task_id"], details["try_number"])


def on_dag_failure(context: dict) -> None:
    details = describe(context)
    notify(f"{{name}}: run {details['run_id']} failed", details, page=True)
