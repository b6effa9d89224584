from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q, Subquery
from django.db.models.functions import Cast
from django.utils.html import format_html, format_html_join

from renshe.platform.accounts.scoping import organisation_path, scope, sees_province

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

    def get_queryset(self, request):
        """Only records about objects of the user's organisations (issue 13, item 4: a city's
        staff saw other cities' alerts with their before/after). Each object type is scoped by
        its own organisation (accounts.scoping.organisation_path); records about objects of no
        office (parameters, the calendar) and of deleted objects are the province's."""
        qs = super().get_queryset(request)
        user = request.user
        if sees_province(user):
            return qs
        allowed = Q(pk__in=[])
        for ct in ContentType.objects.filter(pk__in=qs.values("content_type")):
            model = ct.model_class()
            path = organisation_path(model) if model is not None else None
            if path is None:
                continue
            ids = scope(model._default_manager.all(), user, path).annotate(_id=Cast("pk", CharField())).values("_id")
            allowed |= Q(content_type=ct, object_id__in=Subquery(ids))
        return qs.filter(allowed)

    @admin.display(description="变更内容")
    def changes(self, obj: AuditRecord) -> str:
        """Each changed field as one row: its label, before and after in words."""
        rows = readable.changes(obj.content_type.model_class(), obj.before, obj.after)
        if not rows:
            return "—"
        body = format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td></tr>", ((c.label, c.before, c.after) for c in rows))
        return format_html("<table><tr><th>项目</th><th>变更前</th><th>变更后</th></tr>{}</table>", body)
