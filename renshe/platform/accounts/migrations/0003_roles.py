"""Create the role groups (roles.py). Their permissions are granted after every migrate,
once Django has created the permissions (post_migrate), and by ``manage.py sync_roles``."""

from django.db import migrations


def create_groups(apps, schema_editor):
    from renshe.platform.accounts.roles import ROLES

    Group = apps.get_model("auth", "Group")
    for role in ROLES.values():
        Group.objects.get_or_create(name=role.name)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_api_token"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
