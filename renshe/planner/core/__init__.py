"""The planner's pure core: the optimiser, cash flows, the law it applies, explanations, batch runs, the PDF.

Nothing here imports Django (``pyproject.toml``: the import-linter rule over every ``core``
package); the views, API and CLI around it feed it plain values and show what it returns.
"""
