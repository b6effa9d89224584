"""Admin pages in Chinese. Status changes only through the workflow pages, so it is read-only here."""

from django.contrib import admin

from .models import CleanupDecision, Filing, LegalityReview, NormativeDocument


def _history_inline(model: type, fields: list[str]) -> type[admin.TabularInline]:
    """A read-only inline listing one kind of record of a document."""
    attrs = {"model": model, "extra": 0, "fields": fields, "readonly_fields": fields, "can_delete": False}
    return type(f"{model.__name__}Inline", (admin.TabularInline,), attrs)


ReviewInline = _history_inline(LegalityReview, ["started_on", "finished_on", "reviewer", "result", "opinion"])
FilingInline = _history_inline(Filing, ["filed_with", "filed_on", "due_on", "receipt"])
CleanupInline = _history_inline(CleanupDecision, ["year", "decision", "reason", "decided_on", "decided_by"])


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
