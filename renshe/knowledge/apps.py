from django.apps import AppConfig


class KnowledgeConfig(AppConfig):
    name = "renshe.knowledge"
    label = "knowledge"
    verbose_name = "法规库与政策解读"
