"""The only code that knows MkDocs or Material: plugin events, configuration, theme overrides."""
