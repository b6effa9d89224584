"""Labour-dispute arbitration's pure core: the case workflow table, the claim elements, the
synthetic caseload.

Nothing here imports Django (``pyproject.toml``: the import-linter rule over every ``core``
package) except the kernel's pure machine; the Django app stores cases and applies steps.
"""
