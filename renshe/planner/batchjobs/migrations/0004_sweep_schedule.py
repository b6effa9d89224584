"""Every minute, a django-q2 schedule interrupts batches whose worker stopped and deletes their
uploads (renshe.planner.batchjobs.tasks.sweep; issue 13 item 10: a crashed batch stayed
“规划中” for an hour with its personal data on disk)."""

from django.db import migrations

from renshe.platform.web.schedules import DJANGO_Q

NAME = "planner_batch_sweep"


def add(apps, schema_editor) -> None:
    apps.get_model("django_q", "Schedule").objects.get_or_create(
        name=NAME,
        defaults={"func": "renshe.planner.batchjobs.tasks.sweep", "schedule_type": "I", "minutes": 1, "repeats": -1},
    )


def remove(apps, schema_editor) -> None:
    apps.get_model("django_q", "Schedule").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [("planner_batch", "0003_planbatch_heartbeat_at"), DJANGO_Q]

    operations = [migrations.RunPython(add, remove)]
