"""HTML fragments from Jinja templates, the page kinds, the site's assets."""
