"""The daily django-q2 schedule that puts missing agencies' yearly reports on their bureaus' 待办."""

from django.db import migrations

from renshe.platform.web.schedules import DJANGO_Q, daily


class Migration(migrations.Migration):
    dependencies = [("inspections", "0004_agencies"), DJANGO_Q]

    operations = [daily("inspections_annual_report_reminders",
                        "renshe.inspections.agency_services.remind_annual_reports")]
