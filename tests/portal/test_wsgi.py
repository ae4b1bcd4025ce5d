"""The served process (portal/wsgi.py)."""

import gc
import importlib


def test_the_served_process_freezes_what_loading_made():
    """Objects made while loading are kept out of the collector's full passes,
    which paused a request in every few dozen for 60-90 ms at tier M."""
    import portal.wsgi

    gc.unfreeze()
    try:
        assert gc.get_freeze_count() == 0
        importlib.reload(portal.wsgi)
        assert gc.get_freeze_count() > 10_000
        assert callable(portal.wsgi.application)
    finally:
        gc.unfreeze()
