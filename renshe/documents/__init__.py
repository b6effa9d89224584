"""Shared helpers for the official documents (PDF/DOCX) the platform produces."""
