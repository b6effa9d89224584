"""Site-wide pages and plumbing: home, health, calculators' and parameters' pages, headers."""
