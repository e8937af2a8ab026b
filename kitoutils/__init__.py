"""Core of the kit website: the kit's YAML sheets in, a site's files out.

Laid out by job, each layer importing only the ones above it in this list:

- `model/`: what a sheet is (dataclasses, field declarations, schema,
  problems, typography, the URL scheme, the publication's identity);
- `intake/`: reading and checking `kit/` (YAML with positions, validation,
  content checks), every problem located and said in French;
- `pages/`: the Markdown pages (Jinja templates), navigation, tag pages,
  diagrams, the markers of hand-written pages;
- `downloads/`: one module per file format readers download;
- `search.py`, `offline.py`: the search documents and the offline variant;
- `settings.py`, `build.py`: one build's settings and everything it makes;
- `cli/`: the `kit` command.

It knows nothing of MkDocs (see `hooks/`), so it can be tested alone and serve
another static site generator later.
"""
