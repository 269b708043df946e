import SelfReviewService
import Testing

@Suite("Choosing the current framework version")
struct FrameworkCatalogTests {
  static func file(
    id: String,
    status: String,
    publishTime: String?,
    validFrom: String
  ) -> FrameworkDataFile {
    var document = TestFramework.document(id: id)
    document["status"] = .string(status)
    document["valid_from"] = .string(validFrom)
    if let publishTime {
      document["publish_time"] = .string(publishTime)
    } else {
      document.remove("publish_time")
    }
    return FrameworkDataFile(name: "\(id).json", json: document.serialised())
  }

  @Test("the current version is the newest published one; drafts and retired versions are not")
  func current() throws {
    let catalog = try FrameworkCatalog.load(
      versions: [
        Self.file(
          id: "v1", status: "retired", publishTime: "2018-01-01T00:00:00Z", validFrom: "2018-01-01"),
        Self.file(
          id: "v2", status: "published", publishTime: "2020-01-01T00:00:00Z",
          validFrom: "2020-01-01"),
        Self.file(
          id: "v3", status: "published", publishTime: "2021-06-01T00:00:00Z",
          validFrom: "2021-09-01"),
        Self.file(id: "v4", status: "draft", publishTime: nil, validFrom: "2024-09-01"),
      ],
      mappings: [])
    #expect(catalog.currentVersion?.id == "v3")
    #expect(catalog.versions.map(\.id) == ["v4", "v3", "v2", "v1"])
    #expect(catalog.version(id: "v4")?.status == .draft)
  }

  @Test("a catalog with only drafts has no current version")
  func onlyDrafts() throws {
    let catalog = try FrameworkCatalog.load(
      versions: [Self.file(id: "v9", status: "draft", publishTime: nil, validFrom: "2030-01-01")],
      mappings: [])
    #expect(catalog.currentVersion == nil)
  }

  @Test("a catalog refuses two mappings between the same versions")
  func duplicateMapping() {
    let mapping: TestJSON = [
      "from_framework_id": "v1", "to_framework_id": "v2", "aspect_source": "inferred",
      "level_conversion_source": "proposed",
      "level_conversions": ["1": 1, "2": 2, "3": 3, "4": 4, "5": 5],
      "aspect_mappings": .array(
        ["e1a", "e1b", "e2a", "e3a", "e4a"].map { ["from": .string($0), "to": [.string($0)]] }),
    ]
    let error = #expect(throws: FrameworkDataError.self) {
      try FrameworkCatalog.load(
        versions: [
          Self.file(
            id: "v1", status: "retired", publishTime: "2018-01-01T00:00:00Z",
            validFrom: "2018-01-01"),
          Self.file(
            id: "v2", status: "published", publishTime: "2020-01-01T00:00:00Z",
            validFrom: "2020-01-01"),
        ],
        mappings: [
          FrameworkDataFile(name: "a.json", json: mapping.serialised()),
          FrameworkDataFile(name: "b.json", json: mapping.serialised()),
        ])
    }
    #expect(
      error == FrameworkDataError(file: "b.json", problem: .duplicateMapping(from: "v1", to: "v2")))
  }
}
