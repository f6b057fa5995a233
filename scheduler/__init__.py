"""The long-running service: scheduled crawls in subprocesses, missed runs caught up, one service per
database, and the alerts (alerts/) applied after each run and delivered on a tick."""
