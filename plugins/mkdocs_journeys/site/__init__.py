"""The multi-round site: each round built into the cache, published into the site folder, versions.json."""
