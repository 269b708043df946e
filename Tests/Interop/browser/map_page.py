"""The map page in a real headless Chromium (Debian's chromium and chromium-driver, driven by
Selenium from PyPI), against a real gateway in front of the real services. Prints `PASS <case>`
or `FAIL <case>: why` per case and `FIGURE name=value` for timings; saves screenshots.
Exits 0 only when every case passes.

Usage: map_page.py --gateway URL --registry-port N --admin-email E --admin-password P
                   --screenshots DIR --popup-urn URN --level4-urn URN --city LAT,LON
"""
import argparse
import json
import os
import sys
import tempfile
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))


def registry_stub(port, email, password):
    """A grpcio registry client signed in as the programme admin, from the protos."""
    import grpc
    from grpc_tools import protoc
    import grpc_tools

    out = tempfile.mkdtemp(prefix="charter-browser-py-")
    well_known = os.path.join(os.path.dirname(grpc_tools.__file__), "_proto")
    args = ["protoc", f"-I{os.path.join(REPO, 'proto')}", f"-I{well_known}", f"--python_out={out}", f"--grpc_python_out={out}"]
    if protoc.main(args + ["charter/common/v1/common.proto", "charter/registry/v1/registry.proto"]) != 0:
        raise SystemExit("protoc failed")
    sys.path.insert(0, out)
    from charter.common.v1 import common_pb2
    from charter.registry.v1 import registry_pb2, registry_pb2_grpc

    stub = registry_pb2_grpc.RegistryStub(grpc.insecure_channel(f"127.0.0.1:{port}"))
    token = stub.SignIn(registry_pb2.SignInRequest(email=email, password=password), timeout=10).token
    return stub, [("authorization", f"Bearer {token}")], common_pb2, registry_pb2


