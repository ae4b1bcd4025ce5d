"""Background spreadsheet imports: a file of more than
``STAFF_IMPORT_BACKGROUND_ROWS`` records is checked (dry run) and later applied by
an ImportJob run outside the request, because the import writes a few records a
second and a large file would outlast the server's request timeout.

Who runs a job: ``manage.py run_import_jobs`` (beside gunicorn in production),
and, when ``STAFF_IMPORT_RUN_IN_THREAD`` is set (development, so that ``make run``
needs nothing else), a thread started by the request that queued it. A job is
claimed with one conditional UPDATE, so two runners never run it twice.

Each run is the same ``staff_import`` as the immediate path, all or nothing in one
transaction: a failure rolls everything back and the job is marked failed with
the reason. Progress is counted by the import's per-record callback. It cannot be
saved on the job while the import's transaction is open (SQLite has one writer
and our transactions take it at once; on PostgreSQL the update would wait for
the commit to be seen), so the live count goes to the cache (Redis in
production, shared by every process) and the job's own ``rows_done`` is saved
when a run starts and ends.
"""

import logging
import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone, translation

from staff.models import ImportJob, ImportPhase, ImportStatus
from staff.services import ImportOutcome, import_size, staff_import

logger = logging.getLogger(__name__)

# Defaults of the settings of the same name (see docs/spreadsheet-format.md).
STAFF_IMPORT_BACKGROUND_ROWS = 200
STAFF_IMPORT_RUN_IN_THREAD = False
# How often the live count is written to the cache, at most.
PROGRESS_EVERY_SECONDS = 1.0
# A running job that has reported no progress for this long was interrupted (its
# process was stopped; the database rolled its transaction back).
STALE_AFTER_SECONDS = 30 * 60
CACHE_SECONDS = 24 * 60 * 60


def background_rows():
    """Return the number of records above which an import runs as a job."""
    return getattr(
        settings, "STAFF_IMPORT_BACKGROUND_ROWS", STAFF_IMPORT_BACKGROUND_ROWS
    )


def import_runs_in_background(data):
    """Return whether importing catalogue ``data`` needs a background job."""
    return import_size(data) > background_rows()


def import_job_create(user, file_name, data, where, publish):
    """Queue the dry run of catalogue ``data`` (read from ``file_name``; ``where``
    maps ``(section, index)`` to row labels) for ``user``, and start it in a
    thread when settings say so. Returns the ImportJob."""
    job = ImportJob.objects.create(
        user=user,
        file_name=file_name[:255],
        data=data,
        where=[[section, index, label] for (section, index), label in where.items()],
        publish=publish,
        language=translation.get_language() or settings.LANGUAGE_CODE,
        rows_total=import_size(data),
    )
    _start(job)
    return job


def import_job_apply(job):
    """Queue the apply of ``job``, whose dry run finished without problems, and
    start it in a thread when settings say so. Returns False (and changes
    nothing) when the job is not waiting to be applied."""
    if job.outcome is None or not import_job_outcome(job).ok:
        return False
    queued = ImportJob.objects.filter(
        pk=job.pk, phase=ImportPhase.DRY_RUN, status=ImportStatus.DONE
    ).update(
        phase=ImportPhase.APPLY,
        status=ImportStatus.QUEUED,
        rows_done=0,
        started_at=None,
        finished_at=None,
    )
    if queued:
        job.refresh_from_db()
        _start(job)
    return bool(queued)


def import_job_outcome(job):
    """Return the ImportOutcome of a finished ``job`` (None before)."""
    return ImportOutcome.from_json(job.outcome) if job.outcome is not None else None


def import_job_progress(job):
    """Return how many records of ``job``'s current run are done: the live count
    while it runs, else the saved one."""
    saved = job.rows_done
    if job.status != ImportStatus.RUNNING:
        return saved
    live = cache.get(_progress_key(job))
    return max(saved, live[0]) if live else saved


