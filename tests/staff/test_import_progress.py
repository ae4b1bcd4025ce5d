"""Large spreadsheet imports run as background jobs with a progress page: the
same counts as the immediate import, progress without JavaScript, the job seen
only by its user, and the apply still all or nothing."""

import io
import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from courses.models import CoursePage
from staff.models import ImportJob, ImportPhase, ImportStatus
from tests.factories import UserFactory
from tests.staff.test_spreadsheet_import import course, csv_upload, row, upload

pytestmark = pytest.mark.django_db

CODES = ["A-BIG-01", "A-BIG-02", "A-BIG-03"]


def vi(message, **values):
    with translation.override("vi"):
        return translation.gettext(message) % values


@pytest.fixture
def staff_client(client, staff_a):
    client.force_login(staff_a)
    return client


@pytest.fixture
def background(settings):
    """Files of more than two records run as jobs; no thread (the test runs the
    jobs itself, as `run_import_jobs` would)."""
    settings.STAFF_IMPORT_BACKGROUND_ROWS = 2
    settings.STAFF_IMPORT_RUN_IN_THREAD = False


def big_file(world):
    return csv_upload([course(world.a, code) for code in CODES])


def queue(client, world, publish=True):
    """Upload the three-course file; return the queued job."""
    response = upload(client, big_file(world), publish=publish)
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:import_job", args=[job.pk])
    return job


def run_jobs():
    call_command("run_import_jobs", "--once", stdout=io.StringIO())


def checked(client, world):
    """Upload, run the dry run; return the job and its page."""
    job = queue(client, world)
    run_jobs()
    job.refresh_from_db()
    return job, client.get(reverse("staff:import_job", args=[job.pk]))


def apply(client, job):
    response = client.post(reverse("staff:import_job_apply", args=[job.pk]))
    assert response.status_code == 302
    run_jobs()
    job.refresh_from_db()
    return client.get(reverse("staff:import_job", args=[job.pk]))


def test_a_large_file_runs_as_a_job_with_the_counts_of_the_immediate_path(
    staff_client, world, settings
):
    response = upload(staff_client, big_file(world), publish=True)
    immediate = response.context["outcome"]
    assert immediate.ok and not ImportJob.objects.exists()

    settings.STAFF_IMPORT_BACKGROUND_ROWS = 2
    job = queue(staff_client, world)
    assert (job.status, job.phase, job.rows_total) == ("queued", "dry_run", 3)
    assert not CoursePage.objects.filter(code__in=CODES).exists()
    run_jobs()
    job.refresh_from_db()
    assert (job.status, job.rows_done) == (ImportStatus.DONE, 3)
    page = staff_client.get(reverse("staff:import_job", args=[job.pk]))
    dry = page.context["outcome"]
    assert dry.counts == immediate.counts and dry.rows == immediate.rows
    assert b'http-equiv="refresh"' not in page.content
    assert not CoursePage.objects.filter(code__in=CODES).exists()

    page = apply(staff_client, job)
    assert (job.phase, job.status) == (ImportPhase.APPLY, ImportStatus.DONE)
    assert page.context["outcome"].counts == immediate.counts
    assert not page.context["apply_url"]
    created = CoursePage.objects.filter(code__in=CODES, locale__language_code="vi")
    assert created.live().count() == 3
    assert job.data == {}, "the file is not kept once applied"


def test_the_job_page_shows_progress_and_refreshes_itself(
    staff_client, world, background
):
    job = queue(staff_client, world)
    page = staff_client.get(reverse("staff:import_job", args=[job.pk]))
    assert vi("Waiting to start…") in page.content.decode()
    assert b'<meta http-equiv="refresh" content="3">' in page.content

    job.status, job.rows_done, job.started_at = "running", 2, timezone.now()
    job.save()
    page = staff_client.get(reverse("staff:import_job", args=[job.pk]))
    html = page.content.decode()
    assert vi("%(done)s of %(total)s rows", done=2, total=3) in html
    assert '<progress value="2" max="3">' in html
    assert '<meta http-equiv="refresh" content="3">' in html
    assert not page.context["apply_url"]

    job.status, job.rows_done = "queued", 0
    job.save()
    run_jobs()
    page = staff_client.get(reverse("staff:import_job", args=[job.pk]))
    html = page.content.decode()
    assert b'http-equiv="refresh"' not in page.content
    assert re.search(r'class="count-created">3<', html)
    assert reverse("staff:import_job_apply", args=[job.pk]) in html


def test_another_user_cannot_see_or_apply_the_job(
    client, staff_client, world, background
):
    job, _page = checked(staff_client, world)
    client.force_login(world.b_staff)
    for response in (
        client.get(reverse("staff:import_job", args=[job.pk])),
        client.post(reverse("staff:import_job_apply", args=[job.pk])),
    ):
        assert response.status_code == 404
        assert job.file_name not in response.content.decode()
    job.refresh_from_db()
    assert job.phase == ImportPhase.DRY_RUN
    client.force_login(UserFactory(is_superuser=True))
    assert client.get(reverse("staff:import_job", args=[job.pk])).status_code == 200


def test_a_failure_during_the_apply_writes_nothing(
    staff_client, world, background, monkeypatch
):
    job, _page = checked(staff_client, world)
    from courses import catalogue

    real = catalogue.course_upsert

    def fail_on_the_last(record, publish, user=None):
        if record["code"] == CODES[-1]:
            raise RuntimeError("the disk is full")
        return real(record, publish, user)

    monkeypatch.setattr(catalogue, "course_upsert", fail_on_the_last)
    page = apply(staff_client, job)
    assert job.status == ImportStatus.FAILED
    assert job.rows_done == 2, "two rows were written, then rolled back"
    assert "RuntimeError: the disk is full" in job.error
    assert not CoursePage.objects.filter(code__in=CODES).exists()
    html = page.content.decode()
    assert vi("%(name)s: nothing was written", name=job.file_name) in html
    assert "the disk is full" not in html, "the technical error is for admins"


def test_a_row_rejected_at_apply_time_is_shown_and_nothing_is_written(
    staff_client, world, background
):
    job, _page = checked(staff_client, world)
    # Between the dry run and the apply, centre B takes the third course's code.
    world.b_course.code = CODES[-1]
    world.b_course.save()
    page = apply(staff_client, job)
    assert job.status == ImportStatus.FAILED
    problems = page.context["outcome"].problems
    assert [(p.row, p.column) for p in problems] == [(row(4), "code")]
    assert not CoursePage.objects.filter(code__in=CODES[:2]).exists()
    assert vi("Reason") in page.content.decode()


def test_a_job_whose_process_stopped_says_so_and_is_failed(
    staff_client, world, background
):
    job, _page = checked(staff_client, world)
    staff_client.post(reverse("staff:import_job_apply", args=[job.pk]))
    # The worker took the apply an hour ago and was killed: its transaction was
    # rolled back by the database, and it reported nothing since.
    job.refresh_from_db()
    job.status, job.started_at = "running", timezone.now() - timedelta(hours=1)
    job.save()
    page = staff_client.get(reverse("staff:import_job", args=[job.pk]))
    html = page.content.decode()
    assert vi("%(name)s: nothing was written", name=job.file_name) in html
    assert 'http-equiv="refresh"' not in html
    run_jobs()
    job.refresh_from_db()
    assert (job.status, job.outcome) == (ImportStatus.FAILED, None)
    assert not CoursePage.objects.filter(code__in=CODES).exists()
