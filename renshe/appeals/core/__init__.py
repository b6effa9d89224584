"""The appeals' pure core: routing rules, statutory clocks, KPI definitions, annual-report tables.

Nothing here imports Django (``pyproject.toml``: import-linter contract); the Django side feeds
it plain values and stores what it returns.
"""
