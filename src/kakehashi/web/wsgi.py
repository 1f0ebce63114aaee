"""The WSGI entry point for gunicorn and the development server. A server process loads what its pages need
as it starts (site/warmup.py), so that nobody's first request waits for it."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kakehashi.web.settings")
application = get_wsgi_application()

from kakehashi.web.site.warmup import warm_up  # noqa: E402 - Django is set up by the line above

warm_up()
