"""Search quality: the kit's French search against Material's default search.

    .venv/bin/python bench/search_quality.py

builds the site twice (ours, and with KIT_RECHERCHE_FRANCAISE=false for
Material's own search), serves each on 127.0.0.1, types every query of
tests/search_queries.py in the search box of headless Chromium (Debian's), and
writes the comparison (hits in the top three, first results, index sizes) into
the « Qualité de la recherche » section of BENCHMARKS.md, leaving the rest of
the file alone.
"""

from __future__ import annotations

import argparse
import gzip
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from conftest import CHROMIUM, StaticServer, free_port, mkdocs_build  # noqa: E402
from search_driver import open_search, ranked_locations, type_query  # noqa: E402
from search_queries import QUERIES, is_content_query, is_data_page  # noqa: E402

from kitoutils.intake.loader import load_kit  # noqa: E402

BENCHMARKS = ROOT / "BENCHMARKS.md"
START = "<!-- qualite-recherche:debut (écrit par bench/search_quality.py) -->"
END = "<!-- qualite-recherche:fin -->"
VARIANTS = {"ours": "true", "default": "false"}


def build(variant: str, site: Path, port: int) -> None:
    result = mkdocs_build(ROOT, site, site_url=f"http://127.0.0.1:{port}/",
                          environment={"KIT_RECHERCHE_FRANCAISE": VARIANTS[variant]})
    if result.returncode != 0:
        sys.exit(f"La construction du site ({variant}) a échoué :\n{result.stderr}")


def ranks(browser, url: str) -> tuple[list[int | None], int]:
    """For each query, the 1-based rank of its expected location (None: not in the results);
    and how many content queries have a data page among their three best results."""
    page = browser.new_page()
    open_search(page, url)
    found = []
    data_in_top3 = 0
    for query in QUERIES:
        locations = ranked_locations(type_query(page, query.text))
        found.append(locations.index(query.expected) + 1 if query.expected in locations else None)
        if is_content_query(query) and any(is_data_page(location) for location in locations[:3]):
            data_in_top3 += 1
    page.close()
    return found, data_in_top3


def index_size(site: Path) -> tuple[int, int]:
    data = (site / "search" / "search_index.json").read_bytes()
    return len(data), len(gzip.compress(data, 9))


def show(rank: int | None) -> str:
    return "—" if rank is None else str(rank)


def section(results: dict[str, list[int | None]], sizes: dict[str, tuple[int, int]],
            data_pages: dict[str, int]) -> str:
    total = len(QUERIES)
    content = sum(1 for q in QUERIES if is_content_query(q))
    several = [i for i, q in enumerate(QUERIES) if len(q.text.split()) >= 2]

    def count(variant: str, limit: int, rows: list[int] | None = None) -> int:
        chosen = range(total) if rows is None else rows
        return sum(1 for i in chosen if results[variant][i] is not None and results[variant][i] <= limit)

    # Material's default has no document per checklist item: those rows are counted apart too.
    kit = load_kit(ROOT / "kit")
    items = {e.id for f in kit.fiches for liste in f.checklists() for e in liste.elements}
    other_rows = [i for i, q in enumerate(QUERIES) if q.expected.split("#")[-1] not in items]

    def passed(variant: str) -> int:
        return sum(1 for q, r in zip(QUERIES, results[variant]) if r is not None and r <= q.rank)

    (ours_raw, ours_gz), (def_raw, def_gz) = sizes["ours"], sizes["default"]
    lines = [
        START,
        "## Qualité de la recherche",
        "",
        f"Mesuré le {date.today().isoformat()} par `bench/search_quality.py` : les {total} requêtes de "
        "`tests/search_queries.py` tapées dans la boîte de recherche de Chromium sans tête, sur le site "
        "construit avec la recherche du kit (« kit ») puis avec celle de Material for MkDocs par défaut "
        "(« défaut », `KIT_RECHERCHE_FRANCAISE=false`). Rang : place de la page ou de l'ancre attendue "
        "parmi les résultats classés par score (— : absente).",
        "",
        "| Mesure | Kit | Défaut |",
        "| --- | ---: | ---: |",
        f"| Attendu dans les 3 premiers | {count('ours', 3)} / {total} | {count('default', 3)} / {total} |",
        f"| Attendu en premier | {count('ours', 1)} / {total} | {count('default', 1)} / {total} |",
        f"| … dans les 3 premiers, sans les {total - len(other_rows)} requêtes qui attendent un élément de liste "
        f"| {count('ours', 3, other_rows)} / {len(other_rows)} | {count('default', 3, other_rows)} / {len(other_rows)} |",
        f"| Exigence du tableau tenue (1er ou 3 premiers) | {passed('ours')} / {total} | {passed('default')} / {total} |",
        f"| … requêtes de plusieurs mots, attendu dans les 3 premiers | {count('ours', 3, several)} / {len(several)} "
        f"| {count('default', 3, several)} / {len(several)} |",
        f"| Requêtes de contenu avec une page de données dans les 3 premiers | {data_pages['ours']} / {content} "
        f"| {data_pages['default']} / {content} |",
        f"| Taille de `search_index.json` | {ours_raw} o | {def_raw} o |",
        f"| … compressée (gzip -9) | {ours_gz} o | {def_gz} o |",
        "",
        f"Écart de taille de l'index : {100 * (ours_raw - def_raw) / def_raw:+.1f} % "
        f"({100 * (ours_gz - def_gz) / def_gz:+.1f} % compressé) ; la limite : au plus 10 % de plus que l'index par défaut.",
        "",
        "| Requête | Attendu | Exigé | Kit | Défaut |",
        "| --- | --- | :---: | :---: | :---: |",
    ]
    for query, ours, default in zip(QUERIES, results["ours"], results["default"]):
        wanted = "1er" if query.rank == 1 else f"top {query.rank}"
        lines.append(f"| {query.text} | `{query.expected}` | {wanted} | {show(ours)} | {show(default)} |")
    lines.append(END)
    return "\n".join(lines) + "\n"


def write_section(text: str) -> None:
    current = BENCHMARKS.read_text(encoding="utf-8") if BENCHMARKS.exists() else (
        "# Mesures\n\nLes mesures du projet, chacune écrite par son script.\n\n")
    if START in current and END in current:
        before, rest = current.split(START, 1)
        after = rest.split(END, 1)[1].lstrip("\n")
        current = before + text + ("\n" + after if after else "")
    else:
        current = current.rstrip("\n") + "\n\n" + text
    BENCHMARKS.write_text(current, encoding="utf-8")


def main() -> int:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args()
    if CHROMIUM is None:
        sys.exit("Chromium est introuvable : installez le paquet Debian « chromium ».")
    from playwright.sync_api import sync_playwright

    results: dict[str, list[int | None]] = {}
    sizes: dict[str, tuple[int, int]] = {}
    data_pages: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for variant in VARIANTS:
            port = free_port()
            site = Path(tmp) / variant
            build(variant, site, port)
            sizes[variant] = index_size(site)
            server = StaticServer(site, port)
            try:
                results[variant], data_pages[variant] = ranks(browser, server.url)
            finally:
                server.close()
        browser.close()
    text = section(results, sizes, data_pages)
    write_section(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
