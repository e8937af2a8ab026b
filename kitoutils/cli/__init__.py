"""The `kit` command: check sheets, write schemas, start a new sheet."""
