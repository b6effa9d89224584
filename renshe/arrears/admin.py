"""Admin: the log of data pushed by banks and the housing department, read-only."""

from django.contrib import admin

from renshe.platform.audit.admin import ReadOnlyAdmin

from .models import PushRecord


@admin.register(PushRecord)
class PushRecordAdmin(ReadOnlyAdmin):
    """A push record is evidence of what each bank or department sent, so nobody edits it."""

    list_display = [
        "at", "actor", "table", "body_format", "received", "inserted", "unchanged", "corrected", "rejected", "status",
        "state",
    ]
    list_filter = ["table", "status", "state", "actor"]
    date_hierarchy = "at"
