"""The long-running service: scheduled crawls, the alert outbox and its channels, source health."""
