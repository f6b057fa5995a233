"""Item pipelines, in the order of ITEM_PIPELINES: clean -> match -> events -> fingerprint -> store."""
