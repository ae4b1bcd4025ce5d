import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

application = get_wsgi_application()

# What loading made (160,000 objects: modules, models, URL patterns, Wagtail's
# registries) lives as long as the process. Frozen, the collector no longer
# walks it on each full collection, which paused one request in every few
# dozen for 60-90 ms at tier M.
gc.freeze()
