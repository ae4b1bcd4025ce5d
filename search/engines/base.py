"""The base class every finder engine implements (and the shared test mixin in
tests/search/test_engines.py runs against)."""


class BaseEngine:
    """An engine answers FinderQuery objects from the CourseIndexEntry rows.

    The rows themselves are written by ``search.services``; an engine keeps its own
    index in step through ``entries_changed`` and the rebuild hooks.
    """

    name = "base"

    def search(self, query, now, facets=True):
        """Return a FinderPage (count, the page's hits, facets) for ``query`` at
        ``now``; without ``facets`` the facet counts are left out (the benchmark
        compares both). Must not raise on any text the reader can type."""
        raise NotImplementedError

    def autocomplete(self, prefix, locale, limit, now=None):
        """Return up to ``limit`` distinct course titles in ``locale`` whose words
        start with the words of ``prefix`` (the last one as a prefix), most
        taught first: only titles of a course the finder finds at ``now``
        (default: the current time), one whose last class has not ended."""
        raise NotImplementedError

    def entries_changed(self, written_ids, removed_ids):
        """Called after CourseIndexEntry rows were written or removed (inside the
        same transaction). The database engines' indexes follow by themselves."""

    def merge_pending(self, seconds):
        """Do the index's own deferred upkeep away from readers and writers, for
        about ``seconds`` at most (``refresh_next_sessions``, from cron).
        Returns ``(steps, done)``: how many steps it took, and whether nothing
        is left. The PostgreSQL engine has none (its GIN indexes are written
        in place, migration 0016)."""
        return 0, True

    def rebuild_start(self):
        """Called before a full rebuild. Returns the table the rebuild writes the
        new entries into: None for the entry table itself, which is then
        emptied first."""

    def rebuild_finish(self):
        """Called after a full rebuild, inside its transaction."""

    def rebuild_end(self):
        """Called once the rebuild's transaction is over, committed or rolled
        back: puts back what ``rebuild_start`` changed on the connection."""
