"""诉求、信访与依申请公开: 12345, 96333, 闽治欠, letters, visits and disclosure requests.

Pure rules live in :mod:`renshe.appeals.core` (no Django; an import-linter contract keeps it so);
the Django app (models, services, pages, API, CLI) sits beside it.
"""
