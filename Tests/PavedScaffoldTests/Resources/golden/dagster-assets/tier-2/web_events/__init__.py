"""web_events: Dagster assets on the paved road."""
