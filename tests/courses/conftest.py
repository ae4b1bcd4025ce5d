"""Fixtures of the course admin tests."""

import pytest

from tests.factories import CentreStaffFactory, first_live_course


@pytest.fixture
def staff_client(client):
    """Logged in as staff of the first demo course's centre."""
    client.force_login(
        CentreStaffFactory(centre=first_live_course().get_parent().specific)
    )
    return client
