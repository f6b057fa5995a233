"""The offline demo: a bundled sample site, its local HTTP server and the demo configuration."""
