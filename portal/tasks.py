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

Counts kept beside an index (the finder's vocabulary) are summed in the block
the same way and added once when it ends (``counts_add``): on PostgreSQL, adding
to the count of a common word at every publish updated the same row hundreds of
times in one transaction, and each update had to walk the row's earlier
versions (the demo's 601 additions took 21 s of its 173). Other follow-up
work asks for one call at the end (``at_block_end``): the staff groups of a
centre or province page, which its creation and every publish ensured again.
Work that is cheaper done for many at once gathers what it is about and is
done once for all of it (``at_block_end_for``): the finder's entries of the
courses an import publishes, which SQLite writes in a few statements instead
of one per course, and the latest end of the titles they carry.
"""

import json
import threading
from collections import Counter
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


def counts_add(apply, key, counts):
    """Have ``apply(key, counts)`` add ``counts`` (a Counter; negative to take
    away): at once outside a ``tasks_deferred()`` block; inside one, the counts
    given for the same ``apply`` and ``key`` are summed and applied once when the
    block ends (not at all when it raises). Zero counts are left out."""
    pending = getattr(_deferred, "counts", None)
    if pending is None:
        _counts_apply(apply, key, counts)
        return
    pending.setdefault((apply, key), Counter()).update(counts)


def at_block_end(function, argument):
    """Inside a ``tasks_deferred()`` block, have ``function(argument)`` called
    once when the block ends (however often it is asked for; not at all when the
    block raises) and return True. Outside one return False: the caller acts at
    once."""
    calls = getattr(_deferred, "calls", None)
    if calls is None:
        return False
    calls.setdefault((function, argument), None)
    return True


def at_block_end_for(function, items):
    """Inside a ``tasks_deferred()`` block, have ``function(gathered)`` called
    once when the block ends, ``gathered`` being every item given for it in the
    block, each once, in the order first given (not at all when the block
    raises), and return True. Outside one return False: the caller acts at
    once."""
    gathered = getattr(_deferred, "gathered", None)
    if gathered is None:
        return False
    gathered.setdefault(function, {}).update(dict.fromkeys(items))
    return True


def _counts_apply(apply, key, counts):
    counts = Counter({item: n for item, n in counts.items() if n})
    if counts:
        apply(key, counts)


@contextmanager
def tasks_deferred():
    """Run the tasks this thread enqueues in the block once each, at its end
    (none when it raises). Nested blocks run theirs with the outermost."""
    if getattr(_deferred, "pending", None) is not None:
        yield
        return
    _deferred.pending, _deferred.counts, _deferred.calls = {}, {}, {}
    _deferred.gathered = {}
    try:
        yield
        pending = list(_deferred.pending.values())
        counts, calls = _deferred.counts, list(_deferred.calls)
        gathered = _deferred.gathered
    finally:
        _deferred.pending = _deferred.counts = _deferred.calls = None
        _deferred.gathered = None
    for (apply, key), summed in counts.items():
        _counts_apply(apply, key, summed)
    for function, argument in calls:
        function(argument)
    # After the counts: a title's latest end is read for the titles they add.
    for function, items in gathered.items():
        function(list(items))
    # Tasks these tasks enqueue run at once.
    _run(pending)
