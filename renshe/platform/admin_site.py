"""Django admin titled for the department; its language follows LANGUAGE_CODE (zh-hans).

Staff sign in once, on /accounts/login/ (CONTRACTS.md "Running and pages"): every admin
page sends an anonymous visitor straight there, and the admin's own login page answers
403 to a signed-in user who may not use the admin.
"""

from functools import wraps

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse


class RensheAdminSite(admin.AdminSite):
    site_header = "人社数字法治平台 管理后台"
    site_title = "人社数字法治平台"
    index_title = "数据管理"

    def login(self, request, extra_context=None):
        if request.user.is_authenticated and not self.has_permission(request):
            raise PermissionDenied("没有使用管理后台的权限 / not allowed to use the admin")
        return redirect_to_login(request.GET.get("next") or reverse("admin:index", current_app=self.name))

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        @wraps(inner)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            return inner(request, *args, **kwargs)

        return wrapper
