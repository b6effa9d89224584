"""Admin (in Chinese) for staff who correct documents and articles and publish interpretations."""

from django.contrib import admin

from .models import Article, Document, Interpretation


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
