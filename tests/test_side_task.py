"""Work beside the build (the offline copy's zip): done in a child process, its failure reported."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from kitoutils.side_task import SideTask, SideTaskFailed, fork_is_safe


class Refused(Exception):
    """Stands for a failure the build reports in French (a PluginError)."""


def _write_pid(target: Path) -> None:
    target.write_text(str(os.getpid()), encoding="utf-8")


def test_the_work_runs_in_another_process_and_its_file_is_there_after_wait(tmp_path):
    target = tmp_path / "fait.txt"
    task = SideTask(lambda: _write_pid(target), (Refused,), beside=True)
    task.wait()
    assert task.done()
    assert int(target.read_text(encoding="utf-8")) != os.getpid()


def test_a_reported_failure_reaches_the_build_with_its_message():
    def fails() -> None:
        raise Refused("La version hors ligne du site n'a pas pu être construite : page introuvable")

    task = SideTask(fails, (Refused,), beside=True)
    with pytest.raises(SideTaskFailed, match="page introuvable"):
        task.wait()


def test_an_unexpected_error_in_the_child_is_named_not_swallowed():
    task = SideTask(lambda: [][1], (Refused,), beside=True)
    with pytest.raises(SideTaskFailed, match="IndexError"):
        task.wait()


def test_with_other_threads_running_the_work_is_done_at_once_in_this_process(tmp_path):
    # As under `mkdocs serve`, whose watchers are threads: forking would be unsafe.
    assert fork_is_safe() == (threading.active_count() == 1)
    target = tmp_path / "fait.txt"
    stop = threading.Event()
    watcher = threading.Thread(target=stop.wait)
    watcher.start()
    try:
        assert not fork_is_safe()
        task = SideTask(lambda: _write_pid(target), (Refused,))
        assert target.read_text(encoding="utf-8") == str(os.getpid())  # done before SideTask returned
        assert task.done()
        with pytest.raises(SideTaskFailed, match="refusé"):
            SideTask(lambda: (_ for _ in ()).throw(Refused("refusé")), (Refused,))
    finally:
        stop.set()
        watcher.join()
