"""Storage and reports: the ``Analysis`` (the tables of one run), CSV reports written and read back
(reports.py) and the incremental DuckDB store (store.py)."""
