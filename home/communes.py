"""Import the member communes of an EPCI from an extract of the official découpage administratif.

Operators use it, through ``manage.py import_communes``, to fill or refresh the list of
communes of a territory (site) from INSEE/DGCL data instead of typing 50 communes by hand.
Editors then see those communes in the admin (Snippets › Communes), in the commune filters
of events, places and merchants, and each commune gets its page.

The file is a JSON object, the shape of ``home/demo/data/decoupage/communes-epci.json``::

    {"source": "…", "licence": "…", "version": "…", "population_year": 2023,
     "epci": [{"siren": "200043321", "nom": "CC du Pays de Mormal",
               "membres": [{"code": "59006", "nom": "L'Orée de Mormal",
                            "codesPostaux": ["59144", "59570"], "population": 1234}]}]}

``home/demo/data/decoupage/README.md`` tells how to extract it for any EPCI.
"""

import json
import re
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from home.models import Commune

INSEE_CODE = re.compile(r"^(\d{5}|2[AB]\d{3})$")
SLUG_MAX_LENGTH = Commune._meta.get_field("slug").max_length
# Editors' data and the demo CSV write "L'Orée de Mormal" as "l-oree-de-mormal": the
# apostrophe (straight in the COG, typographic in the DGCL list) separates words.
APOSTROPHES = re.compile(r"['’]")
# slugify() drops what has no ASCII decomposition, so "Cœuvres" would become "cuvres".
LIGATURES = str.maketrans({"œ": "oe", "Œ": "Oe", "æ": "ae", "Æ": "Ae"})
# The fields an import owns; anything else (coordinates, area, website…) is the editors'.
IMPORTED_FIELDS = ("name", "postcode", "population", "population_year")


class CommuneImportError(Exception):
    """The file, the EPCI or the database state does not allow the import; the message says why."""


@dataclass
class ImportResult:
    """What an import did, for the command's summary line and for tests."""

    epci_siren: str
    epci_name: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self):
        return self.created + self.updated + self.unchanged


def commune_slug(name):
    """The URL slug of a commune name: ``L'Orée de Mormal`` → ``l-oree-de-mormal``."""
    return slugify(APOSTROPHES.sub("-", name).translate(LIGATURES))


