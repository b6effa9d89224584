from django.contrib import admin

from .forms import HolidayNoticeForm
from .models import HolidayNotice, TrackedDeadline


@admin.register(HolidayNotice)
class HolidayNoticeAdmin(admin.ModelAdmin):
    """Saving recomputes the open deadlines of the year (see service.notice_changed)."""

    form = HolidayNoticeForm
    list_display = ["year", "number", "title", "issued_on", "verified", "updated_at"]
    search_fields = ["number", "title"]
    fields = [
        "year",
        "title",
        "number",
        "issued_on",
        "url",
        "days_off_text",
        "make_up_text",
        "festival_text",
        "verified",
        "note",
    ]

    def save_model(self, request, obj, form, change):
        obj.save(actor=request.user)

    def delete_model(self, request, obj):
        obj.delete(actor=request.user)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            obj.delete(actor=request.user)


@admin.register(TrackedDeadline)
class TrackedDeadlineAdmin(admin.ModelAdmin):
    """Read-only: deadlines are set by their workflows and moved only by notices."""

    list_display = [
        "due",
        "kind",
        "start",
        "length",
        "unit",
        "provisional",
        "is_open",
        "content_type",
        "object_id",
    ]
    list_filter = ["is_open", "provisional", "kind", "unit"]
    date_hierarchy = "due"
    readonly_fields = [f.name for f in TrackedDeadline._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
