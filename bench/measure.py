"""One measurement in a fresh process: `python bench/measure.py MODE PROJECT SITE`.

MODE is `build` (one build) or `rebuild` (a build, then one sheet edited,
then the timed rebuild, as `mkdocs serve` does it: a new config, the same
process, so in-process caches stay warm). Prints one JSON line: seconds of
the timed build (on the clock, and of CPU time on every core, download
workers included: on a machine shared with other work, the clock measures
the neighbours too), peak resident memory in bytes of this process and of its
largest worker process (download files are made in workers), and the
download files made by each generation of the timed build (the offline
copy, built within the same build, would show as a second generation).
Interpreter start-up is left out: it is the same for every variant.
"""

from __future__ import annotations

import json
import logging
import os
import resource
import sys
import tempfile
import time
from pathlib import Path


def processor_seconds() -> float:
    """CPU time so far of this process and of its finished children (the download workers)."""
    return sum(usage.ru_utime + usage.ru_stime
               for usage in map(resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)))


def build(project: Path, site: Path) -> tuple[float, float]:
    """Seconds of the build, on the clock and of CPU time (every core, workers included)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    start, cpu = time.perf_counter(), processor_seconds()
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=True)
    mkdocs_build(config)
    return time.perf_counter() - start, processor_seconds() - cpu


def edit_one_sheet(project: Path) -> None:
    """Change one word of one sheet, where each variant keeps its sheets."""
    kit_sheet = project / "kit" / "fiche-0001.yml"
    page = project / "docs" / "fiches" / "fiche-0001.md"
    target = kit_sheet if kit_sheet.exists() else page
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("Fiche 1 :", "Fiche 1 modifiée :", 1), encoding="utf-8")


class GeneratedFiles:
    """How many files the download workers are asked to make, per call, in this
    process or any process it forks (the offline copy is built in one): each
    call appends a line to a file, which every process can write."""

    def __init__(self) -> None:
        self._folder = tempfile.TemporaryDirectory(prefix="kit-generations-")  # removed with this object
        self._record = Path(self._folder.name) / "generations.txt"
        self._record.touch()
        try:
            from kitoutils.downloads import workers
        except ImportError:  # the baseline's project has no hooks, but the package is there anyway
            return
        run, record = workers.run, self._record

        def counting(tasks, *args, **kwargs):
            with record.open("a", encoding="utf-8") as lines:
                lines.write(f"{sum(len(task) for task in tasks)}\n")
            return run(tasks, *args, **kwargs)

        workers.run = counting

    def counts(self) -> list[int]:
        return [int(line) for line in self._record.read_text(encoding="utf-8").split()]

    def clear(self) -> None:
        self._record.write_text("", encoding="utf-8")


def main() -> None:
    mode, project, site = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.disable(logging.INFO)  # keep the output to one JSON line
    generated = GeneratedFiles()
    seconds, cpu = build(project, site)
    if mode == "rebuild":
        edit_one_sheet(project)
        generated.clear()
        seconds, cpu = build(project, site)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux gives KiB
    workers_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    print(json.dumps({"seconds": seconds, "cpu_seconds": cpu, "peak_bytes": peak, "workers_peak_bytes": workers_peak,
                      "generated": generated.counts()}))


if __name__ == "__main__":
    main()
