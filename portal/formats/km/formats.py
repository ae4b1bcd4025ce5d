"""Dates and numbers written the Vietnamese way."""

from django.conf.locale.vi.formats import *  # noqa: F403
