"""Reading ahead: a worker process parses the next chunks of an import while this process
writes the chunk before, which puts the second core of a small machine to work.

The worker is started once, on first use, and serves every later import of the process: starting
one (a fresh interpreter importing FollowTheMoney and the rest) costs as much as importing a
small file. Only parsing moves: the writing, and so the transaction, stays in this process.
"""

from __future__ import annotations

import atexit
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

from vigie.i18n import get_language, language

Chunk = TypeVar("Chunk")
Parsed = TypeVar("Parsed")

# Chunks parsed ahead of the one being written, unless the caller says otherwise.
WINDOW = 4

_pool: ProcessPoolExecutor | None = None


def _worker() -> ProcessPoolExecutor:
    global _pool
    if _pool is None:
        # Spawned, not forked: a fork would share this process's open database connections.
        context = multiprocessing.get_context("spawn")
        _pool = ProcessPoolExecutor(max_workers=1, mp_context=context)
        atexit.register(_pool.shutdown, cancel_futures=True)
    return _pool


def _call(code: str, parse: Callable[..., Parsed], chunk: Any, args: tuple[Any, ...]) -> Parsed:
    # Messages the parser writes (errors naming a line or a segment) are in the user's language.
    with language(code):
        return parse(chunk, *args)


def ordered(
    parse: Callable[..., Parsed], chunks: Iterable[Chunk], *args: Any, window: int = WINDOW
) -> Iterator[Parsed]:
    """``parse(chunk, *args)`` for every chunk, in the worker process, in order, with up to
    ``window`` chunks in flight ahead of the one consumed. ``parse`` must be a module-level
    function and the chunks and arguments picklable; an exception in the worker is raised here,
    at its chunk."""
    pool = _worker()
    code = get_language()
    pending: deque[Future[Parsed]] = deque()
    try:
        for chunk in chunks:
            pending.append(pool.submit(_call, code, parse, chunk, args))
            if len(pending) > window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()
