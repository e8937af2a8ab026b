"""The failure of a download, said in French for whoever builds the site."""

from __future__ import annotations

from typing import Callable, TypeVar

T = TypeVar("T")


class DownloadFailed(Exception):
    """A download could not be produced; the message names the sheet and the checklist."""


def produce(what: str, build: Callable[[], T]) -> T:
    """Make one file (`what` says which, in French); any library's failure
    becomes a DownloadFailed naming it, in whichever process it happens."""
    try:
        return build()
    except DownloadFailed:
        raise
    except Exception as error:
        raise DownloadFailed(f"Impossible de produire {what} : {type(error).__name__} : {error}") from error
