"""The daily django-q2 schedule that e-mails each member of staff their 待办 (renshe.platform.workflow.digest)."""

from django.db import migrations

from renshe.platform.web.schedules import DJANGO_Q, daily


class Migration(migrations.Migration):
    dependencies = [("workflow", "0001_initial"), DJANGO_Q]

    operations = [daily("workflow_daily_digest", "renshe.platform.workflow.digest.send_daily")]
