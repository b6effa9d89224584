"""WSGI entry point for gunicorn (``renshe serve``) and any WSGI server."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renshe.platform.settings.dev")
application = get_wsgi_application()
