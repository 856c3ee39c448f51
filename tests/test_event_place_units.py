"""The event's place read through its units: seats, district areas, the text's country, coded places."""

from __future__ import annotations

from dataclasses import replace

import pytest

from newsevents.models import Place
from newsevents.nlp.annotate import annotate_texts
from newsevents.nlp.events.place import UNIT_FALLBACK, at_seat, event_place, weighted_country
from newsevents.resolve.areas import area_file, get_areas
from newsevents.resolve.gazetteer import distance_km, get_gazetteer
from newsevents.resolve.seats import seat

needs_areas = pytest.mark.skipif(area_file() is None, reason="district areas package not installed")


def _place_of(text: str) -> Place | None:
    """The place of the text's first event, through the real annotate stage."""
    ann = next(iter(annotate_texts([("t", text, None)])))
    assert ann.events, f"no event in {text!r}"
    return ann.events[0].place


def _near(p: Place | None, lat: float, lon: float, km: float = 15.0) -> bool:
    return (
        p is not None
        and p.lat is not None
        and p.lon is not None
        and distance_km(p.lat, p.lon, lat, lon) <= km
    )


def test_seat_of_a_province_is_its_town_of_the_same_name() -> None:
    g = get_gazetteer()
    province = next(c for c in g.lookup("Kandahar") if c.feature == "ADM1")
    town = seat(province)
    assert town is not None and town.feature in ("PPL", "PPLC")
    assert distance_km(town.lat, town.lon, 31.61, 65.71) < 10


def test_seat_is_none_for_a_town() -> None:
    town = next(c for c in get_gazetteer().lookup("Kandahar") if c.feature == "PPL")
    assert seat(town) is None


def test_event_in_a_named_province_sits_at_its_seat_but_keeps_the_province_name() -> None:
    place = _place_of("On 3 June 2021, Taliban militants ambushed a police convoy in Kandahar province.")
    assert place is not None and place.precision == "admin1"
    assert _near(place, 31.61, 65.71)


def test_unit_standing_for_an_unknown_village_keeps_its_centroid() -> None:
    g = get_gazetteer()
    province = next(c for c in g.lookup("Kandahar") if c.feature == "ADM1")
    unit = Place(
        0,
        8,
        "Kandahar",
        province.name,
        province.lat,
        province.lon,
        "Afghanistan",
        "AF",
        geonameid=province.geonameid,
        precision="admin1",
        via=UNIT_FALLBACK,
    )
    assert at_seat(unit, "Kandahar") == unit
    named = replace(unit, via="phrase")
    moved = at_seat(named, "Kandahar province")
    assert moved is not None and (moved.lat, moved.lon) != (province.lat, province.lon)
    assert at_seat(named, "Kandahar countryside") == named


def test_big_city_of_the_text_country_beats_a_foreign_village_near_a_namesake() -> None:
    place = _place_of("On 6 June 2021, activists held a protest near the White House in central Moscow.")
    assert place is not None and place.country_code == "RU"


def test_a_phrase_naming_a_country_is_not_a_town_of_that_name() -> None:
    place = _place_of("On 2 June 2021, hundreds of people protested in Lebanon against the government.")
    assert place is not None and place.precision == "country" and place.country_code == "LB"


def test_particle_a_joins_a_province_name() -> None:
    place = _place_of("On 1 June 2021, in Puerto Lempira, Gracias a Dios, soldiers destroyed an airstrip.")
    assert _near(place, 15.27, -83.77)


def test_coded_location_is_taken_at_its_word() -> None:
    text = "On 4 June 2021, rioters clashed with police in a village, coded as Kandahar district, Kandahar."
    place = _place_of(text)
    assert place is not None and "Kandahar" in place.text


def test_weighted_country_needs_a_majority() -> None:
    def p(cc: str, precision: str = "place", population: int = 0, via: str = "ner") -> Place:
        return Place(0, 1, "x", "x", 1.0, 1.0, cc, cc, precision=precision, population=population, via=via)  # type: ignore[arg-type]

    assert weighted_country([p("SY", "admin1"), p("TR", via="demonym")], "x") == "SY"
    assert weighted_country([p("SY"), p("US")], "x") is None
    assert weighted_country([p("RU", population=1_000_000), p("US")], "x") == "RU"


@needs_areas
def test_areas_are_read_with_iso_codes() -> None:
    areas = get_areas()
    assert len(areas) > 100_000
    found = areas.named("Kontela")
    assert found and found[0].country_code == "ML"


@needs_areas
def test_sub_district_missing_from_the_gazetteer_is_found_among_the_areas() -> None:
    assert not get_gazetteer().has_name("kontela")
    text = "On 5 June 2021, gunmen killed two herders in Kontela (Kayes Region)."
    place = event_place([], text, (0, len(text)), text.index("killed"))
    assert _near(place, 14.0, -10.34, 5.0)
    assert place is not None and place.precision == "admin2"


@needs_areas
def test_area_respellings_only_when_asked_and_long_enough() -> None:
    areas = get_areas()
    assert areas.named("Kontella") == []
    assert any(a.name == "Kontela" for a in areas.named("Kontella", respelled=True))
    assert areas.named("Kontla", respelled=True) == []  # too short to trust a respelling


@pytest.mark.parametrize(
    "text", ["On June 16, police dispersed the march.", "They met near the Minister's house."]
)
def test_a_month_or_title_after_a_locative_is_no_place(text: str) -> None:
    from newsevents.nlp.events.place import phrase_places

    assert phrase_places(text, (0, len(text)), None) == []


@pytest.mark.parametrize(
    ("text", "lat", "lon"),
    [
        # the province named after its capital, not a foreign town in a district of that name
        ("On 30 April 2020, in Cordoba (Cordoba), residents held a pot-banging protest.", -31.41, -64.19),
        ("On 4 May 2020, in Santa Ana (Santa Ana), automobile workers protested.", 13.99, -89.56),
    ],
)
def test_a_town_in_the_unit_named_after_it(text: str, lat: float, lon: float) -> None:
    assert _near(_place_of(text), lat, lon, km=25.0)


def test_an_area_named_without_its_designator_sits_at_its_seat() -> None:
    """ "Suqutra island" is the governorate "Arkhabīl Suquţrá", placed at its seat Hadibu."""
    text = (
        "On 2 May 2020, Saudi forces reportedly brokered an agreement between pro-STC forces and "
        "pro-Hadi forces in Suqutra island."
    )
    assert _near(_place_of(text), 12.65, 54.02, km=25.0)
