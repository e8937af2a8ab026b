"""Load kit/ into a validated Kit, or raise KitInvalid with every problem."""

from __future__ import annotations

from pathlib import Path

from ..model.content import Fiche, Glossaire, Kit, Synonymes, Vocabulaire
from ..model.markdown_dialect import FieldParser
from ..model.problems import KitInvalid, Problem
from ..model.order import in_kit_order
from .glossary import check_glossary
from .provenance import check_provenance
from .validate import Context, build
from . import yamlfile
from .content_checks import ReadFile, check as check_content
from .text_memo import TextMemo
from . import git_history

VOCABULARY_FILE = "vocabulaire.yml"
SYNONYMS_FILE = "synonymes.yml"  # optional: the search's synonyms and abbreviations
GLOSSARY_FILE = "glossaire.yml"  # optional: the terms explained on every page
# Files of kit/ that are not sheets.
RESERVED_FILES = {VOCABULARY_FILE, SYNONYMS_FILE, GLOSSARY_FILE}


def load_kit(kit_dir: Path, docs_dir: Path | None = None, parser: FieldParser | None = None,
             cache_dir: Path | None = None) -> Kit:
    """Read and validate every file of kit_dir; paths in messages start at its parent.

    Links to hand-written pages are checked against docs_dir (by default the
    docs/ folder next to kit_dir, when there is one). parser: the build's
    Markdown parser, which then holds every text's HTML for the pages.
    cache_dir: the build's cache folder, where the checked texts are kept for
    the next build (intake/text_memo.py); None: every text is parsed.
    """
    kit_dir = Path(kit_dir).absolute()
    if docs_dir is None and (kit_dir.parent / "docs").is_dir():
        docs_dir = kit_dir.parent / "docs"
    read_files: list[ReadFile] = []  # for the checks across files, after validation
    if not kit_dir.is_dir():
        raise KitInvalid([Problem(str(kit_dir), 1, 1, "dossier des fiches introuvable")])
    problems: list[Problem] = []

    def display(path: Path) -> str:
        return path.relative_to(kit_dir.parent).as_posix()

    vocabulary_path = kit_dir / VOCABULARY_FILE
    vocabulaire = None
    if not vocabulary_path.is_file():
        problems.append(Problem(display(vocabulary_path), 1, 1, (
            "fichier du vocabulaire introuvable : il liste les publics, phases et statuts permis"
        )))
    else:
        vocabulaire = _load_one(Vocabulaire, vocabulary_path, display(vocabulary_path), {}, problems,
                                read_files=read_files)

    sheet_paths = []
    for path in sorted(kit_dir.iterdir()):
        if path.name in RESERVED_FILES:
            continue  # read on their own (a link there is refused when it is read)
        message = unexpected_file_message(path)
        if message is not None:
            problems.append(Problem(display(path), 1, 1, message))
        else:
            sheet_paths.append(path)
    if not sheet_paths:
        problems.append(Problem(display(kit_dir), 1, 1, "aucune fiche (.yml) dans ce dossier"))

    references = None
    if vocabulaire is not None:
        references = {name: frozenset(vocabulaire.terms(name)) for name in ("publics", "phases", "statuts")}
        references["fiches"] = frozenset(p.stem for p in sheet_paths)

    fiches = []
    files = {}
    for path in sheet_paths:
        fiche = _load_one(Fiche, path, display(path), references, problems, expected_id=path.stem,
                          read_files=read_files)
        if fiche is not None:
            fiches.append(fiche)
            files[fiche.id] = display(path)

    synonymes = None
    synonyms_path = kit_dir / SYNONYMS_FILE
    if synonyms_path.is_file():
        synonymes = _load_one(Synonymes, synonyms_path, display(synonyms_path), {}, problems)

    glossaire = None
    glossary_path = kit_dir / GLOSSARY_FILE
    if glossary_path.is_file():
        glossaire = _load_one(Glossaire, glossary_path, display(glossary_path), {}, problems,
                              read_files=read_files)

    memo = TextMemo(cache_dir) if cache_dir is not None else None
    problems.extend(check_content(read_files, docs_dir, parser, memo))
    if memo is not None:
        memo.save()  # a kit with errors too: the next build reports them without parsing
    if problems:
        raise KitInvalid(problems)
    assert vocabulaire is not None
    historique = git_history.last_changes(kit_dir.parent, list(files.values()))
    return Kit(vocabulaire=vocabulaire, fiches=in_kit_order(fiches, vocabulaire.phases), files=files,
               historique=historique,
               synonymes=synonymes.synonymes if synonymes else (),
               glossaire=glossaire.termes if glossaire else ())


def unexpected_file_message(path: Path) -> str | None:
    """Why a file of kit/ cannot be read as a sheet, or None: nothing there is skipped in silence."""
    name = path.name
    if path.is_symlink():  # never followed: it could point anywhere on the machine
        return "lien symbolique refusé : placez le fichier lui-même dans kit/"
    if path.is_dir():
        return "dossier inattendu dans kit/ : les fiches sont des fichiers .yml placés directement dans kit/"
    if name.startswith("."):
        return (f"fichier caché « {name} » : il ne serait pas publié ; renommez-le sans le point "
                "initial ou retirez-le de kit/")
    if name.endswith(".yml"):
        return None  # its stem is checked with the other sheets' (model/addresses.py)
    stem, dot, suffix = name.partition(".")
    if suffix.lower() in ("yml", "yaml"):
        return f"renommez ce fichier « {stem.lower()}.yml » : les fiches portent l'extension .yml, en minuscules"
    return (f"fichier inattendu « {name} » dans kit/ : seules les fiches .yml y ont leur place "
            "(une copie de sauvegarde se garde ailleurs)")


def _load_one(cls, path: Path, shown: str, references, problems: list[Problem], expected_id: str | None = None,
              read_files: list[ReadFile] | None = None):
    source, node, read_problems = yamlfile.read_source(path, shown)
    problems.extend(read_problems)
    if node is None:
        if read_files is not None:  # still a sheet that links may name
            read_files.append(ReadFile(shown, source or "", Context(shown, references), None, expected_id))
        return None
    ctx = Context(shown, references)
    value = build(cls, node, ctx)
    if expected_id is not None:
        _check_file_name(ctx, value, expected_id)
    if isinstance(value, Fiche):
        check_provenance(ctx, value)
    elif isinstance(value, Glossaire):
        check_glossary(ctx, value)
    problems.extend(ctx.problems)
    value = None if ctx.problems else value
    if read_files is not None:
        read_files.append(ReadFile(shown, source, ctx, value, expected_id))
    return value


def _check_file_name(ctx: Context, fiche: Fiche | None, expected_id: str) -> None:
    if fiche is None or fiche.id == expected_id:
        return
    ctx.error(ctx.identifiers[fiche.id], (
        f"l'identifiant « {fiche.id} » doit être le nom du fichier sans « .yml » "
        f"(« {expected_id} ») : renommez le fichier ou corrigez l'identifiant"
    ))


def load_vocabulary(kit_dir: Path) -> Vocabulaire:
    """Only the controlled vocabulary of kit_dir, or KitInvalid."""
    kit_dir = Path(kit_dir).absolute()
    path = kit_dir / VOCABULARY_FILE
    shown = path.relative_to(kit_dir.parent).as_posix()
    if not path.is_file():
        raise KitInvalid([Problem(shown, 1, 1, "fichier du vocabulaire introuvable")])
    problems: list[Problem] = []
    vocabulaire = _load_one(Vocabulaire, path, shown, {}, problems)
    if vocabulaire is None:
        raise KitInvalid(problems)
    return vocabulaire
