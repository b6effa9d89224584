"""The daily django-q2 schedule that deletes batch results past their keeping period
(renshe.planner.batchjobs.tasks.purge)."""

from django.db import migrations

from renshe.platform.web.schedules import DJANGO_Q, daily


class Migration(migrations.Migration):
    dependencies = [("planner_batch", "0001_initial"), DJANGO_Q]

    operations = [daily("planner_batch_purge", "renshe.planner.batchjobs.tasks.purge")]
