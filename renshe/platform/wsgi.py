"""WSGI entry point for gunicorn (``renshe serve``) and any WSGI server."""

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renshe.platform.settings.dev")
application = get_wsgi_application()

# Import every URL module now (and with them the apps, the planner and the parameter files)
# rather than on the first request, then take all those long-lived objects out of the
# garbage collector's sight: its full collections would otherwise walk them again and again
# while requests wait. Those pauses were the worst latencies of POST /api/v1/plan under load
# (bench/planner.py, 50 clients: p99 225 ms without, 137 ms with gc.freeze()).
# A plan allocates thousands of small dicts and lists, so the youngest generation filled every
# few hundred microseconds; collecting it every 20,000 allocations instead of 700 took the
# collector from 4.0 % to 1.8 % of the server's CPU under the same load (perf, 2026-11-26).
get_resolver().url_patterns  # noqa: B018 - evaluated for its imports

# Build the regulation library's documents and search index now (several seconds of
# segmentation), so the first search on a fresh worker is as fast as the others (issue 18 §15);
# before the freeze, so the collector never walks them either.
from renshe.knowledge import services as knowledge_services  # noqa: E402 - after the app is set up

knowledge_services.warm()
gc.freeze()
gc.set_threshold(20_000, 20, 10)

# Start this worker's planning process now (renshe.planner.core.serving), not on the first plan.
from renshe.planner.core.serving import planner  # noqa: E402 - after the app is set up

planner.start()
