"""The task backend: Wagtail enqueues a task after every save of a page or
snippet (its admin search index and its reference index), and this backend runs
each at once, as django_tasks' ImmediateBackend does, except inside
``tasks_deferred()``.

A catalogue import saves each page three or four times (add, revision, publish,
translation) and ran both tasks after every save: 6,528 runs for the demo
portal's 933 pages. Inside ``tasks_deferred()`` the same tasks with the same
arguments run once, when the block ends (the demo then loads in 61 s instead
of 71 s). Each task reads its object from the database as it is then, so the
indexes end up as they would have after every save.
"""

import json
import threading
from contextlib import contextmanager

from django_tasks.backends.immediate import ImmediateBackend as _ImmediateBackend

_deferred = threading.local()


class ImmediateBackend(_ImmediateBackend):
    def _execute_task(self, task_result):
        pending = getattr(_deferred, "pending", None)
        if pending is None:
            return super()._execute_task(task_result)
        key = (
            task_result.task.module_path,
            json.dumps([task_result.args, task_result.kwargs], sort_keys=True),
        )
        pending.setdefault(key, (self, task_result))
        return None


def _run(pending):
    for backend, task_result in pending:
        super(ImmediateBackend, backend)._execute_task(task_result)


@contextmanager
def tasks_deferred():
    """Run the tasks this thread enqueues in the block once each, at its end
    (none when it raises). Nested blocks run theirs with the outermost."""
    if getattr(_deferred, "pending", None) is not None:
        yield
        return
    _deferred.pending = {}
    try:
        yield
        pending = list(_deferred.pending.values())
    finally:
        _deferred.pending = None
    # Tasks these tasks enqueue run at once.
    _run(pending)
