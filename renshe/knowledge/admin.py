"""Admin (in Chinese) for staff who correct documents and articles and publish interpretations."""

from django.contrib import admin

from .models import Article, CleanupDecision, Document, Interpretation, NormativeDocument, ReviewOpinion


class ArticleInline(admin.TabularInline):
    model = Article
    extra = 0
    fields = ["number", "chapter", "text", "valid_from", "valid_to", "verified"]
    show_change_link = True


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "number", "issuer", "effective", "status", "region"]
    list_filter = ["kind", "status", "region"]
    search_fields = ["title", "short", "number", "slug"]
    inlines = [ArticleInline]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["__str__", "valid_from", "valid_to", "verified"]
    list_filter = ["verified", "document"]
    search_fields = ["text", "document__title"]
    autocomplete_fields = ["document"]


@admin.register(Interpretation)
class InterpretationAdmin(admin.ModelAdmin):
    list_display = ["title", "document", "status", "published_on"]
    list_filter = ["status"]
    search_fields = ["title", "body"]
    autocomplete_fields = ["document"]
    filter_horizontal = ["articles"]


class ReviewOpinionInline(admin.TabularInline):
    model = ReviewOpinion
    extra = 0
    readonly_fields = ["step", "result", "reviewer", "opinion", "on"]
    can_delete = False


class CleanupDecisionInline(admin.TabularInline):
    model = CleanupDecision
    extra = 0
    readonly_fields = ["year", "decision", "reason", "decided_by", "decided_on"]
    can_delete = False


@admin.register(NormativeDocument)
class NormativeDocumentAdmin(admin.ModelAdmin):
    """Drafts are registered here; every later step goes through /knowledge/register/ (audited)."""

    list_display = ["__str__", "drafting_unit", "state", "valid_until"]
    list_filter = ["state", "trial"]
    search_fields = ["title", "number"]
    inlines = [ReviewOpinionInline, CleanupDecisionInline]

    def get_readonly_fields(self, request, obj=None):
        workflow = [
            f.name
            for f in NormativeDocument._meta.fields
            if f.name not in {"title", "drafting_unit", "drafter", "trial"}
        ]
        return workflow
