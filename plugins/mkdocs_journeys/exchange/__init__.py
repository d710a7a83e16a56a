"""Imports, exports, the change summary, CI formats and scaffolding."""
