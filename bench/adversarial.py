"""Verifying hostile text costs about what reading the file costs (issue 11).

    python bench/adversarial.py             # 5 runs each, results in BENCHMARKS.md
    python bench/adversarial.py --runs 1 --no-write

Each case is a sheet whose section text is one adversarial field: the
patterns that make Python-Markdown (or the old regex checks) slow, at the
largest size the kit accepts for a field, and at nearly 1 MB (a file's limit).
The verification (`load_kit`, as `kit verifier` runs it) is timed against a
bare YAML parse of the same file (`yaml.compose` with libyaml), in the same
run; each figure is the median.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from kitoutils.intake.loader import load_kit  # noqa: E402
from kitoutils.model.markdown_dialect import (  # noqa: E402
    MAX_ANGLE_BRACKETS, MAX_MARKDOWN_CHARS, MAX_UNCLOSED_BRACKETS,
)
from kitoutils.model.problems import KitInvalid  # noqa: E402

REPORT = ROOT / "BENCHMARKS.md"
BEGIN, END = "<!-- bench:adversaire:debut -->", "<!-- bench:adversaire:fin -->"
NEARLY_1_MB = 990_000  # with the sheet around it, just under the 1 MB a file may weigh


def _fill(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _paragraphs(unit: str, per_paragraph: int, size: int) -> str:
    return _fill(unit * per_paragraph + "\n\n", size)


def cases(field_size: int = MAX_MARKDOWN_CHARS) -> dict[str, str]:
    """Adversarial fields, named in French for the report."""
    return {
        "« [ » non fermés, au plus permis, devant un long paragraphe":
            "[a " * MAX_UNCLOSED_BRACKETS + _fill("mot ", field_size - 3 * MAX_UNCLOSED_BRACKETS),
        "crochets fermés « [a] » et imbriqués": _fill("[a] [[[b]]] [c](d) ", field_size),
        "« < » non fermés, au plus permis": _fill("x ", field_size - 3 * MAX_ANGLE_BRACKETS) + "<a " * MAX_ANGLE_BRACKETS,
        "accents graves « `` ` »": _fill("`` a ` ", field_size),
        "emphases « *a **b » ouvertes": _fill("*a **b ", field_size),
        "listes d'attributs « {: x »": _fill("{: x ", field_size),
        "texte ordinaire avec liens et emphases": _paragraphs("Un **texte** du [kit](essai.md) et *plus*. ", 5, field_size),
        "1 Mo de « {: x » (motif autrefois quadratique)": _fill("{: x ", NEARLY_1_MB),
        "1 Mo de « [ »": _fill("[", NEARLY_1_MB),
        "1 Mo de texte ordinaire": _paragraphs("Un **texte** du [kit](essai.md) et *plus*. ", 20, NEARLY_1_MB - 30_000),
    }


def sheet_yaml(field: str) -> str:
    indented = "\n".join("      " + line if line else "" for line in field.split("\n"))
    return (
        "id: essai\ntitre: Essai\nresume: Un essai.\npublics: [elus]\nphase: preparation\n"
        "statut: a-relire\nsources:\n  - id: origine\n    titre: Essai\n    editeur: Banc d'essai\n"
        "    date: '2026'\nsections:\n  - id: s\n    titre: Section\n    texte: |-\n" + indented + "\n"
    )


def measure(kit_dir: Path, text: str, runs: int) -> dict:
    path = kit_dir / "essai.yml"
    path.write_text(text, encoding="utf-8")
    verify, parse, outcome = [], [], ""
    for _ in range(runs):
        started = time.perf_counter()
        yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        parse.append(time.perf_counter() - started)
        started = time.perf_counter()
        try:
            load_kit(kit_dir)
            outcome = "acceptée"
        except KitInvalid as invalid:
            mine = [p for p in invalid.problems if p.path.endswith("essai.yml")]
            outcome = f"refusée ({mine[0].message.split(' : ')[0]})" if mine else "refusée"
        verify.append(time.perf_counter() - started)
    return {"bytes": len(text.encode("utf-8")), "verify": statistics.median(verify),
            "parse": statistics.median(parse), "outcome": outcome}


def run(runs: int, field_size: int = MAX_MARKDOWN_CHARS) -> dict[str, dict]:
    with tempfile.TemporaryDirectory(prefix="kit-adversaire-") as temporary:
        kit_dir = Path(temporary) / "kit"
        kit_dir.mkdir()
        shutil.copy2(ROOT / "kit" / "vocabulaire.yml", kit_dir / "vocabulaire.yml")
        # The verification of the vocabulary alone, taken out of each figure.
        (kit_dir / "essai.yml").write_text(sheet_yaml("Un texte."), encoding="utf-8")
        return {name: measure(kit_dir, sheet_yaml(field), runs) for name, field in cases(field_size).items()}


def report(results: dict[str, dict], command: str) -> str:
    def number(value: float, decimals: int) -> str:
        return f"{value:.{decimals}f}".replace(".", ",")

    lines = [
        BEGIN, "",
        f"Commande : `{command}`. Un champ par fiche ; « vérification » : `load_kit` (ce que fait "
        "`kit verifier`) ; « lecture YAML » : `yaml.compose` (libyaml) du même fichier.", "",
        "| Champ | Taille du fichier | Vérification | Lecture YAML | Rapport | Verdict |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for name, r in results.items():
        lines.append(
            f"| {name} | {number(r['bytes'] / 1000, 0)} Ko | {number(r['verify'], 3)} s | "
            f"{number(r['parse'], 3)} s | {number(r['verify'] / r['parse'], 1)} | {r['outcome']} |")
    lines += ["", END]
    return "\n".join(lines)


def write_report(section: str) -> None:
    text = REPORT.read_text(encoding="utf-8")
    if BEGIN in text and END in text:
        text = text[: text.index(BEGIN)] + section + text[text.index(END) + len(END):]
    else:
        text = text.rstrip("\n") + "\n\n## Textes hostiles : coût de la vérification\n\n" + section + "\n"
    REPORT.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Mesure la vérification de textes hostiles.")
    parser.add_argument("--runs", type=int, default=5, help="mesures par cas (médiane)")
    parser.add_argument("--no-write", action="store_true", help="n'écrit pas BENCHMARKS.md")
    options = parser.parse_args(argv)
    command = "python bench/adversarial.py" + (f" --runs {options.runs}" if options.runs != 5 else "")
    section = report(run(options.runs), command)
    print(section)
    if not options.no_write:
        write_report(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
