"""The regulation library's pure core: the corpus loader, search, cited answers, policy lists, export.

Nothing here imports Django (``pyproject.toml``: the import-linter rule over every ``core``
package). The data it reads (``corpus/``, ``questions*.yaml``, ``synonyms.yaml``, ...) stays in
``renshe/knowledge/``, one level up; the Django app stores and serves what it returns.
"""
