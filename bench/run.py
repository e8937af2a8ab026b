"""Build benchmark: what the kit's layer costs against plain MkDocs.

    python bench/run.py                      # N = 10, 100, 1000; 5 runs each
    python bench/run.py --sizes 10 --runs 1  # a quick check

For each N, a synthetic kit is generated, then built with our hooks and, in
the same run, the baseline is built: the very same pages pre-rendered once to
plain Markdown and built by plain MkDocs with the same Material configuration
and no hooks. Variants alternate run by run; each figure is the median.
Results go to BENCHMARKS.md (section between the « construction » markers).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from bench.project import copy_site_sources  # noqa: E402
from bench.synthetic import write_kit  # noqa: E402
from kitoutils.intake.loader import load_kit  # noqa: E402
from kitoutils.pages.navigation import with_sheets  # noqa: E402
from mkdocs.config import load_config  # noqa: E402
from kitoutils.build import SiteBuild  # noqa: E402
from kitoutils.settings import BuildSettings  # noqa: E402

NO_DOWNLOADS = {"KIT_SANS_TELECHARGEMENTS": "1"}
# The offline zip is a second build of the whole site (hooks/hors_ligne.py),
# cached, and skipped by `mkdocs serve`: measured apart, not in these ratios.
NO_OFFLINE_ZIP = {"KIT_SANS_HORS_LIGNE": "1"}
REPORT = ROOT / "BENCHMARKS.md"
BEGIN, END = "<!-- bench:construction:debut -->", "<!-- bench:construction:fin -->"


@dataclass
class Variant:
    name: str
    project: Path
    env: dict[str, str] = field(default_factory=dict)


def prepare_ours(workdir: Path, count: int) -> Path:
    project = copy_site_sources(workdir / "ours", with_kit=False)
    write_kit(project / "kit", count, ROOT / "kit" / "vocabulaire.yml")
    return project


def prepare_baseline(workdir: Path, ours: Path) -> Path:
    """The same pages, rendered once by the core, for plain MkDocs."""
    project = workdir / "baseline"
    shutil.copytree(ours / "docs", project / "docs")
    shutil.copy2(ours / "CONTRIBUTING.md", project / "CONTRIBUTING.md")
    kit = load_kit(ours / "kit")
    # Plain pages: no download links to dangle, no offline copy to offer.
    build = SiteBuild(kit, BuildSettings(downloads=False, offline_zip=False))
    for output in build.files():
        target = project / "docs" / output.path
        target.parent.mkdir(parents=True, exist_ok=True)
        content = output.content
        target.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    for page in (project / "docs").glob("*.md"):  # hand-written pages, their markers filled
        page.write_text(build.fill_markers(page.read_text(encoding="utf-8"), page.name), encoding="utf-8")
    config = {
        "INHERIT": str(ours / "mkdocs.yml"),
        "hooks": [],
        "nav": with_sheets(load_config(str(ours / "mkdocs.yml"))["nav"], kit),
    }
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return project


def measure(mode: str, variant: Variant, site: Path) -> dict:
    project = variant.project
    if mode == "rebuild":  # the edit must not leak into the next run
        scratch = project.parent / f"{project.name}-rebuild"
        shutil.rmtree(scratch, ignore_errors=True)
        shutil.copytree(project, scratch)
        project = scratch
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **variant.env}
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "measure.py"), mode, str(project), str(site)],
        capture_output=True, text=True, env=env, cwd=project, check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"Échec de la mesure {mode} {variant.name} :\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def tree_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def validation_ratio(kit_dir: Path, runs: int) -> tuple[float, float]:
    """Median seconds of load_kit and of a bare C-loader parse of the same files."""
    files = sorted(kit_dir.glob("*.yml"))
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    ours, bare = [], []
    for _ in range(runs):
        start = time.perf_counter()
        for path in files:
            yaml.load(path.read_bytes(), Loader=loader)
        bare.append(time.perf_counter() - start)
        start = time.perf_counter()
        load_kit(kit_dir)
        ours.append(time.perf_counter() - start)
    return statistics.median(ours), statistics.median(bare)


def run_size(count: int, runs: int, workdir: Path) -> dict:
    ours = prepare_ours(workdir, count)
    baseline = prepare_baseline(workdir, ours)
    warm_cache = {"KIT_CACHE_TELECHARGEMENTS": str(workdir / "cache-telechargements"), **NO_OFFLINE_ZIP}
    variants = {
        "baseline": Variant("baseline", baseline),
        "ours": Variant("ours", ours, warm_cache),
        "ours_no_downloads": Variant("ours_no_downloads", ours, {**NO_DOWNLOADS, **NO_OFFLINE_ZIP}),
    }
    # One cold build fills the download cache; the timed full builds then find it warm.
    cold = measure("build", variants["ours"], workdir / "site-ours-cold")
    samples: dict[tuple[str, str], list[dict]] = {}
    for _ in range(runs):
        for mode in ("build", "rebuild"):
            for name, variant in variants.items():
                if mode == "rebuild" and name == "ours_no_downloads":
                    continue
                site = workdir / f"site-{name}-{mode}"
                samples.setdefault((mode, name), []).append(measure(mode, variant, site))
    median = {key: statistics.median(s["seconds"] for s in values) for key, values in samples.items()}
    peak = {key: max(s["peak_bytes"] for s in values) for key, values in samples.items()}
    validate, bare = validation_ratio(ours / "kit", max(runs, 5))
    site_ours, site_base = workdir / "site-ours_no_downloads-build", workdir / "site-baseline-build"
    index = "search/search_index.json"
    return {
        "count": count,
        "runs": runs,
        "build_ours_cold": cold["seconds"],
        "download_bytes": tree_bytes(workdir / "site-ours-build" / "telechargements"),
        "build_baseline": median[("build", "baseline")],
        "build_ours": median[("build", "ours")],
        "build_ours_no_downloads": median[("build", "ours_no_downloads")],
        "rebuild_baseline": median[("rebuild", "baseline")],
        "rebuild_ours": median[("rebuild", "ours")],
        "validate": validate,
        "bare_parse": bare,
        "peak_ours": peak[("build", "ours")],
        "peak_baseline": peak[("build", "baseline")],
        "site_bytes_ours": tree_bytes(site_ours),
        "site_bytes_baseline": tree_bytes(site_base),
        "index_bytes_ours": (site_ours / index).stat().st_size,
        "index_bytes_baseline": (site_base / index).stat().st_size,
    }


def _french(number: float, decimals: int) -> str:
    """A number written the French way: thin spaces between thousands, decimal comma."""
    return f"{number:,.{decimals}f}".replace(",", "\u202f").replace(".", ",")


def _ratio(a: float, b: float) -> str:
    return f"{_french(a / b, 2)}×" if b else "—"


def _ko(n: float) -> str:
    return f"{_french(n / 1024, 1)} Ko"


def _mo(n: float) -> str:
    return f"{_french(n / 1024 / 1024, 1)} Mo"


def _s(n: float) -> str:
    return f"{_french(n, 3)} s"


def report(results: list[dict], command: str) -> str:
    lines = [
        BEGIN,
        "## Construction du site",
        "",
        f"Commande : `{command}` (mesures par variante et par taille dans la colonne « mesures », "
        "variantes en alternance ; médianes).",
        "",
        f"Machine : {platform.machine()}, {os.cpu_count()} cœurs, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}.",
        "",
        "Référence : les mêmes pages rendues une fois en Markdown, construites par MkDocs seul "
        "avec la même configuration Material et sans crochets.",
        "",
        "| N fiches | mesures | référence | nous, complet | rapport | nous, sans téléchargements | rapport "
        "| reconstruction réf. | reconstruction nous | rapport | validation | YAML seul | rapport |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        lines.append(
            f"| {r['count']} | {r['runs']} | {_s(r['build_baseline'])} | {_s(r['build_ours'])} "
            f"| {_ratio(r['build_ours'], r['build_baseline'])} | {_s(r['build_ours_no_downloads'])} "
            f"| {_ratio(r['build_ours_no_downloads'], r['build_baseline'])} "
            f"| {_s(r['rebuild_baseline'])} | {_s(r['rebuild_ours'])} "
            f"| {_ratio(r['rebuild_ours'], r['rebuild_baseline'])} "
            f"| {_s(r['validate'])} | {_s(r['bare_parse'])} | {_ratio(r['validate'], r['bare_parse'])} |"
        )
    lines += [
        "",
        "Nous, complet : avec les téléchargements, cache disque chaud. Sans téléchargements : "
        "`KIT_SANS_TELECHARGEMENTS=1`. La version hors ligne (une seconde construction complète, "
        "mise en cache, que `mkdocs serve` omet) n'entre pas dans ces mesures "
        "(`KIT_SANS_HORS_LIGNE=1`). Reconstruction : une fiche modifiée, comme pendant "
        "`mkdocs serve`. Validation : `kit verifier` sans construction, contre une simple "
        "lecture YAML (chargeur C) des mêmes fichiers.",
        "",
        "| N fiches | 1re construction, cache froid | temps par fiche (nous) | mémoire max. réf. "
        "| mémoire max. nous | octets du site par fiche, réf. | nous (hors téléchargements) "
        "| téléchargements par fiche | index de recherche par fiche, réf. | nous |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        n = r["count"]
        lines.append(
            f"| {n} | {_s(r['build_ours_cold'])} | {_s(r['build_ours'] / n)} | {_mo(r['peak_baseline'])} "
            f"| {_mo(r['peak_ours'])} | {_ko(r['site_bytes_baseline'] / n)} "
            f"| {_ko(r['site_bytes_ours'] / n)} | {_ko(r['download_bytes'] / n)} "
            f"| {_ko(r['index_bytes_baseline'] / n)} "
            f"| {_ko(r['index_bytes_ours'] / n)} |"
        )
    by_count = {r["count"]: r for r in results}
    if 100 in by_count and 1000 in by_count:
        small, large = by_count[100], by_count[1000]
        lines += [
            "",
            "Croissance de N = 100 à N = 1 000 (10 fois plus de fiches) :",
            "",
            f"- construction complète : × {_french(large['build_ours'] / small['build_ours'], 1)} "
            f"(référence × {_french(large['build_baseline'] / small['build_baseline'], 1)}) ;",
            f"- validation : × {_french(large['validate'] / small['validate'], 1)} ;",
            f"- mémoire maximale : × {_french(large['peak_ours'] / small['peak_ours'], 1)} ;",
            "- octets du site par fiche : × "
            f"{_french((large['site_bytes_ours'] / 1000) / (small['site_bytes_ours'] / 100), 2)}.",
        ]
    lines.append(END)
    return "\n".join(lines)


def write_report(section: str) -> None:
    text = REPORT.read_text(encoding="utf-8") if REPORT.exists() else "# Mesures\n"
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        text = head + section + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    REPORT.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Mesure le coût de construction du kit.")
    parser.add_argument("--sizes", default="10,100,1000", help="nombres de fiches, séparés par des virgules")
    parser.add_argument("--runs", type=int, default=5, help="mesures par variante (médiane)")
    parser.add_argument("--runs-large", type=int, default=None,
                        help="mesures par variante à partir de 1 000 fiches (par défaut : --runs)")
    parser.add_argument("--no-write", action="store_true", help="n'écrit pas BENCHMARKS.md")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    results = []
    with tempfile.TemporaryDirectory(prefix="kit-bench-") as tmp:
        for count in sizes:
            runs = args.runs_large if count >= 1000 and args.runs_large else args.runs
            results.append(run_size(count, runs, Path(tmp) / f"n{count}"))
            print(json.dumps(results[-1]), flush=True)
    given = sys.argv[1:] if argv is None else argv
    command = " ".join(["python bench/run.py", *given])
    section = report(results, command)
    if not args.no_write:
        write_report(section)
    print(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
