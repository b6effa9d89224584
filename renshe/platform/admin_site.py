"""Django admin titled for the department; its language follows LANGUAGE_CODE (zh-hans)."""

from django.contrib import admin


class RensheAdminSite(admin.AdminSite):
    site_header = "人社数字法治平台 管理后台"
    site_title = "人社数字法治平台"
    index_title = "数据管理"
