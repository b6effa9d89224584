from django.contrib import admin

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Notifications of the 待办; added by the platform's jobs, read by staff on /todo/."""

    list_display = ["created_at", "title", "user", "organisation", "due", "done_at"]
    list_filter = ["module", "done_at"]
    search_fields = ["title", "body"]
    readonly_fields = ["created_at", "done_at", "done_by", "key"]
