"""Reading the sources: the YAML reader, the schemas, the loader, the lock of closed rounds."""
