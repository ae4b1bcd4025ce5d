"""The throughput ceiling: a bare Django view with no middleware, served by the same
gunicorn configuration as the portal (``gunicorn bench.bare:application``)."""

import os

from django.http import HttpResponse
from django.urls import path

os.environ["DJANGO_SETTINGS_MODULE"] = "bench.bare"

SECRET_KEY = "bench-only-not-secret"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.bare"
MIDDLEWARE = []
INSTALLED_APPS = []
DATABASES = {}


def hello(request):
    return HttpResponse(b"<!DOCTYPE html><title>ok</title><p>ok</p>")


urlpatterns = [path("", hello)]

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
