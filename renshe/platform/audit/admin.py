from django.contrib import admin
from django.utils.html import format_html, format_html_join

from . import readable
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

    list_display = ["at", "actor", "what", "content_type", "object_repr"]
    list_filter = ["action", "content_type"]
    search_fields = ["object_repr", "object_id", "note"]
    fields = ["at", "actor", "content_type", "object_repr", "sentence", "changes"]
    readonly_fields = fields

    @admin.display(description="操作")
    def what(self, obj: AuditRecord) -> str:
        return readable.action_label(obj.content_type.model_class(), obj.action)

    @admin.display(description="记录")
    def sentence(self, obj: AuditRecord) -> str:
        return readable.entry(obj).sentence

    @admin.display(description="变更内容")
    def changes(self, obj: AuditRecord) -> str:
        """Each changed field as one row: its label, before and after in words."""
        rows = readable.changes(obj.content_type.model_class(), obj.before, obj.after)
        if not rows:
            return "—"
        body = format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td></tr>", ((c.label, c.before, c.after) for c in rows))
        return format_html("<table><tr><th>项目</th><th>变更前</th><th>变更后</th></tr>{}</table>", body)
