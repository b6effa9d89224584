from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q, Subquery
from django.db.models.functions import Cast
from django.utils.html import format_html, format_html_join

from renshe.platform.accounts.scoping import organisation_path, scope, sees_province

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
