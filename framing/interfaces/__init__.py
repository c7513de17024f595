"""Interfaces: the ``framing`` command (cli.py and commands/) and the helpers of the Streamlit dashboard
(dashboard.py; the app itself is the top-level dashboard.py)."""
