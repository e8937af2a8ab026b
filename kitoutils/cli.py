"""The `kit` command: check the kit, write its JSON Schema.

Everything it prints is for the kit's editors, in French.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import argparse_fr
from .loader import load_kit
from .problems import KitInvalid
from .schema import SCHEMA_FILES, schema_text


def _check(args: argparse.Namespace) -> int:
    try:
        kit = load_kit(args.dossier)
    except KitInvalid as invalid:
        print(invalid.report(), file=sys.stderr)
        return 1
    sheets = len(kit.fiches)
    items = sum(len(liste.elements) for fiche in kit.fiches for liste in fiche.checklists())
    print(f"Le kit est valide : {sheets} fiches, {items} éléments de listes à cocher.")
    return 0


def _schema(args: argparse.Namespace) -> int:
    text = schema_text(args.type)
    if args.sortie is None:
        sys.stdout.write(text)
    else:
        args.sortie.parent.mkdir(parents=True, exist_ok=True)
        args.sortie.write_text(text, encoding="utf-8")
        print(f"Schéma écrit dans {args.sortie}")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kit",
        description="Outils du Kit outils démocratie contributive.",
    )
    commands = parser.add_subparsers(dest="commande", required=True, metavar="COMMANDE")

    check = commands.add_parser(
        "verifier", aliases=["check"],
        help="vérifie les fiches du kit sans construire le site",
    )
    check.add_argument("dossier", nargs="?", type=Path, default=Path("kit"),
                       help="dossier des fiches (par défaut : kit)")
    check.set_defaults(run=_check)

    schema = commands.add_parser("schema", help="écrit le schéma JSON d'une fiche")
    schema.add_argument("type", nargs="?", choices=sorted(SCHEMA_FILES), default="fiche",
                        help="fiche (par défaut) ou vocabulaire")
    schema.add_argument("-o", "--sortie", type=Path, default=None,
                        help="fichier où écrire le schéma (par défaut : la sortie standard)")
    schema.set_defaults(run=_schema)
    return parser


def main(argv: list[str] | None = None) -> int:
    argparse_fr.install()
    args = _parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
