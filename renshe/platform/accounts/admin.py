from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import Organisation, User


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "parent", "region"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]


@admin.register(User)
class RensheUserAdmin(UserAdmin):
    fieldsets = (*UserAdmin.fieldsets, ("机构", {"fields": ("organisation", "phone")}))
    list_display = ["username", "last_name", "first_name", "organisation", "is_staff"]
    list_filter = ["organisation", "groups", "is_staff"]
