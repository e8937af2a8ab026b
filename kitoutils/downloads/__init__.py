"""Downloads generated with the pages, from the same model objects: per
checklist a fillable PDF, an ODT, a CSV, an ODS and a Markdown task list;
per sheet a printable PDF; kit.json with its JSON Schema; and one zip.

`catalog` says where each file lives (pages and generators share it),
`generate` produces them all with a content-hash cache, one module per format.
"""

from .catalog import Download, french_size
from .errors import DownloadFailed
from .generate import Downloads, generate_downloads

__all__ = ["Download", "DownloadFailed", "Downloads", "french_size", "generate_downloads"]
