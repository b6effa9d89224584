"""The normative-document register's pure core: the review workflow table and the review periods.

Nothing here imports Django (``pyproject.toml``: the import-linter rule over every ``core``
package) except the kernel's pure machine; the Django app stores documents and applies steps.
"""
