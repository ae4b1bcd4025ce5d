"""Wagtail's tasks (its admin search index and reference index) run at once, or
once per object at the end of a ``tasks_deferred()`` block (catalogue imports)."""

import json

import pytest
from django_tasks.signals import task_started
from wagtail.models import Page, ReferenceIndex

from courses.catalogue import catalogue_import
from courses.models import CoursePage
from portal.tasks import tasks_deferred

pytestmark = pytest.mark.django_db


@pytest.fixture
def started():
    """The (task, args) of every task started while the test runs."""
    runs = []

    def note(sender, task_result, **kwargs):
        runs.append((task_result.task.name, tuple(task_result.args)))

    task_started.connect(note)
    yield runs
    task_started.disconnect(note)


def admin_search(admin_client, text):
    response = admin_client.get("/admin/pages/search/", {"q": text})
    assert response.status_code == 200
    return response.content.decode()


def course_page():
    return CoursePage.objects.filter(locale__language_code="vi").first()


def test_outside_a_block_tasks_run_at_each_save(started):
    page = course_page()
    page.save()
    page.save()
    assert len(started) >= 2 and len(started) > len(set(started))


def test_a_block_runs_each_task_once_when_it_ends(started, admin_client):
    page = course_page()
    with tasks_deferred():
        page.title = "Lớp quýt vàng thử nghiệm"
        page.save_revision().publish()
        page.save()
        assert started == []
        found = admin_search(admin_client, "quýt vàng")
        assert "Lớp quýt vàng thử nghiệm" not in found
    assert started and len(started) == len(set(started))
    assert {name for name, _args in started} >= {
        "insert_or_update_object_task",
        "update_reference_index_task",
    }
    # What the tasks do is done: the admin search finds the new title.
    assert "Lớp quýt vàng thử nghiệm" in admin_search(admin_client, "quýt vàng")


def test_a_block_that_raises_runs_nothing(started):
    page = course_page()
    with pytest.raises(RuntimeError), tasks_deferred():
        page.save()
        raise RuntimeError("stop")
    assert started == []
    page.save()
    assert started


def test_an_import_leaves_both_indexes_as_saving_each_page_would(
    admin_client, catalogue_data
):
    report = catalogue_import(json.dumps(catalogue_data), publish=True)
    assert report.counts["courses"]["created"]
    code = catalogue_data["courses"][0]["code"]
    title = catalogue_data["courses"][0]["title"]
    page = CoursePage.objects.get(code=code, locale__language_code="vi")
    assert title in admin_search(admin_client, title)
    # The course refers to its curriculum or centre through the reference index
    # exactly as a save outside an import records it.
    imported = set(
        ReferenceIndex.get_references_for_object(page).values_list(
            "to_content_type", "to_object_id", "model_path"
        )
    )
    assert imported
    page.save()
    assert imported == set(
        ReferenceIndex.get_references_for_object(page).values_list(
            "to_content_type", "to_object_id", "model_path"
        )
    )
    assert Page.objects.filter(pk=page.pk).exists()
