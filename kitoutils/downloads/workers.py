"""Make download files in worker processes, on every core the build may use.

A cold build of a large kit makes thousands of PDFs and ODF files, each
independent of the others: one task per sheet's PDF and per checklist
(its five formats), spread over the workers.
reportlab and pikepdf (a tenth of a second each to import) are imported
once, before the workers start, never by each task. Each worker writes its
files, and their compressed forms, into the store: nothing but short
messages crosses between processes. A failure keeps its French message naming the
sheet and the checklist, whichever process it happened in. Workers are used
even for a few files, so that every file is made the same way (with the
build's date, which reportlab reads from the environment).
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..side_task import fork_is_safe
from .errors import DownloadFailed, produce
from .store import FileStore

# Each builder by name: its module and function (imported where it runs).
BUILDERS = {
    "fiche": ("sheet_pdf", "build_sheet_pdf"),
    "pdf": ("pdf_form", "build_pdf_form"),
    "odt": ("odt", "build_odt"),
    "csv": ("csv_file", "build_csv"),
    "ods": ("ods", "build_ods"),
    "md": ("markdown_file", "build_markdown"),
}


@dataclass(frozen=True)
class Job:
    """One file to make: its key in the store, what it is (for errors), its builder and arguments."""

    key: str
    what: str
    builder: str
    args: tuple[Any, ...]


def make(job: Job) -> bytes:
    """The file's bytes; a failure of any library becomes a located, French message."""
    module, function = BUILDERS[job.builder]
    return produce(job.what, lambda: getattr(importlib.import_module(f"{__package__}.{module}"), function)(
        *job.args))


def _start_worker(epoch: int) -> None:
    # reportlab reads the date it writes in PDFs from SOURCE_DATE_EPOCH; a
    # worker process serves this build alone, so it is given the build's date.
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)


def make_files(folder: Path, jobs: list[Job]) -> None:
    """Make `jobs` into the store at `folder` (one task: a sheet's PDF, or a checklist's formats)."""
    store = FileStore(folder)
    for job in jobs:
        store.put(job.key, make(job))


def run(tasks: list[list[Job]], store: FileStore, epoch: int, workers: int | None = None) -> None:
    """Make every job of `tasks`, across `workers` processes (default: the cores this process may use)."""
    tasks = [task for task in tasks if task]
    if not tasks:
        return
    # Imported here once, before the workers fork: none imports them again.
    for module, _ in BUILDERS.values():
        importlib.import_module(f"{__package__}.{module}")
    pool = ProcessPoolExecutor(max_workers=min(workers or usable_cores(), len(tasks)), mp_context=_context(),
                               initializer=_start_worker, initargs=(epoch,))
    try:
        for future in [pool.submit(make_files, store.folder, task) for task in tasks]:
            future.result()
    except BrokenProcessPool as broken:
        raise DownloadFailed(
            "Impossible de produire les téléchargements : un processus de travail s'est arrêté "
            f"(mémoire insuffisante ?) : {broken}") from None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _context() -> multiprocessing.context.BaseContext:
    """Fork, the quickest start, when this process runs no other thread (`mkdocs
    build`); else a fork server, since forking a process whose threads may
    hold locks (`mkdocs serve`'s watchers) can leave a worker stuck. The
    server imports the builders' libraries once, before its workers fork."""
    if fork_is_safe():
        return multiprocessing.get_context("fork")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([f"{__package__}.{module}" for module, _ in BUILDERS.values()])
    return context


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