def import_job_stale(job):
    """Return whether ``job`` says it is running but has shown no sign of life for
    STALE_AFTER_SECONDS (its process was stopped; nothing was written)."""
    if job.status != ImportStatus.RUNNING or job.started_at is None:
        return False
    live = cache.get(_progress_key(job))
    last = live[1] if live else job.started_at.timestamp()
    return time.time() - last > STALE_AFTER_SECONDS


def import_jobs_run_queued():
    """Fail the interrupted jobs, then run every queued job, oldest first.
    Returns how many jobs this call ran."""
    running = ImportJob.objects.filter(status=ImportStatus.RUNNING)
    for job in running.defer("data", "where"):
        if import_job_stale(job):
            _finish(job, ImportStatus.FAILED, error="interrupted")
    queued = ImportJob.objects.filter(status=ImportStatus.QUEUED).order_by("created_at")
    return sum(import_job_run(pk) for pk in queued.values_list("pk", flat=True))


def import_job_run(pk):
    """Run the current phase of the queued job ``pk`` and record its outcome.
    Returns True, or False when the job was not queued (another runner took
    it). Never raises for a failed import: the job records the failure."""
    claimed = ImportJob.objects.filter(pk=pk, status=ImportStatus.QUEUED).update(
        status=ImportStatus.RUNNING, started_at=timezone.now(), rows_done=0
    )
    if not claimed:
        return False
    job = ImportJob.objects.select_related("user").get(pk=pk)
    dry_run = job.phase == ImportPhase.DRY_RUN
    progress = _Progress(job)
    where = {(section, index): label for section, index, label in job.where}
    try:
        with translation.override(job.language):
            outcome = staff_import(
                job.user,
                job.data,
                where,
                publish=job.publish,
                dry_run=dry_run,
                progress=progress,
            )
    except Exception as error:
        # Whatever it was, the import's transaction has been rolled back.
        logger.exception("Import job %s failed", pk)
        job.rows_done = progress.done
        _finish(job, ImportStatus.FAILED, error=f"{type(error).__name__}: {error}")
        return True
    job.outcome = outcome.as_json()
    job.rows_done = job.rows_total if outcome.ok else progress.done
    failed = outcome.problems and not dry_run
    _finish(job, ImportStatus.FAILED if failed else ImportStatus.DONE)
    return True


def _finish(job, status, error=""):
    """Record the end of ``job``'s run; an ``error`` (the run stopped) leaves no
    outcome, so the page cannot show the dry run's result as the apply's."""
    job.status = status
    job.error = error[:2000]
    if error:
        job.outcome = None
    job.finished_at = timezone.now()
    if (
        job.phase == ImportPhase.APPLY
        or status == ImportStatus.FAILED
        or not (job.outcome and not job.outcome.get("problems"))
    ):
        # Nothing more can be done with this file: keep the outcome, not the data.
        job.data = {}
        job.where = []
    job.save()
    cache.delete(_progress_key(job))


class _Progress:
    """The per-record callback of a job's import: counts, and now and then puts
    the count in the cache (never the database: see the module docstring)."""

    def __init__(self, job):
        self.key = _progress_key(job)
        self.done = 0
        self.written = 0.0
        cache.set(self.key, (0, time.time()), CACHE_SECONDS)

    def __call__(self, n=1):
        self.done += n
        now = time.time()
        if now - self.written >= PROGRESS_EVERY_SECONDS:
            cache.set(self.key, (self.done, now), CACHE_SECONDS)
            self.written = now


def _progress_key(job):
    return f"staff:import-job:{job.pk}:{job.phase}"


def _start(job):
    if getattr(settings, "STAFF_IMPORT_RUN_IN_THREAD", STAFF_IMPORT_RUN_IN_THREAD):
        # After the commit, or the thread's own connection would not see the job.
        transaction.on_commit(
            lambda: threading.Thread(
                target=_run_in_thread,
                args=(job.pk,),
                name=f"import-job-{job.pk}",
                daemon=True,
            ).start()
        )


def _run_in_thread(pk):
    try:
        import_job_run(pk)
    finally:
        connection.close()
