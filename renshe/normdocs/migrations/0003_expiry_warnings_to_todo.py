"""The daily expiry warning run now puts its warnings in the 待办 (renshe.normdocs.warnings.notify_expiring);
before, it returned a list nobody read."""

from django.db import migrations

OLD, NEW = "renshe.normdocs.warnings.expiry_warnings", "renshe.normdocs.warnings.notify_expiring"


def _point(func_from: str, func_to: str):
    def run(apps, schema_editor) -> None:
        apps.get_model("django_q", "Schedule").objects.filter(name="normdocs_expiry_warnings", func=func_from).update(
            func=func_to
        )

    return run


class Migration(migrations.Migration):
    dependencies = [("normdocs", "0002_expiry_warning_schedule")]

    operations = [migrations.RunPython(_point(OLD, NEW), _point(NEW, OLD))]
