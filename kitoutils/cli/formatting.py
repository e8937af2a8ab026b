"""`kit formater`, and the verifier's warning about files out of layout.

The layout itself is `intake/layout.py`; this module only reads and writes
files and tells the editor, in French, what it did.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..intake.layout import NotFormattable, kit_files, layout_of, unformatted
from .report import warnings_for_github

FIX = "kit formater"


def format_files(paths: list[Path] | None, kit_dir: Path, *, check_only: bool = False) -> int:
    """Lay out `paths` (by default every file of kit_dir); 1 if one could not be, or, with
    check_only, if one is not in layout."""
    failed = out_of_layout = 0
    for path in paths or kit_files(kit_dir):
        shown = path.as_posix()
        try:
            current = path.read_text(encoding="utf-8")
            layout = layout_of(path)
        except (OSError, UnicodeDecodeError, NotFormattable):
            print(f"{shown} : mise en forme impossible ; « kit verifier » dit où est le problème", file=sys.stderr)
            failed += 1
            continue
        if layout.text == current:
            continue
        out_of_layout += 1
        if check_only:
            print(f"{shown} n'est pas dans la mise en page du kit ; « {FIX} {shown} » la rétablit")
            continue
        path.write_text(layout.text, encoding="utf-8")
        made = "".join(f"\n  identifiant créé : {identifier}" for identifier in layout.made_ids)
        print(f"{shown} remis en forme{made}")
    if not out_of_layout and not failed:
        print("Les fichiers du kit sont déjà dans leur mise en page.")
    return 1 if failed or (check_only and out_of_layout) else 0


def layout_warnings(kit_dir: Path, output: str) -> None:
    """Warn about each file of a valid kit that is not in layout, with the command that fixes it."""
    root = Path(kit_dir).absolute().parent  # paths shown as the verifier shows them: kit/…
    shown = [path.absolute().relative_to(root).as_posix() for path in unformatted(kit_files(kit_dir))]
    messages = [(path, f"le fichier n'est pas dans la mise en page du kit ; « {FIX} {path} » la rétablit")
                for path in shown]
    if output == "github":
        print(warnings_for_github(messages))
    for path, message in messages:
        print(f"Avertissement : {path} : {message}", file=sys.stderr)
