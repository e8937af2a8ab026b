"""The web editor for the kit's editors (Decap CMS at /admin/): its configuration,
derived from the model, and its page."""
