"""The publication's identity: the kit the site is built from, said once.

Pages, downloads and `kit.json` name the kit with these values; nothing
else spells them out.
"""

KIT_TITLE = "Kit outils démocratie contributive"
KIT_PUBLISHER = "ARENE Île-de-France, avec Groupe Re-Sources"
KIT_DATE = "juin 2016"