def main():
    parser = argparse.ArgumentParser()
    # --only-first-load: open the page once, print its timings and stop (the benchmark's use;
    # it needs only --gateway and --screenshots).
    parser.add_argument("--only-first-load", action="store_true")
    # The first clusters must be drawn within this budget. The benchmark holds the page to the
    # target (1,500 ms on an idle machine); the test run, sharing two cores with every other
    # suite, to a loose bound that still catches a page that never settles.
    parser.add_argument("--load-budget-ms", type=int, default=1500)
    for name in ("--gateway", "--screenshots"):
        parser.add_argument(name, required=True)
    for name in ("--admin-email", "--admin-password", "--popup-urn", "--level4-urn", "--city"):
        parser.add_argument(name)
    parser.add_argument("--registry-port", type=int)
    o = parser.parse_args()
    if not o.only_first_load:
        for name in ("admin_email", "admin_password", "popup_urn", "level4_urn", "city", "registry_port"):
            if getattr(o, name) is None:
                parser.error(f"--{name.replace('_', '-')} is required")
    os.makedirs(o.screenshots, exist_ok=True)
    failures = []

    def case(name, body):
        try:
            body()
            print(f"PASS {name}", flush=True)
        except Exception as error:
            failures.append(name)
            print(f"FAIL {name}: {error!r}", flush=True)

    def expect(condition, message):
        if not condition:
            raise AssertionError(message)

    def api(path):
        with urllib.request.urlopen(o.gateway + path, timeout=10) as response:
            return json.load(response)

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900", "--disable-gpu"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_script_timeout(20)

    def wait(condition, what, timeout=15):
        end = time.time() + timeout
        while time.time() < end:
            value = driver.execute_script(condition)
            if value:
                return value
            time.sleep(0.05)
        raise AssertionError(f"timed out waiting for {what}")

    def loads():
        return int(driver.execute_script("return Number(document.body.getAttribute('data-loads') || 0)"))

    def settle(before, what):
        wait(f"return Number(document.body.getAttribute('data-loads') || 0) > {before}", what)
        time.sleep(0.3)  # the statistics request that runs beside it

    def state(expression):
        return driver.execute_script("return " + expression)

    def shot(name):
        path = os.path.join(o.screenshots, name)
        driver.save_screenshot(path)
        print(f"SCREENSHOT {path}", flush=True)

    try:
        def first_load():
            driver.get(o.gateway + "/")
            wait("return document.body.getAttribute('data-loads') === '1' || Number(document.body.getAttribute('data-loads')) > 1", "the first clusters")
            timing = driver.execute_script(
                "var n = performance.getEntriesByType('navigation')[0];"
                "var m = performance.getEntriesByName('first-clusters')[0];"
                "return [n.domContentLoadedEventEnd, m ? m.startTime : -1];")
            print(f"FIGURE dom_content_loaded_ms={timing[0]:.0f}", flush=True)
            print(f"FIGURE first_clusters_ms={timing[1]:.0f}", flush=True)
            expect(0 < timing[1] <= o.load_budget_ms, f"first clusters at {timing[1]:.0f} ms (budget {o.load_budget_ms})")
        case("page_loads", first_load)
        time.sleep(0.5)
        shot("map-country.png")
        if o.only_first_load:
            sys.exit(1 if failures else 0)  # the driver quits on the way out

        def no_console_errors():
            errors = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
            expect(not errors, f"console errors: {errors}")
        case("no_console_errors", no_console_errors)

        def clusters_add_up():
            bbox = state("(function(b){return [b.getWest(),b.getSouth(),b.getEast(),b.getNorth()].map(function(v){return v.toFixed(5)}).join(',')})(charterMap.map.getBounds())")
            drawn = state("charterMap.state.clusters.reduce(function(s,c){return s+c.count},0) + charterMap.state.schools.length")
            in_view = api("/api/v1/statistics?bbox=" + bbox)["total"]
            national = api("/api/v1/statistics")["total"]
            print(f"FIGURE clusters_drawn_total={drawn}", flush=True)
            expect(drawn == in_view == national, f"clusters {drawn}, statistics in view {in_view}, national {national}")
            expect(state("charterMap.state.clusters.length") > 0, "no clusters at country zoom")
            shown = driver.find_element(By.ID, "stats-total").text
            expect(shown.startswith(str(national)), f"statistics panel says {shown!r}")
        case("clusters_add_up_to_statistics_total", clusters_add_up)

        def city_pins():
            lat, lon = (float(v) for v in o.city.split(","))
            before = loads()
            driver.execute_script(f"charterMap.map.setView([{lat}, {lon}], 15)")
            settle(before, "the city view")
            expect(state("charterMap.state.clusters.length") == 0, "clusters at city zoom")
            expect(state("charterMap.state.schools.length") > 0, "no pins at city zoom")
            expect(len(driver.find_elements(By.CSS_SELECTOR, ".pin")) > 0, "no pin drawn")
        case("city_zoom_shows_single_pins", city_pins)
        shot("map-city.png")

        def popup():
            school = api(f"/api/v1/schools/{o.popup_urn}")
            before = loads()
            driver.execute_script(f"charterMap.map.setView([{school['location']['lat']}, {school['location']['lon']}], 17)")
            settle(before, "the school's street")
            marker = driver.find_element(By.CSS_SELECTOR, f"div.leaflet-marker-icon[title^=\"{school['name']}\"]")
            marker.click()
            content = wait("var p = document.querySelector('.leaflet-popup-content'); return p && p.innerText", "the popup")
            expect(school["name"] in content, f"popup shows {content!r}")
            expect(f"Level {school['level']}" in content, f"popup level: {content!r}")
            expect(school["local_authority"]["name"] in content, "popup authority")
        case("popup_shows_the_right_school_and_level", popup)
        time.sleep(0.5)  # the popup fades in
        shot("map-popup.png")

        def level_filter():
            level4 = api(f"/api/v1/schools/{o.level4_urn}")
            expect(level4["level"] == 4, f"{o.level4_urn} is at level {level4['level']}")
            expect(any("ICT Excellence Award" in b["title"] for b in level4["badges"]), "no badge")
            before = loads()
            driver.execute_script(f"charterMap.map.setView([{level4['location']['lat']}, {level4['location']['lon']}], 13)")
            settle(before, "the level 4 school's area")
            levels_before = set(state(
                "charterMap.state.schools.map(function(s){return s.level}).concat("
                "[].concat.apply([], charterMap.state.clusters.map(function(c){"
                "return Object.keys(c.by_level).filter(function(k){return c.by_level[k] > 0}).map(Number)})))"))
            expect(4 in levels_before and 1 in levels_before, f"levels in view before filtering: {levels_before}")
            before = loads()
            for value in ("1", "2", "3"):
                driver.find_element(By.CSS_SELECTOR, f"input[name=level][value='{value}']").click()
            settle(before, "the filtered view")
            time.sleep(0.5)
            levels_after = set(state("charterMap.state.schools.map(function(s){return s.level})"))
            clusters = state("charterMap.state.clusters")
            expect(levels_after == {4}, f"levels after filtering to 4: {levels_after}")
            expect(all(set(k for k, v in c["by_level"].items() if v) <= {"4"} for c in clusters), "clusters of other levels")
            shot("map-level4-only.png")
            before = loads()
            for value in ("1", "2", "3"):
                driver.find_element(By.CSS_SELECTOR, f"input[name=level][value='{value}']").click()
            settle(before, "the unfiltered view")
        case("level_filter_hides_other_levels", level_filter)

        def search():
            before_center = state("charterMap.map.getCenter()")
            box = driver.find_element(By.ID, "q")
            box.clear()
            box.send_keys("st marys")
            before = loads()
            driver.find_element(By.CSS_SELECTOR, "#search button").click()
            settle(before, "the search result's view")
            target = api("/api/v1/schools?q=st%20marys&limit=1")["schools"][0]
            center = state("charterMap.map.getCenter()")
            expect(abs(center["lat"] - target["location"]["lat"]) < 0.01 and abs(center["lng"] - target["location"]["lon"]) < 0.01,
                   f"map at {center}, school at {target['location']} (was {before_center})")
            results = driver.find_element(By.ID, "results").text
            expect("St Mary's" in results, f"results list: {results!r}")
        case("search_moves_the_map", search)
        shot("map-search.png")

        def authority_statistics():
            from selenium.webdriver.support.ui import Select
            york = next(a for a in api("/api/v1/statistics")["by_local_authority"] if a["name"] == "York")
            select = Select(driver.find_element(By.ID, "authority"))
            before = loads()
            select.select_by_value(york["code"])
            settle(before, "the authority's view")
            heading = driver.find_element(By.ID, "stats-heading").text
            total = driver.find_element(By.ID, "stats-total").text
            expect(heading.startswith("York") and total.startswith(f"{york['count']} schools"), f"{heading!r}: {total!r}")
            before = loads()
            select.select_by_value("")
            settle(before, "the view again")
        case("statistics_for_a_chosen_authority", authority_statistics)

        def live_update():
            stub, auth, common, registry = registry_stub(o.registry_port, o.admin_email, o.admin_password)
            lat, lon = (float(v) for v in o.city.split(","))
            before = loads()
            driver.execute_script(f"charterMap.map.setView([{lat + 0.004}, {lon + 0.004}], 16)")
            settle(before, "the live school's street")
            before = loads()
            stub.RegisterSchool(registry.RegisterSchoolRequest(
                urn="990777", name="Live Arrival Primary", phase=common.SCHOOL_PHASE_PRIMARY,
                address=common.PostalAddress(lines=["1 New Road"], town="Leeds", postcode="LS2 9JT"),
                local_authority=common.LocalAuthority(code="383", name="Leeds"), number_on_roll=210,
                location=common.GeoPoint(latitude=lat + 0.004, longitude=lon + 0.004),
                commit_to_charter=True, publicly_listed=True), metadata=auth, timeout=10)
            try:
                wait("return charterMap.state.schools.some(function(s){return s.urn === '990777'})", "the new school's pin", timeout=20)
            except AssertionError:
                bbox = state("(function(b){return [b.getWest(),b.getSouth(),b.getEast(),b.getNorth()].map(function(v){return v.toFixed(5)}).join(',')})(charterMap.map.getBounds())")
                zoom = state("charterMap.map.getZoom()")
                print("DEBUG loads", loads(), "before", before, "zoom", zoom, "bbox", bbox, flush=True)
                print("DEBUG api", json.dumps(api(f"/api/v1/clusters?bbox={bbox}&zoom={zoom}"))[:1500], flush=True)
                print("DEBUG page", json.dumps(state("charterMap.state.schools.map(function(s){return s.urn})")), flush=True)
                raise
            news = driver.find_element(By.ID, "news").text
            expect("Live Arrival Primary" in news, f"news line: {news!r}")
            expect(loads() > before, "no reload of the clusters")
            expect(driver.execute_script("return performance.getEntriesByType('navigation').length") == 1, "the page reloaded")
        case("school_committing_publicly_appears_without_reload", live_update)
        shot("map-live.png")

        def phone_width():
            driver.set_window_size(390, 844)
            time.sleep(0.5)
            width = state("document.getElementById('map').getBoundingClientRect().width")
            expect(width <= 390, f"map {width}px wide on a phone")
            driver.find_element(By.ID, "q").send_keys("")  # the search box is reachable
            shot("map-phone.png")
            driver.set_window_size(1280, 900)
        case("usable_at_phone_width", phone_width)

        def keyboard():
            driver.find_element(By.ID, "q").click()
            focusable = state("document.querySelectorAll('.leaflet-marker-icon[tabindex]').length")
            expect(focusable > 0, "markers are not focusable: " + state("Array.prototype.slice.call(document.querySelectorAll('.leaflet-marker-icon'), 0, 3).map(function(e){return e.outerHTML}).join(' | ')"))
        case("markers_reachable_by_keyboard", keyboard)
        case("no_console_errors_at_the_end", no_console_errors)
    finally:
        driver.quit()
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
