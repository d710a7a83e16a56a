"""Pure data per page kind, worked out from the model: no Jinja, no Altair, no MkDocs."""
