from django.contrib import admin

from .models import MediationOrganisation


@admin.register(MediationOrganisation)
class MediationOrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "organisation", "area")
    list_filter = ("kind", "organisation")
    search_fields = ("name", "area")
