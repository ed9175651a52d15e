"""The web face of dyad: HTTP API and dashboard (`create_app`, `dyad serve`)."""
