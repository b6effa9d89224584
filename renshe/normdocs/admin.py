"""Admin pages in Chinese. Status changes only through the workflow pages, so it is read-only here."""

from django.contrib import admin

from .models import CleanupDecision, Filing, LegalityReview, NormativeDocument


class ReviewInline(admin.TabularInline):
    model = LegalityReview
    extra = 0
    fields = ["started_on", "finished_on", "reviewer", "result", "opinion"]
    readonly_fields = fields
    can_delete = False


class FilingInline(admin.TabularInline):
    model = Filing
    extra = 0
    fields = ["filed_with", "filed_on", "due_on", "receipt"]
    readonly_fields = fields
    can_delete = False


class CleanupInline(admin.TabularInline):
    model = CleanupDecision
    extra = 0
    fields = ["year", "decision", "reason", "decided_on", "decided_by"]
    readonly_fields = fields
    can_delete = False


@admin.register(NormativeDocument)
class NormativeDocumentAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "drafting_division", "status", "published_on", "valid_until", "demo"]
    list_filter = ["status", "drafting_division", "demo"]
    search_fields = ["title", "number"]
    date_hierarchy = "published_on"
    readonly_fields = ["status", "number", "published_on", "effective_from", "valid_until", "filing_deadline"]
    inlines = [ReviewInline, FilingInline, CleanupInline]


@admin.register(LegalityReview)
class LegalityReviewAdmin(admin.ModelAdmin):
    list_display = ["document", "started_on", "finished_on", "reviewer", "result"]
    list_filter = ["result"]
    search_fields = ["document__title", "document__number"]
    readonly_fields = [
        "document",
        "submitted_by",
        "reviewer",
        "result",
        "started_on",
        "finished_on",
        "deadline",
    ]


@admin.register(Filing)
class FilingAdmin(admin.ModelAdmin):
    list_display = ["document", "filed_with", "filed_on", "due_on", "receipt"]
    search_fields = ["document__title", "document__number", "receipt"]
    readonly_fields = ["document", "filed_on", "due_on", "filed_by"]


@admin.register(CleanupDecision)
class CleanupDecisionAdmin(admin.ModelAdmin):
    list_display = ["document", "year", "decision", "decided_on", "decided_by"]
    list_filter = ["year", "decision"]
    search_fields = ["document__title", "document__number"]
    readonly_fields = ["document", "year", "decision", "decided_on", "decided_by"]
