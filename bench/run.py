"""Build benchmark: what the kit's layer costs against plain MkDocs.

    python bench/run.py                      # N = 10, 100, 150, 1000; 5 runs each
    python bench/run.py --sizes 10 --runs 1  # a quick check

For each N, a kit is generated (the real kit's sheets, then synthetic ones up to N), then built with our hooks and, in
the same run, the baseline is built: the very same pages pre-rendered once to
plain Markdown and built by plain MkDocs with the same Material configuration
and no hooks. Variants alternate run by run; each figure is the median.
Our default build is measured cold (an empty cache, as in a fresh clone or a
CI run without cache) and warm (run again); a serve-like rebuild edits one
sheet. The offline copy's regenerated download files are counted on the real
kit with the cache off. Results go to BENCHMARKS.md (section between the
« construction » markers).
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
from kitoutils.downloads.catalog import DOWNLOADS_DIR  # noqa: E402
from kitoutils.settings import BuildSettings  # noqa: E402

NO_DOWNLOADS = {"KIT_SANS_TELECHARGEMENTS": "1"}
# `bash scripts/dev.sh serve` skips the offline zip; the default build makes it.
NO_OFFLINE_ZIP = {"KIT_SANS_HORS_LIGNE": "1"}
CACHE = "KIT_CACHE_TELECHARGEMENTS"
REPORT = ROOT / "BENCHMARKS.md"
BEGIN, END = "<!-- bench:construction:debut -->", "<!-- bench:construction:fin -->"


@dataclass
class Variant:
    name: str
    project: Path
    env: dict[str, str] = field(default_factory=dict)


def prepare_ours(workdir: Path, count: int) -> Path:
    project = copy_site_sources(workdir / "ours", with_kit=False)
    write_kit(project / "kit", count, ROOT / "kit")
    return project


def prepare_baseline(workdir: Path, ours: Path, downloads_cache: Path) -> Path:
    """The same pages, rendered once by the core, for plain MkDocs: the very
    Markdown our hooks produce, download links included, with the download
    files beside them in docs/ (taken from `downloads_cache`, the cold build's
    cache), which plain MkDocs copies into the site as it would any file."""
    project = workdir / "baseline"
    shutil.copytree(ours / "docs", project / "docs")
    shutil.copy2(ours / "CONTRIBUTING.md", project / "CONTRIBUTING.md")
    kit = load_kit(ours / "kit")
    # What plain MkDocs has not: no offline copy to offer, no web editor, and
    # checklists left in Material's own search index.
    build = SiteBuild(kit, BuildSettings(offline_zip=False, french_search=False, editor=False,
                                         cache_dir=downloads_cache))
    for output in build.files():
        target = project / "docs" / output.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if output.file is not None:
            shutil.copyfile(output.file, target)
        else:
            target.write_text(output.content, encoding="utf-8")
    for page in (project / "docs").glob("*.md"):  # hand-written pages, their markers filled
        page.write_text(build.fill_markers(page.read_text(encoding="utf-8"), page.name), encoding="utf-8")
    ours_config = load_config(str(ours / "mkdocs.yml"))
    # mkdocs.yml's exclusions, and the Markdown downloads, which plain MkDocs would take for pages.
    excluded = [rule.pattern for rule in ours_config["exclude_docs"].patterns] + [f"/{DOWNLOADS_DIR}/**/*.md"]
    config = {
        "INHERIT": str(ours / "mkdocs.yml"),
        "exclude_docs": "".join(f"{pattern}\n" for pattern in excluded),
        "hooks": [],
        "nav": with_sheets(ours_config["nav"], kit),
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
    started, load_before = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), os.getloadavg()
    ours = prepare_ours(workdir, count)
    warm = workdir / "cache-chaud"
    variants = {
        "baseline": Variant("baseline", workdir / "baseline"),  # prepared after the first cold build
        # The default build (downloads, offline zip), its cache warm.
        "ours": Variant("ours", ours, {CACHE: str(warm)}),
        "ours_no_downloads": Variant("ours_no_downloads", ours, {**NO_DOWNLOADS, **NO_OFFLINE_ZIP}),
        # As `mkdocs serve` runs it: downloads, no offline zip, the cache warm
        # (a cache of its own: the edit would leave the warm builds' cache short of a sheet).
        "ours_serve": Variant("ours_serve", ours, {CACHE: str(workdir / "cache-serve"), **NO_OFFLINE_ZIP}),
    }
    modes = {"build": ("baseline", "ours", "ours_no_downloads"), "rebuild": ("baseline", "ours_serve")}
    samples: dict[tuple[str, str], list[dict]] = {}
    for run in range(runs):
        # The default build from a clean checkout: its cache folder is new and empty.
        cold = Variant("ours_cold", ours, {CACHE: str(workdir / f"cache-froid-{run}")})
        samples.setdefault(("build", "ours_cold"), []).append(measure("build", cold, workdir / "site-ours-cold"))
        if run == 0:  # the first cold build's cache becomes the warm builds' (linked, not copied)
            shutil.copytree(cold.env[CACHE], warm, copy_function=os.link)
            shutil.copytree(cold.env[CACHE], workdir / "cache-serve", copy_function=os.link)
            # The reference's pages and files, from a copy of that cache (its files are all there).
            shutil.copytree(cold.env[CACHE], workdir / "cache-reference", copy_function=os.link)
            prepare_baseline(workdir, ours, workdir / "cache-reference")
            shutil.rmtree(workdir / "cache-reference", ignore_errors=True)
        shutil.rmtree(cold.env[CACHE])
        for mode, names in modes.items():
            for name in names:
                site = workdir / f"site-{name}-{mode}"
                samples.setdefault((mode, name), []).append(measure(mode, variants[name], site))
    median = {key: statistics.median(s["seconds"] for s in values) for key, values in samples.items()}
    cpu = {key: statistics.median(s["cpu_seconds"] for s in values) for key, values in samples.items()}
    spread = {key: (min(s["seconds"] for s in values), max(s["seconds"] for s in values))
              for key, values in samples.items()}
    peak = {key: max(s["peak_bytes"] for s in values) for key, values in samples.items()}
    workers_peak = max(s["workers_peak_bytes"] for s in samples[("build", "ours_cold")])
    validate, bare = validation_ratio(ours / "kit", max(runs, 5))
    site_ours, site_base = workdir / "site-ours_no_downloads-build", workdir / "site-baseline-build"
    index = "search/search_index.json"
    return {
        "count": count,
        "runs": runs,
        "started": started,
        # The machine's load (processes wanting a core, averaged over 1, 5 and
        # 15 minutes) before and after: above the number of cores, the
        # measures shared them with other work.
        "load": [list(load_before), list(os.getloadavg())],
        "build_ours_cold": median[("build", "ours_cold")],
        "generated_cold": samples[("build", "ours_cold")][0]["generated"],
        "download_bytes": tree_bytes(workdir / "site-ours-build" / "telechargements"),
        "build_baseline": median[("build", "baseline")],
        "build_ours": median[("build", "ours")],
        "build_ours_no_downloads": median[("build", "ours_no_downloads")],
        # CPU time (every core, download workers included), medians.
        "cpu_build_ours_cold": cpu[("build", "ours_cold")],
        "cpu_build_baseline": cpu[("build", "baseline")],
        "cpu_build_ours": cpu[("build", "ours")],
        "cpu_build_ours_no_downloads": cpu[("build", "ours_no_downloads")],
        "rebuild_baseline": median[("rebuild", "baseline")],
        "rebuild_ours": median[("rebuild", "ours_serve")],
        "spread": {f"{mode}/{name}": list(pair) for (mode, name), pair in spread.items()},
        "validate": validate,
        "bare_parse": bare,
        "peak_ours": peak[("build", "ours")],
        "peak_ours_cold": peak[("build", "ours_cold")],
        "peak_workers_cold": workers_peak,
        "peak_baseline": peak[("build", "baseline")],
        "site_bytes_ours": tree_bytes(site_ours),
        # Both without the download files (the reference has them in its site too).
        "site_bytes_baseline": tree_bytes(site_base) - tree_bytes(site_base / "telechargements"),
        "index_bytes_ours": (site_ours / index).stat().st_size,
        "index_bytes_baseline": (site_base / index).stat().st_size,
    }


def offline_copy_generations(workdir: Path) -> list[int]:
    """The real kit's default build, cache off: files made by each generation.

    The offline copy is built within the same build: a second number would
    be the files it made again."""
    project = copy_site_sources(workdir / "kit-reel")
    result = measure("build", Variant("kit_reel", project, {CACHE: "non"}), workdir / "site-kit-reel")
    return result["generated"]


def _french(number: float, decimals: int) -> str:
    """A number written the French way: thin spaces between thousands, decimal comma."""
    return f"{number:,.{decimals}f}".replace(",", "\u202f").replace(".", ",")


def _ratio(a: float, b: float) -> str:
    return f"{_french(a / b, 2)}×" if b else "—"


def _ko(n: float) -> str:
    return f"{_french(n / 1024, 1)} Ko"


def _mo(n: float) -> str:
    return f"{_french(n / 1024 / 1024, 1)} Mo"


def _load(averages: list[float]) -> str:
    return " / ".join(_french(a, 1) for a in averages)


def _s(n: float) -> str:
    return f"{_french(n, 3)} s"


# Issue 16's timed targets: N, what, our figure, the baseline's, the target.
TIMED_TARGETS = (
    (150, "N = 150, construction par défaut, dépôt tout juste cloné (cache vide)",
     "build_ours_cold", "build_baseline", "≤ 3×"),
    (150, "N = 150, la même relancée (cache chaud)", "build_ours", "build_baseline", "≤ 1,3×"),
    (1000, "N = 1 000, construction complète, cache chaud", "build_ours", "build_baseline", "≤ 1,2×"),
    (100, "N = 100, reconstruction après modification d'une fiche (comme `mkdocs serve`)",
     "rebuild_ours", "rebuild_baseline", "≤ 1,5×"),
)
# Where each figure's samples are kept, for their spread.
SPREADS = {"build_ours_cold": "build/ours_cold", "build_ours": "build/ours", "build_baseline": "build/baseline",
           "rebuild_ours": "rebuild/ours_serve", "rebuild_baseline": "rebuild/baseline"}


def _spread(r: dict, key: str) -> str:
    low, high = r["spread"][key]
    return f"{_s(low)} – {_s(high)}"


def targets(results: list[dict], offline: list[int] | None) -> list[str]:
    """The rows of issue 16's table of targets that this run measured."""
    by_count = {r["count"]: r for r in results}
    lines = [
        "### Objectifs",
        "",
        "| mesure | référence | nous | rapport | objectif | étendue, référence | étendue, nous |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]

    for count, label, ours, base, target in TIMED_TARGETS:
        if count in by_count:
            r = by_count[count]
            lines.append(f"| {label} | {_s(r[base])} | {_s(r[ours])} | {_ratio(r[ours], r[base])} | {target} "
                         f"| {_spread(r, SPREADS[base])} | {_spread(r, SPREADS[ours])} |")
    if 1000 in by_count:
        r = by_count[1000]
        lines.append(f"| N = 1 000, mémoire maximale (cache chaud) | {_mo(r['peak_baseline'])} | {_mo(r['peak_ours'])} "
                     f"| {_ratio(r['peak_ours'], r['peak_baseline'])} | ≤ 2× | | |")
    if offline:
        lines.append(f"| version hors ligne : fichiers à télécharger refaits (kit réel, sans cache) | | "
                     f"{sum(offline[1:])} sur {offline[0]} | | 0 | | |")
    for r in results:
        if "cpu_build_baseline" in r and r["count"] in (150, 1000):
            base = r["cpu_build_baseline"]
            lines += ["", f"À N = {r['count']}, temps processeur (tous les cœurs, processus de travail compris ; "
                      "ce que la construction demande à la machine, quelle que soit la charge) : référence "
                      f"{_s(base)} ; nous, cache vide {_s(r['cpu_build_ours_cold'])} "
                      f"({_ratio(r['cpu_build_ours_cold'], base)}), cache chaud {_s(r['cpu_build_ours'])} "
                      f"({_ratio(r['cpu_build_ours'], base)}), sans téléchargements "
                      f"{_s(r['cpu_build_ours_no_downloads'])} ({_ratio(r['cpu_build_ours_no_downloads'], base)})."]
    for r in results:
        if r["count"] in (150, 1000):
            lines.append("")
            lines.append(
                f"À N = {r['count']}, construction à cache vide : mémoire maximale du processus de MkDocs "
                f"{_mo(r['peak_ours_cold'])}, du plus gros processus de travail {_mo(r['peak_workers_cold'])} ; "
                f"fichiers produits par génération : {', '.join(map(str, r['generated_cold']))}.")
    return lines + [""]


def report(results: list[dict], command: str, offline: list[int] | None = None) -> str:
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
        "Référence : les mêmes pages rendues une fois en Markdown (liens de téléchargement "
        "compris), construites par MkDocs seul avec la même configuration Material et sans "
        "crochets, les fichiers à télécharger posés dans `docs/` (ceux en Markdown exclus, "
        "que MkDocs prendrait pour des pages), sans version hors ligne ni éditeur en ligne. "
        "La machine est partagée : "
        "l'étendue (plus petite et plus grande mesure) dit le bruit, et la charge (processus "
        "en attente d'un cœur, moyenne sur 1, 5 et 15 minutes), ce qui tournait à côté.",
        "",
        *[f"- à N = {r['count']} : mesuré à partir du {r['started']}, charge {_load(r['load'][0])} "
          f"au début et {_load(r['load'][1])} à la fin." for r in results if "load" in r],
        "",
        *targets(results, offline),
        "### Détail",
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
        "Nous, complet : la construction par défaut (téléchargements et version hors ligne), "
        "relancée, cache `.cache/kit/` chaud. 1re construction : la même, cache vide. Sans "
        "téléchargements : `KIT_SANS_TELECHARGEMENTS=1` (ni version hors ligne). Reconstruction : "
        "une fiche modifiée, comme pendant `bash scripts/dev.sh serve` (sans version hors ligne, "
        "cache chaud). Validation : `kit verifier` sans construction, contre une simple "
        "lecture YAML (chargeur C) des mêmes fichiers.",
        "",
        "| N fiches | 1re construction, cache vide | temps par fiche (nous) | mémoire max. réf. "
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
    parser.add_argument("--sizes", default="10,100,150,1000", help="nombres de fiches, séparés par des virgules")
    parser.add_argument("--runs", type=int, default=5, help="mesures par variante (médiane)")
    parser.add_argument("--runs-large", type=int, default=None,
                        help="mesures par variante à partir de 1 000 fiches (par défaut : --runs)")
    parser.add_argument("--no-write", action="store_true", help="n'écrit pas BENCHMARKS.md")
    parser.add_argument("--sans-hors-ligne", action="store_true",
                        help="ne compte pas les fichiers refaits par la version hors ligne (kit réel)")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    results = []
    offline = None
    with tempfile.TemporaryDirectory(prefix="kit-bench-") as tmp:
        if not args.sans_hors_ligne:
            offline = offline_copy_generations(Path(tmp))
            print(json.dumps({"hors_ligne": offline}), flush=True)
        for count in sizes:
            runs = args.runs_large if count >= 1000 and args.runs_large else args.runs
            results.append(run_size(count, runs, Path(tmp) / f"n{count}"))
            print(json.dumps(results[-1]), flush=True)
    given = sys.argv[1:] if argv is None else argv
    command = " ".join(["python bench/run.py", *given])
    section = report(results, command, offline)
    if not args.no_write:
        write_report(section)
    print(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
