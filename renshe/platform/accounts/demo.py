"""Demo organisations and staff accounts (filled in by the accounts work)."""

from __future__ import annotations


def load(stdout) -> None:
    return None
