from django.apps import AppConfig


class ArrearsConfig(AppConfig):
    name = "renshe.arrears"
    label = "arrears"
    verbose_name = "欠薪监测预警"
