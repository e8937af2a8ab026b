"""Work that runs beside the build, in a child process, while the build goes on;
and when forking this process is safe (the download workers ask it too).

The offline copy is a second site: built after the downloads are made, it
needs nothing more from the build that goes on meanwhile, so a child process
makes it on the other core instead of the build waiting for it. The child is
a fork of the build (it starts with the kit, the settings and the download
files already in memory; nothing is pickled), so it runs only where forking
is safe: a process with one thread (`mkdocs build`). Elsewhere (`mkdocs
serve`, whose file watchers are threads) the work is done at once, in the
build's process, with the same result.

A failure in the child reaches the build as the same French message it would
have had in the build's own process.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection

# The exception types whose message is meant for the reader of the build's log (French, located).
Reported = tuple[type[BaseException], ...]


class SideTaskFailed(Exception):
    """The side task stopped; the message says why (as the task itself said it)."""


class SideTask:
    """`work()` started now, beside the build when it can be; `wait()` for its end.

    beside: in a child process (default: when forking is safe here, see `fork_is_safe`)."""

    def __init__(self, work: Callable[[], None], reported: Reported, *, beside: bool | None = None) -> None:
        self._connection: Connection | None = None
        self._process: multiprocessing.process.BaseProcess | None = None
        if fork_is_safe() if beside is None else beside:
            context = multiprocessing.get_context("fork")
            receiving, sending = context.Pipe(duplex=False)
            self._process = context.Process(target=_run, args=(work, reported, sending), daemon=True)
            self._process.start()
            sending.close()
            self._connection = receiving
        else:
            _reported_as_failure(work, reported)

    def done(self) -> bool:
        """Whether the work has ended (then `wait()` returns at once)."""
        return self._process is None or not self._process.is_alive()

    def wait(self) -> None:
        """Block until the work has ended; raise SideTaskFailed with its message if it failed."""
        if self._process is None:
            return
        process, connection = self._process, self._connection
        try:
            message = connection.recv()  # the failure's message; nothing (end of file) on success
        except EOFError:
            message = None
        process.join()
        connection.close()
        self._process = self._connection = None
        if message is not None or process.exitcode != 0:
            raise SideTaskFailed(message or f"le processus s'est arrêté (code {process.exitcode})")


def fork_is_safe() -> bool:
    """A fork copies only the calling thread: safe when it is the process's only one."""
    return threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()


def _reported_as_failure(work: Callable[[], None], reported: Reported) -> None:
    try:
        work()
    except reported as failure:
        raise SideTaskFailed(str(failure)) from None


def _run(work: Callable[[], None], reported: Reported, connection: Connection) -> None:
    """In the child: do the work, then say nothing (success) or the failure's message."""
    try:
        try:
            _reported_as_failure(work, reported)
        except SideTaskFailed as failure:
            connection.send(str(failure))
            raise SystemExit(1) from None
        except BaseException as unexpected:  # a bug: its type and message, since its traceback stays here
            connection.send(f"{type(unexpected).__name__} : {unexpected}")
            raise SystemExit(1) from None
    finally:
        connection.close()
