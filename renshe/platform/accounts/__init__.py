"""Accounts, roles and organisations: who a staff member is and what they may see."""
