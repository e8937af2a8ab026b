"""The failure of a download, said in French for whoever builds the site."""


class DownloadFailed(Exception):
    """A download could not be produced; the message names the sheet and the checklist."""
