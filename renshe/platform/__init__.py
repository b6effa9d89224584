"""The Django platform: settings, accounts and roles, audit, base pages, the API root."""
