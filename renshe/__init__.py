"""Renshe (人社): the digital rule-of-law platform of a provincial HRSS department."""

__version__ = "0.1.0"
