"""vanban's top layer: store, indexer, API, web pages and the ``vanban`` CLI."""
