"""Labour inspection's pure core: the random draw and its input, the task and case workflow
tables, the file reader, the case papers.

Nothing here imports Django (``pyproject.toml``: the import-linter rule over every ``core``
package) except the kernel's pure machine; the Django app stores what these return. The
``renshe inspections`` command stays in ``../cli.py``, where the CLI registry finds it.
"""
