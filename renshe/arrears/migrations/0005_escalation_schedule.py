"""The daily django-q2 schedule that escalates overdue alerts (renshe.arrears.workflow.escalate_overdue);
before, only the demo loader created it, so a real install never escalated."""

from django.db import migrations

from renshe.platform.web.schedules import DJANGO_Q, daily


class Migration(migrations.Migration):
    dependencies = [("arrears", "0004_alert_supervisors_assignee"), DJANGO_Q]

    operations = [daily("arrears.escalate_overdue", "renshe.arrears.workflow.escalate_overdue")]
