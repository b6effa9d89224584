"""Wage-arrears monitoring's pure core: the data lake and its ingest, checks and engines,
indicators, warnings, the alert workflow table and rating, store figures, the synthetic data.

Nothing here imports Django (``pyproject.toml``: the import-linter rule over every ``core``
package) except the kernel's pure machine; the Django app stores alerts and shows what these
return. The ``renshe arrears`` command stays in ``../cli.py``, where the CLI registry finds it.
"""
