"""Labour-law calculators: compensation, double wages, overtime pay, annual leave.

One module a calculator; this package gathers their ``CALCULATORS`` so the registry
(:mod:`renshe.rules.calculators`) finds them all under ``renshe.rules.labour``.
"""

from renshe.rules.labour import claims, compensation, double_wages, leave, overtime

CALCULATORS = [
    *compensation.CALCULATORS,
    *double_wages.CALCULATORS,
    *overtime.CALCULATORS,
    *leave.CALCULATORS,
    *claims.CALCULATORS,
]
