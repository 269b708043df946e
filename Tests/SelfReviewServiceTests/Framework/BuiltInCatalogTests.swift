import SelfReviewService
import Testing

@Suite("The built-in framework catalog")
struct BuiltInCatalogTests {
  let catalog: FrameworkCatalog

  init() throws {
    catalog = try FrameworkCatalog.builtIn()
  }

  @Test("loads the eight-element and the six-element framework, newest first")
  func versions() throws {
    #expect(catalog.versions.map(\.id) == ["srf-2010", "srf-2008"])
    let old = try #require(catalog.version(id: "srf-2008"))
    let new = try #require(catalog.version(id: "srf-2010"))
    #expect(old.elements.map(\.id) == ["E1", "E2", "E3", "E4", "E5", "E6", "E7", "E8"])
    #expect(new.elements.map(\.id) == ["E1", "E2", "E3", "E4", "E5", "E6"])
    #expect(
      old.elements.map(\.title) == [
        "Leadership and management", "Curriculum", "Learning and teaching", "Assessment",
        "Professional development", "Extending opportunities for learning", "Resources",
        "Impact on pupil outcomes",
      ])
  }

  @Test("the current version is the newest published one, srf-2010")
  func currentVersion() {
    #expect(catalog.currentVersion?.id == "srf-2010")
  }

  @Test("the eight-element framework has four leadership strands and about forty aspects")
  func eightElementShape() throws {
    let old = try #require(catalog.version(id: "srf-2008"))
    #expect(old.element(id: "E1")?.strands.count == 4)
    for element in old.elements { #expect((2...4).contains(element.strands.count)) }
    #expect((36...44).contains(old.aspectCount))
    #expect(old.scale.count == 5 && old.scale.best == 1)
    #expect(old.defaultThreshold == 3 && old.thresholdSource == .proposed)
  }

  @Test("the six-element revision has thirteen strands, four levels and every threshold at 2")
  func sixElementShape() throws {
    let new = try #require(catalog.version(id: "srf-2010"))
    #expect(new.elements.flatMap(\.strands).count == 13)
    #expect(new.scale.count == 4 && new.scale.best == 1)
    #expect(new.aspects.allSatisfy { $0.thresholdLevel == 2 && $0.sources.threshold == .verified })
    #expect(new.aspect(id: "1a-1")?.title == "The vision")
    #expect(new.aspect(id: "1a-1")?.source == .verified)
    #expect(new.aspect(id: "1a-2")?.source == .synthesised)
  }

  @Test(
    "every aspect has a descriptor for every level and a threshold on the scale",
    arguments: ["srf-2008", "srf-2010"])
  func completeDescriptors(frameworkId: String) throws {
    let version = try #require(catalog.version(id: frameworkId))
    for aspect in version.aspects {
      #expect(aspect.descriptors.map(\.level) == Array(version.scale.levels), "\(aspect.id)")
      #expect(aspect.descriptors.allSatisfy { !$0.text.isEmpty })
      #expect(version.scale.contains(aspect.thresholdLevel), "\(aspect.id)")
    }
    #expect(version.scale.genericDescriptors.map(\.level) == Array(version.scale.levels))
  }

  @Test(
    "both frameworks are published, with the Charter level 2 rule E1 plus two others",
    arguments: ["srf-2008", "srf-2010"])
  func publishedWithLevel2Rule(frameworkId: String) throws {
    let version = try #require(catalog.version(id: frameworkId))
    #expect(version.status == .published)
    #expect(version.publishTime != nil)
    #expect(version.level2Rule?.requiredElementId == "E1")
    #expect(version.level2Rule?.additionalElementsMin == 2)
  }

  @Test("vision and e-safety aspects of the eight-element framework have a threshold of 2")
  func thresholdOverrides() throws {
    let old = try #require(catalog.version(id: "srf-2008"))
    let atTwo = old.aspects.filter { $0.thresholdLevel == 2 }.map(\.id)
    #expect(atTwo == ["1a1", "1c1", "5b2"])
    #expect(old.aspects.allSatisfy { $0.thresholdLevel == 2 || $0.thresholdLevel == 3 })
  }

  @Test("looks up aspects by framework, and answers nil for unknown ones")
  func lookups() {
    #expect(catalog.aspect(id: "1a1", in: "srf-2008")?.title == "A shared vision for ICT")
    #expect(catalog.aspect(id: "1a1", in: "srf-2010") == nil)
    #expect(catalog.aspect(id: "1a-1", in: "srf-1999") == nil)
    #expect(catalog.version(id: "srf-1999") == nil)
    #expect(catalog.mapping(from: "srf-2008", to: "srf-2010") != nil)
    #expect(catalog.mapping(from: "srf-2010", to: "srf-2008") == nil)
  }

  @Test("the built-in fingerprints are stable from one load to the next")
  func fingerprintsRepeat() throws {
    let again = try FrameworkCatalog.builtIn()
    #expect(catalog.versions.map(\.fingerprint) == again.versions.map(\.fingerprint))
    #expect(catalog.versions[0].fingerprint != catalog.versions[1].fingerprint)
  }
}
