"""Each PDF in its own worker process, with a time limit and a memory limit.

One bad or huge file must never stop or lose the others: a worker that runs out of
time is killed, one that runs out of memory dies alone, and either becomes a one-line
error for that file while the rest go on.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import resource
import time
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection
from pathlib import Path

from plantrack.settings import ExtractSettings

Job = Callable[[Path, ExtractSettings], object]


def _address_space() -> int:
    """This process's virtual memory size in bytes (0 when the platform cannot say)."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0


def _child(conn: Connection, job: Job, path: Path, settings: ExtractSettings) -> None:
    if settings.max_memory:
        # the limit counts from what the worker inherited at fork, so it means "this much more"
        limit = _address_space() + settings.max_memory
        try:
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        except (ValueError, OSError):
            pass  # a platform without RLIMIT_AS still gets the time limit
    too_big = f"{path}: needs more than {settings.max_memory // 2**20} MB of memory (raise --max-memory to allow it)"
    try:
        result = job(path, settings)
    except MemoryError:
        result = MemoryError(too_big)
    except OSError as exc:
        result = MemoryError(too_big) if exc.errno == 12 else RuntimeError(f"{path}: {exc}")  # ENOMEM
    except BaseException as exc:  # the parent turns it into a one-line message
        result = RuntimeError(f"{path}: extraction failed: {type(exc).__name__}: {exc}")
    try:
        conn.send(result)
    except Exception as exc:  # an unpicklable result must not hang the parent
        conn.send(RuntimeError(f"{path}: extraction failed: {exc}"))
    finally:
        conn.close()


def run_isolated(job: Job, paths: list[Path], settings: ExtractSettings,
                 on_error: Callable[[Path, str], object],
                 warm_imports: tuple[str, ...] = ()) -> Iterator[tuple[Path, object]]:
    """Run `job(path, settings)` for every path in worker processes, `settings.jobs` at a time.

    Yields (path, result) in input order; a worker that times out, is killed or runs out of
    memory yields on_error(path, message) instead.
    """
    ctx = mp.get_context("fork" if hasattr(os, "fork") else "spawn")
    for module in warm_imports:
        __import__(module)  # imported once here, not in every worker under its memory limit
    pending = list(enumerate(paths))
    running: dict[int, tuple[mp.Process, Connection, float, Path]] = {}
    done: dict[int, tuple[Path, object]] = {}
    next_out = 0
    jobs = max(1, settings.jobs)
    while pending or running:
        while pending and len(running) < jobs:
            index, path = pending.pop(0)
            parent, child = ctx.Pipe(duplex=False)
            proc = ctx.Process(target=_child, args=(child, job, path, settings), daemon=True)
            proc.start()
            child.close()
            running[index] = (proc, parent, time.monotonic(), path)
        finished = []
        for index, (proc, conn, started, path) in running.items():
            if conn.poll():
                try:
                    result = conn.recv()
                except (EOFError, OSError):
                    result = None
                proc.join(5)
                if result is None:
                    result = on_error(path, _death_message(path, proc.exitcode, settings))
                elif isinstance(result, BaseException):
                    result = on_error(path, str(result))
                done[index] = (path, result)
                finished.append(index)
            elif not proc.is_alive():
                proc.join()
                done[index] = (path, on_error(path, _death_message(path, proc.exitcode, settings)))
                finished.append(index)
            elif time.monotonic() - started > settings.timeout:
                proc.kill()
                proc.join()
                done[index] = (path, on_error(path, f"{path}: gave up after {settings.timeout:g} s "
                                                    "(raise --timeout for very large packs)"))
                finished.append(index)
        for index in finished:
            _, conn, _, _ = running.pop(index)
            conn.close()
        while next_out in done:
            yield done.pop(next_out)
            next_out += 1
        if running and not finished:
            time.sleep(0.01)


def _death_message(path: Path, exitcode: int | None, settings: ExtractSettings) -> str:
    if exitcode is not None and exitcode < 0:
        return (f"{path}: worker killed by signal {-exitcode} (out of memory? the limit is "
                f"{settings.max_memory // 2**20} MB: raise --max-memory)")
    return f"{path}: worker stopped unexpectedly (exit code {exitcode})"
