"""Every day, requests whose clock has run out go one level up the province–city–county line."""

from django.db import migrations

from renshe.platform.web.schedules import DJANGO_Q, daily


class Migration(migrations.Migration):
    dependencies = [("appeals", "0001_initial"), DJANGO_Q]

    operations = [daily("诉求超期逐级督办", "renshe.appeals.steps.escalate_overdue")]
