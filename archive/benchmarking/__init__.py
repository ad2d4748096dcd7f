"""Tools for measuring the archive at scale (see ``make bench``)."""
