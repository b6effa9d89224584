"""The admin site, in Chinese, titled for the department."""

from django.contrib.admin.apps import AdminConfig as BaseAdminConfig


class AdminConfig(BaseAdminConfig):
    default_site = "renshe.platform.admin_site.RensheAdminSite"
