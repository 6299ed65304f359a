"""Importing with both cores: a worker process takes every other job of an import and writes it
through its own connection to the same store, while this process does the rest.

Each job is read and written whole in its own write transaction, so a job is as atomic in the
worker as here. SQLite takes one writer at a time: one process's parsing overlaps the other's
writing, which is where the second core earns its keep (PostgreSQL takes both writers at once).
The worker is started once, on first use, and serves every later import of the process, since
starting one costs as much as importing a small file.
"""

from __future__ import annotations

import atexit
import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TypeVar

from vigie.i18n import get_language, language
from vigie.store.store import Store

Job = TypeVar("Job")
Done = TypeVar("Done")

_pool: ProcessPoolExecutor | None = None


def _worker_pool() -> ProcessPoolExecutor:
    global _pool
    if _pool is None:
        # Spawned, not forked: a fork would share this process's open database connections.
        context = multiprocessing.get_context("spawn")
        _pool = ProcessPoolExecutor(max_workers=1, mp_context=context)
        atexit.register(_pool.shutdown, cancel_futures=True)
    return _pool


def _in_worker(url: str, code: str, run: Callable[[Store, Job], Done], job: Job) -> Done:
    # A store per job, closed after it: the worker outlives any one database, and a store's
    # caches must not outlive the database they describe.
    store = Store(url)
    try:
        with language(code):
            return run(store, job)
    finally:
        store.close()


def alongside(
    store: Store,
    run: Callable[[Store, Job], Done],
    jobs: Sequence[Job],
    done: Callable[[list[Done]], None] | None = None,
) -> list[Done]:
    """``run(store, job)`` for every job, every other one in the worker process; the results in
    job order. ``run`` must be a module-level function and the jobs picklable. ``done`` is
    called with the results finished so far each time this process finishes a job, and with
    all of them at the end.

    A single job runs here: there is nothing to overlap.
    """
    if len(jobs) < 2:
        results = [run(store, job) for job in jobs]
        if done:
            done(results)
        return results
    pool = _worker_pool()
    code = get_language()
    theirs: dict[int, Future[Done]] = {
        i: pool.submit(_in_worker, store.url, code, run, job) for i, job in enumerate(jobs) if i % 2
    }
    ours: dict[int, Done] = {}
    try:
        for i in range(0, len(jobs), 2):
            ours[i] = run(store, jobs[i])
            if done:
                done([*ours.values(), *(f.result() for f in theirs.values() if f.done())])
        results = [ours[i] if i in ours else theirs[i].result() for i in range(len(jobs))]
        if done:
            done(results)
        return results
    finally:
        for future in theirs.values():
            future.cancel()
