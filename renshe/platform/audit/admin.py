from django.contrib import admin
from django.utils.html import format_html, format_html_join

from .models import AuditRecord


class ReadOnlyAdmin(admin.ModelAdmin):
    """An admin for records that are evidence: listed and shown, never added, changed or deleted."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditRecord)
class AuditRecordAdmin(ReadOnlyAdmin):
    """Read-only: an audit record is evidence, so nobody edits or deletes it here."""

    list_display = ["at", "actor", "action", "content_type", "object_repr"]
    list_filter = ["action", "content_type"]
    search_fields = ["object_repr", "object_id", "note"]
    readonly_fields = [*(f.name for f in AuditRecord._meta.fields), "changes"]

    @admin.display(description="变更内容")
    def changes(self, obj: AuditRecord) -> str:
        """Each changed field as one row: field, before, after."""
        before, after = obj.before or {}, obj.after or {}
        keys = sorted(before.keys() | after.keys())
        if not keys:
            return "—"
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            ((k, before.get(k, "—"), after.get(k, "—")) for k in keys),
        )
        return format_html("<table><tr><th>项目</th><th>变更前</th><th>变更后</th></tr>{}</table>", rows)