def read_extract(path):
    """The parsed file, checked to be an object with an ``epci`` list."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise CommuneImportError(f"Cannot read {path}: {error.strerror or error}.") from error
    except UnicodeDecodeError as error:
        raise CommuneImportError(f"{path} is not UTF-8 text: {error}.") from error
    except json.JSONDecodeError as error:
        raise CommuneImportError(f"{path} is not valid JSON: {error}.") from error
    if not isinstance(data, dict) or not isinstance(data.get("epci"), list):
        # The package's own epci.json is a bare list: say what is expected instead.
        raise CommuneImportError(
            f'{path} is not a communes extract: expected a JSON object with an "epci" list '
            "(see home/demo/data/decoupage/README.md)."
        )
    return data


def find_epci(data, siren, path):
    """The EPCI entry with this SIREN, or an error naming the EPCIs the file holds."""
    matches = [epci for epci in data["epci"] if isinstance(epci, dict) and str(epci.get("siren")) == siren]
    if not matches:
        known = [f"{epci.get('siren')} {epci.get('nom')}" for epci in data["epci"] if isinstance(epci, dict)]
        listed = ", ".join(known) if len(known) <= 10 else f"{len(known)} EPCIs"
        raise CommuneImportError(f"EPCI {siren} is not in {path} (it holds: {listed or 'none'}).")
    if len(matches) > 1:
        raise CommuneImportError(f"EPCI {siren} appears {len(matches)} times in {path}.")
    epci = matches[0]
    if not isinstance(epci.get("membres"), list) or not epci["membres"]:
        raise CommuneImportError(f"EPCI {siren} in {path} has no list of member communes.")
    return epci


def read_member(item, siren):
    """One member commune, checked: code, name, postcodes and population."""
    if not isinstance(item, dict):
        raise CommuneImportError(f"EPCI {siren}: a member is not an object: {item!r}.")
    code, name = item.get("code"), item.get("nom")
    if not isinstance(code, str) or not INSEE_CODE.match(code):
        raise CommuneImportError(f"EPCI {siren}: {code!r} is not an INSEE commune code.")
    if not isinstance(name, str) or not name.strip():
        raise CommuneImportError(f"EPCI {siren}: commune {code} has no name.")
    postcodes = item.get("codesPostaux") or []
    if not isinstance(postcodes, list) or not all(isinstance(postcode, str) for postcode in postcodes):
        raise CommuneImportError(f"EPCI {siren}: commune {code} has malformed codesPostaux {postcodes!r}.")
    population = item.get("population")
    if population is not None and (isinstance(population, bool) or not isinstance(population, int) or population < 0):
        raise CommuneImportError(f"EPCI {siren}: commune {code} has malformed population {population!r}.")
    return {"code": code, "name": name.strip(), "postcodes": postcodes, "population": population}


def free_slug(name, code):
    """The commune's slug, with its INSEE code appended when another commune (of any
    territory: slugs are unique across sites) already uses it, e.g. two Saint-Aubin."""
    base = commune_slug(name)[: SLUG_MAX_LENGTH - len(code) - 1].strip("-")
    if base and not Commune.objects.filter(slug=base).exclude(insee_code=code).exists():
        return base
    return f"{base}-{code}" if base else code


def import_communes(site, epci_siren, path, stdout=None):
    """Create or update, by INSEE code, the member communes of EPCI ``epci_siren`` for ``site``.

    Never deletes a commune and never moves one from another site. Only the name, postcode,
    population and population year come from the file; coordinates, area and website stay
    as editors (or the demo CSV) set them. The slug is only set on creation, so the URLs
    of commune pages do not change when a commune is renamed. All or nothing: on an error,
    nothing is saved. Returns an :class:`ImportResult`; raises :class:`CommuneImportError`.
    """
    siren = str(epci_siren).strip()
    data = read_extract(path)
    epci = find_epci(data, siren, path)
    members = [read_member(item, siren) for item in epci["membres"]]
    codes = [member["code"] for member in members]
    if len(set(codes)) != len(codes):
        raise CommuneImportError(f"EPCI {siren}: a commune is listed twice in {path}.")
    population_year = data.get("population_year")
    if population_year is not None and (isinstance(population_year, bool) or not isinstance(population_year, int)):
        raise CommuneImportError(f"{path}: population_year {population_year!r} is not a year.")

    result = ImportResult(epci_siren=siren, epci_name=str(epci.get("nom") or siren))
    say = stdout.write if stdout is not None else (lambda message: None)
    say(f"{result.epci_name} ({siren}): {len(members)} communes in {path}, for site {site}\n")

    with transaction.atomic():
        existing = {commune.insee_code: commune for commune in Commune.objects.filter(insee_code__in=codes)}
        # Checked before any write, so the error names every commune in the way.
        elsewhere = [commune for commune in existing.values() if commune.site_id != site.pk]
        if elsewhere:
            names = ", ".join(f"{commune.insee_code} {commune.name} (site #{commune.site_id})" for commune in elsewhere)
            raise CommuneImportError(
                f"Already attached to another territory: {names}. An import never moves a commune "
                "between sites; change its territory in the admin first if that is intended."
            )
        for member in members:
            commune = existing.get(member["code"])
            is_new = commune is None
            if is_new:
                commune = Commune(insee_code=member["code"], slug=free_slug(member["name"], member["code"]), site=site)
            before = {name: getattr(commune, name) for name in IMPORTED_FIELDS}
            apply_member(commune, member, population_year)
            changed = [name for name in IMPORTED_FIELDS if getattr(commune, name) != before[name]]
            if not is_new and not changed:
                result.unchanged += 1
                continue
            try:
                commune.full_clean()
            except ValidationError as error:
                details = "; ".join(f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items())
                raise CommuneImportError(f"Commune {member['code']} {member['name']}: {details}") from error
            commune.save()
            if is_new:
                result.created += 1
                say(f"  + {commune.insee_code} {commune.name} (created, /{commune.slug})\n")
            else:
                result.updated += 1
                say(f"  ~ {commune.insee_code} {commune.name} (updated: {', '.join(changed)})\n")
    return result


def apply_member(commune, member, population_year):
    """Set the imported fields; what the file lacks keeps its current value."""
    commune.name = member["name"]
    postcodes = member["postcodes"]
    # A commune can have several postcodes (L'Orée de Mormal: 59144 and 59570); an editor
    # may have picked one that is not first, so keep any postcode the file still lists.
    if postcodes and commune.postcode not in postcodes:
        commune.postcode = postcodes[0]
    if member["population"] is not None:
        # A figure and its year go together: a new figure with an older year would mislead.
        commune.population = member["population"]
        commune.population_year = population_year
