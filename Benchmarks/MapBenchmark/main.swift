// charter-map-bench: the public map's query latencies on a database the service built
// (Benchmarks/public-map.sh stops the service first), straight through the store the service
// answers with: a city-zoom bounding box (p99 target 1 ms) and clusters for the whole of
// England at country zoom (p99 target 5 ms). Prints `RESULT name value unit` lines.
//
//   charter-map-bench --data-dir DIR [--calls N]
import CharterValues
import Foundation
import PublicMapService
import ServiceKit
import Storage

func argument(_ name: String) -> String? {
  let arguments = CommandLine.arguments
  guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
  return arguments[index + 1]
}

func result(_ name: String, _ value: Double, _ unit: String) {
  print("RESULT \(name) \((value * 1000).rounded() / 1000) \(unit)")
}

func percentiles(_ name: String, _ samples: [Duration]) {
  let sorted = samples.map { Double($0.components.attoseconds) / 1e15 + Double($0.components.seconds) * 1000 }.sorted()
  guard !sorted.isEmpty else { return }
  result("\(name)_p50", sorted[sorted.count / 2], "ms")
  result("\(name)_p99", sorted[min(sorted.count - 1, sorted.count * 99 / 100)], "ms")
}

guard let directory = argument("--data-dir") else {
  FileHandle.standardError.write(Data("usage: charter-map-bench --data-dir DIR [--calls N]\n".utf8))
  exit(2)
}
let calls = Int(argument("--calls") ?? "") ?? 2000
do {
  let store = try await PublicMapStore.open(inDirectory: directory)
  let total = try await store.counts(MapFilter()).total.count
  result("schools_on_map", Double(total), "schools")
  // City zoom (about zoom 13 on a laptop screen): 0.16° of longitude by 0.08° of latitude,
  // centred on schools across the country.
  let sample = try await store.searchPins(MapFilter(), text: "", page: PageRequest(size: 1000)).pins
  var boxes: [MapBox] = []
  for (index, pin) in sample.enumerated() where index % 3 == 0 {
    boxes.append(
      try MapBox(
        south: pin.latitude - 0.04, west: pin.longitude - 0.08, north: pin.latitude + 0.04, east: pin.longitude + 0.08))
  }
  var found = 0
  var latencies: [Duration] = []
  for call in 0..<calls {
    let box = boxes[call % boxes.count]
    let start = ContinuousClock.now
    let page = try await store.searchPins(MapFilter(box: box), text: "", page: PageRequest(size: 100))
    latencies.append(start.duration(to: .now))
    found += page.total
  }
  result("city_box_schools_mean", Double(found) / Double(calls), "schools")
  percentiles("city_box", latencies)
  latencies = []
  var markers = 0
  for _ in 0..<(calls / 4) {
    let start = ContinuousClock.now
    markers = try await store.markers(MapFilter(box: .england), zoom: 6).count
    latencies.append(start.duration(to: .now))
  }
  result("england_markers", Double(markers), "markers")
  percentiles("england_clusters", latencies)
  latencies = []
  for call in 0..<(calls / 4) {
    let box = boxes[call % boxes.count]
    let start = ContinuousClock.now
    _ = try await store.markers(MapFilter(box: box), zoom: 13)
    latencies.append(start.duration(to: .now))
  }
  percentiles("city_clusters", latencies)
  latencies = []
  for call in 0..<(calls / 4) {
    let start = ContinuousClock.now
    _ = try await store.searchPins(MapFilter(), text: "school \(call % 90 + 10)", page: PageRequest(size: 10))
    latencies.append(start.duration(to: .now))
  }
  percentiles("text_search", latencies)
  await store.close()
} catch {
  FileHandle.standardError.write(Data("charter-map-bench: \(error)\n".utf8))
  exit(1)
}
