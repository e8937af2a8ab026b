"""The site's pages from the kit: sheet, home, tag pages, navigation, diagrams
and the markers hand-written pages use to receive the kit's parts."""
