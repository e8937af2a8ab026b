"""The `kit` command: check the kit, write its JSON Schema.

Everything it prints is for the kit's editors, in French.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import argparse_fr
from ..intake.loader import load_kit
from .new_sheet import CannotCreate, create_sheet
from ..model.problems import KitInvalid
from .report import FORMATS, choose_format, for_github, for_people
from ..model.schema import SCHEMA_FILES, schema_text


def _check(args: argparse.Namespace) -> int:
    try:
        kit = load_kit(args.dossier)
    except KitInvalid as invalid:
        if choose_format(args.format, dict(os.environ)) == "github":
            print(for_github(invalid.problems))  # annotations on the pull request's lines
        print(for_people(invalid, Path(args.dossier).absolute().parent), file=sys.stderr)
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


def _new_sheet(args: argparse.Namespace) -> int:
    try:
        path = create_sheet(args.dossier, args.id, args.titre, args.phase, args.public)
    except CannotCreate as refused:
        print(f"Fiche non créée : {refused}", file=sys.stderr)
        return 1
    except KitInvalid as invalid:
        print(f"Fiche non créée : le vocabulaire du kit est à corriger.\n{invalid.report()}", file=sys.stderr)
        return 1
    print(f"Fiche créée : {path.as_posix()}\n"
          "Complétez les textes marqués « (à écrire) », puis lancez « kit verifier ».")
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
    check.add_argument("--format", choices=FORMATS, default="auto",
                       help="texte pour les personnes, github pour annoter une demande de fusion "
                            "(par défaut : github dans GitHub Actions, texte ailleurs)")
    check.set_defaults(run=_check)

    new = commands.add_parser(
        "nouvelle-fiche", help="crée le squelette d'une nouvelle fiche, déjà valide",
        description="Crée kit/<id>.yml, une fiche à compléter, au statut « a-relire ».",
    )
    new.add_argument("id", help="identifiant de la fiche, qui sera aussi le nom du fichier (ex. : animation)")
    new.add_argument("titre", help="titre de la fiche, entre guillemets")
    new.add_argument("--phase", default=None,
                     help="phase de la démarche (par défaut : la première du vocabulaire)")
    new.add_argument("--public", action="append", default=None, metavar="PUBLIC",
                     help="public visé ; répétez l'option pour plusieurs (par défaut : chef-de-projet)")
    new.add_argument("--dossier", type=Path, default=Path("kit"),
                     help="dossier des fiches (par défaut : kit)")
    new.set_defaults(run=_new_sheet)

    schema = commands.add_parser("schema", help="écrit le schéma JSON d'une fiche")
    schema.add_argument("type", nargs="?", choices=sorted(SCHEMA_FILES), default="fiche",
                        help="fiche (par défaut), vocabulaire ou synonymes")
    schema.add_argument("-o", "--sortie", type=Path, default=None,
                        help="fichier où écrire le schéma (par défaut : la sortie standard)")
    schema.set_defaults(run=_schema)
    return parser


def main(argv: list[str] | None = None) -> int:
    argparse_fr.install()
    args = _parser().parse_args(argv)
    return args.run(args)

