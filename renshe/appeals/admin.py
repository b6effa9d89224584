"""The admin keeps what staff edit by hand: routing rules, desks, the proactive catalogue."""

from django.contrib import admin

from .models import CatalogueItem, Desk, RoutingRule


@admin.register(RoutingRule)
class RoutingRuleAdmin(admin.ModelAdmin):
    list_display = ("category", "place", "target", "note")
    list_filter = ("category",)


@admin.register(Desk)
class DeskAdmin(admin.ModelAdmin):
    list_display = ("organisation", "user")
    autocomplete_fields = ()


@admin.register(CatalogueItem)
class CatalogueItemAdmin(admin.ModelAdmin):
    list_display = ("title", "category", "doc_number", "published_on", "publish_due", "repealed_on")
    list_filter = ("category",)
    search_fields = ("title", "doc_number")
