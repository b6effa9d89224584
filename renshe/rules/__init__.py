"""The labour and social-insurance law as cited, dated, tested code.

A pure core: nothing here imports Django (checked by the import-linter contract in
pyproject.toml). Parameters live in ``params/`` as dated, cited YAML; calculators
return results that carry a ``trace`` naming the rule, article and parameters used.
"""
