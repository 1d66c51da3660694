"""pytest plugin: collects ``*.claims.toml`` files as test items, one per claim."""
