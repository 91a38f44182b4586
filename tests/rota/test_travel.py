"""Travel times: the embedded table offline, an OSRM table server when set."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from rota.travel import EmbeddedTravel, coordinates, travel_provider


def test_coordinates_come_from_the_most_precise_entry_known():
    assert coordinates("NF1 2AB") == coordinates("NF1 2") != coordinates("NF1")
    assert coordinates("NF9 9ZZ") is not None  # the NF area's centre
    assert coordinates("ZZ1 1ZZ") is None


def test_embedded_times_grow_with_distance_and_slow_down_with_speed():
    fast = EmbeddedTravel(speed_kmh=60, road_factor=1.3, unknown_minutes=20)
    slow = EmbeddedTravel(speed_kmh=20, road_factor=1.3, unknown_minutes=20)
    places = ["NF1 2AB", "NF2 1AA", "SB3 1AA"]
    near, far = fast.minutes(places)[0][1], fast.minutes(places)[0][2]
    assert fast.minutes(places)[0][0] == 0
    assert 0 < near < far
    assert slow.minutes(places)[0][2] > far


def test_an_unknown_postcode_costs_the_default_and_is_listed():
    travel = EmbeddedTravel(speed_kmh=30, road_factor=1.3, unknown_minutes=25)
    assert travel.minutes(["NF1 2AB", "ZZ1 1ZZ"])[0][1] == 25
    assert travel.unknown == {"ZZ1 1ZZ"}


class _Osrm(BaseHTTPRequestHandler):
    seen: list[str] = []

    def do_GET(self):  # noqa: N802 - http.server's name
        _Osrm.seen.append(self.path)
        points = self.path.split("/table/v1/driving/")[1].split("?")[0].split(";")
        body = {
            "code": "Ok",
            "durations": [[0 if i == j else 600 for j in points] for i in points],
        }
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def osrm_server():
    server = HTTPServer(("127.0.0.1", 0), _Osrm)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_with_an_osrm_url_the_times_come_from_its_table_service(settings, osrm_server):
    settings.HUB_ROTA_OSRM_URL = osrm_server
    times = travel_provider().minutes(["NF1 2AB", "SB3 1AA"])
    assert times == [[0, 10], [10, 0]]
    assert _Osrm.seen[-1].startswith("/table/v1/driving/")
    assert "annotations=duration" in _Osrm.seen[-1]


def test_when_osrm_cannot_be_reached_the_embedded_estimate_is_used(settings):
    settings.HUB_ROTA_OSRM_URL = "http://127.0.0.1:9"  # nothing listens
    settings.HUB_ROTA_OSRM_TIMEOUT = 0.5
    places = ["NF1 2AB", "SB3 1AA"]
    embedded = EmbeddedTravel(speed_kmh=30, road_factor=1.3, unknown_minutes=20)
    assert travel_provider().minutes(places) == embedded.minutes(places)
