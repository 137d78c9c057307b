"""The licence of everything the territory publishes for reuse: the open datasets and the
exports of the strategy documents."""

LICENCE_ID = "etalab-2.0"
LICENCE = "Licence Ouverte / Open Licence 2.0"
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
