"""Core of the kit website: content model, loader, renderers.

This package knows nothing of MkDocs, so it can be tested alone and serve
another static site generator later.
"""

__version__ = "0.1.0"
