"""The daily django-q2 schedule that deletes batch results past their keeping period
(renshe.planner.batchjobs.tasks.purge)."""

from django.db import migrations

NAME = "planner_batch_purge"
FUNC = "renshe.planner.batchjobs.tasks.purge"


def add_schedule(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.get_or_create(name=NAME, defaults={"func": FUNC, "schedule_type": "D", "repeats": -1})


def remove_schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("planner_batch", "0001_initial"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(add_schedule, remove_schedule)]
