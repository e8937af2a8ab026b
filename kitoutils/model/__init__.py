"""What the kit is made of: the content model and the rules every layer shares.

The content's dataclasses and their field declarations, the JSON Schema read
from them, located problems, French typography, the URL scheme and the
publication's identity. Nothing here reads files or renders pages.
"""
