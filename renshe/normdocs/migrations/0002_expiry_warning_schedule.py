"""The daily django-q2 schedule that lists documents about to expire (see renshe.normdocs.warnings)."""

from django.db import migrations

from renshe.platform.web.schedules import DJANGO_Q, daily


class Migration(migrations.Migration):
    dependencies = [("normdocs", "0001_initial"), DJANGO_Q]

    operations = [daily("normdocs_expiry_warnings", "renshe.normdocs.warnings.expiry_warnings")]
