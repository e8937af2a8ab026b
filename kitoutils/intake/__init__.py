"""Reading and checking the kit: YAML with positions, validation against the
model, content checks, every problem located and said in French.

Nothing here imports rendering: checking a sheet never needs Jinja.
"""
