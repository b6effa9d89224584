"""社保规划师: the best legal way for a household to pay into pension insurance (issue 3).

``optimize`` (pure, vectorised), ``explain`` (one plan in words), ``batch`` (files), and the
Django side: ``api`` (POST /api/v1/plan), ``views`` (/planner/ and its PDF report), ``cli``.
"""
