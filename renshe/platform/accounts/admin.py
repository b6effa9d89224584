from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin

from .masking import mask_phone
from .models import ApiToken, Organisation, User
from .scoping import scope


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "parent", "region"]
    list_filter = ["kind", "region"]
    search_fields = ["name", "code"]
    readonly_fields = ["path"]
    autocomplete_fields = ["parent"]

    def get_queryset(self, request):
        """A city's staff see their city and its counties; the department sees the province."""
        return scope(super().get_queryset(request), request.user, org_field="pk")


@admin.register(User)
class RensheUserAdmin(UserAdmin):
    fieldsets = (*UserAdmin.fieldsets, ("机构", {"fields": ("organisation", "phone")}))
    add_fieldsets = (*UserAdmin.add_fieldsets, ("机构", {"fields": ("organisation", "phone", "groups")}))
    list_display = ["username", "last_name", "first_name", "organisation", "roles", "masked_phone", "is_active"]
    list_filter = ["groups", "organisation__kind", "is_staff", "is_active"]
    search_fields = ["username", "last_name", "first_name", "organisation__name"]
    autocomplete_fields = ["organisation"]

    @admin.display(description="角色")
    def roles(self, obj: User) -> str:
        return "、".join(g.name for g in obj.groups.all())

    @admin.display(description="手机号")
    def masked_phone(self, obj: User) -> str:
        return mask_phone(obj.phone)

    def get_queryset(self, request):
        qs = super().get_queryset(request).select_related("organisation").prefetch_related("groups")
        return scope(qs, request.user)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are issued here; the token is shown once, in the message after saving."""

    list_display = ["name", "user", "prefix", "created", "expires", "last_used"]
    search_fields = ["name", "user__username"]
    fields = ["user", "name", "expires", "prefix", "created", "last_used"]
    readonly_fields = ["prefix", "created", "last_used"]
    autocomplete_fields = ["user"]

    def get_readonly_fields(self, request, obj=None):
        return [*self.readonly_fields, "user"] if obj is not None else self.readonly_fields

    def save_model(self, request, obj, form, change):
        token = None if change else obj.set_token()
        super().save_model(request, obj, form, change)
        if token:
            messages.warning(request, f"令牌（只显示这一次，请妥善保存）/ token, shown once: {token}")
