"""`python -m kitoutils.cli`, the same as the `kit` command."""

from .main import main

raise SystemExit(main())
