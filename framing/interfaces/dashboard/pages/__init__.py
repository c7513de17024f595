"""The dashboard's pages, one module each; ``dashboard.py`` (the app) routes the tabs to their
``view_*`` function. Pages draw: what they show is computed in ``framing`` and cached in ``common``."""
