"""Labels in every language of the site, as data."""
