"""How far apart two Swedish municipalities are, for the travel limit in matching.

Data: the approximate position (WGS 84, degrees) of each municipality's seat (centralort), rounded to about
a kilometre. Compiled for Insteg from public map data (OpenStreetMap and the seats' Wikipedia articles); not
surveyed. Distances are straight lines between the seats ("as the crow flies"), so a real journey is longer;
within one municipality the distance counts as 0 km, however large the municipality. Covers every
municipality in Jämtlands län, its neighbours and the larger cities; add rows here when a municipality is
missing (a pair with an unknown municipality is only feasible when both are the same municipality).
"""

import math
import unicodedata

# name: (latitude, longitude, seat)
SEATS: dict[str, tuple[float, float, str]] = {
    # Jämtlands län
    "Berg": (62.767, 14.433, "Svenstavik"),
    "Bräcke": (62.750, 15.417, "Bräcke"),
    "Härjedalen": (62.034, 14.358, "Sveg"),
    "Krokom": (63.327, 14.456, "Krokom"),
    "Ragunda": (63.104, 16.346, "Hammarstrand"),
    "Strömsund": (63.853, 15.555, "Strömsund"),
    "Åre": (63.348, 13.478, "Järpen"),
    "Östersund": (63.179, 14.636, "Östersund"),
    # Neighbours in Västernorrland, Gävleborg, Dalarna and Västerbotten
    "Sundsvall": (62.391, 17.307, "Sundsvall"),
    "Timrå": (62.487, 17.326, "Timrå"),
    "Härnösand": (62.632, 17.938, "Härnösand"),
    "Kramfors": (62.931, 17.777, "Kramfors"),
    "Sollefteå": (63.166, 17.266, "Sollefteå"),
    "Örnsköldsvik": (63.290, 18.716, "Örnsköldsvik"),
    "Ånge": (62.524, 15.659, "Ånge"),
    "Ljusdal": (61.829, 16.086, "Ljusdal"),
    "Hudiksvall": (61.729, 17.104, "Hudiksvall"),
    "Älvdalen": (61.227, 14.040, "Älvdalen"),
    "Mora": (61.005, 14.537, "Mora"),
    "Dorotea": (64.262, 16.411, "Dorotea"),
    "Vilhelmina": (64.624, 16.655, "Vilhelmina"),
    # Larger cities
    "Stockholm": (59.329, 18.069, "Stockholm"),
    "Göteborg": (57.709, 11.975, "Göteborg"),
    "Malmö": (55.605, 13.004, "Malmö"),
    "Uppsala": (59.858, 17.639, "Uppsala"),
    "Linköping": (58.411, 15.622, "Linköping"),
    "Örebro": (59.275, 15.213, "Örebro"),
    "Västerås": (59.611, 16.545, "Västerås"),
    "Helsingborg": (56.047, 12.694, "Helsingborg"),
    "Norrköping": (58.588, 16.192, "Norrköping"),
    "Jönköping": (57.783, 14.162, "Jönköping"),
    "Lund": (55.705, 13.191, "Lund"),
    "Umeå": (63.826, 20.263, "Umeå"),
    "Gävle": (60.675, 17.141, "Gävle"),
    "Borås": (57.721, 12.940, "Borås"),
    "Eskilstuna": (59.371, 16.510, "Eskilstuna"),
    "Södertälje": (59.196, 17.626, "Södertälje"),
    "Karlstad": (59.380, 13.504, "Karlstad"),
    "Växjö": (56.879, 14.806, "Växjö"),
    "Halmstad": (56.674, 12.858, "Halmstad"),
    "Sundbyberg": (59.361, 17.972, "Sundbyberg"),
    "Luleå": (65.584, 22.155, "Luleå"),
    "Skellefteå": (64.750, 20.950, "Skellefteå"),
    "Kristianstad": (56.029, 14.156, "Kristianstad"),
    "Kalmar": (56.663, 16.356, "Kalmar"),
    "Falun": (60.607, 15.636, "Falun"),
    "Trollhättan": (58.283, 12.289, "Trollhättan"),
    "Kiruna": (67.856, 20.225, "Kiruna"),
    "Gotland": (57.639, 18.294, "Visby"),
}
# Other spellings people type for the same municipality.
ALIASES = {"gothenburg": "Göteborg", "goteborg": "Göteborg", "malmo": "Malmö", "ostersund": "Östersund"}

EARTH_RADIUS_KM = 6371.0


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join((text or "").split())).casefold()


_BY_KEY = {_fold(name): name for name in SEATS}
_BY_KEY.update({_fold(seat): name for name, (_lat, _lon, seat) in SEATS.items()})
_BY_KEY.update(ALIASES)


def normalise(name: str) -> str:
    """The key a municipality is compared by: "Östersunds kommun", "östersund" and "Östersund" are one."""
    key = _fold(name)
    for suffix in (" kommun", " stad"):
        key = key.removesuffix(suffix)
    if key in _BY_KEY:
        return _fold(_BY_KEY[key])
    # The genitive s of "Krokoms kommun", "Bergs kommun" (but "Borås" keeps its s).
    if key.endswith("s") and key[:-1] in _BY_KEY:
        return _fold(_BY_KEY[key[:-1]])
    return key


def is_known(name: str) -> bool:
    return normalise(name) in _BY_KEY


def _haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def km_between(home: str, workplace: str) -> float | None:
    """Straight-line km between the two seats, rounded to 0.1; 0 within one municipality; None when unknown."""
    home_key, work_key = normalise(home), normalise(workplace)
    if home_key == work_key:
        return 0.0
    if home_key not in _BY_KEY or work_key not in _BY_KEY:
        return None
    home_seat, work_seat = SEATS[_BY_KEY[home_key]], SEATS[_BY_KEY[work_key]]
    return round(_haversine_km(home_seat[:2], work_seat[:2]), 1)
