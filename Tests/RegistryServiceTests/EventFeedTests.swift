import Contracts
import Foundation
import Identity
import RPCCore
import Synchronization
import Testing

@Suite("Registry: the event feed")
struct EventFeedTests {
  static func collect(_ client: Registry.Client, after: Int64 = 0) async throws -> [Registry.RegistryEvent] {
    try await client.streamEvents(.init(afterSequence: after, stopAtHead: true)) { stream in
      var all: [Registry.RegistryEvent] = []
      for try await event in stream { all.append(event) }
      return all
    }
  }

  @Test("every change appends events in order with gap-free sequences, the actor and the time")
  func catchUp() async throws {
    let registry = try await RegistryHarness.start()
    defer { Task { await registry.stop() } }
    let admin = try await registry.admin()
    _ = try await admin.registerSchool(RegistryHarness.schoolRequest(urn: "310001", commit: true, listed: true))
    _ = try await admin.updateSchoolDetails(.init(urn: "310001", name: "Renamed", updatePaths: ["name"]))
    _ = try await admin.withdrawSchool(.init(urn: "310001", reason: "merged"))
    let events = try await Self.collect(admin)
    // The bootstrap admin joined first, then the school's story.
    let kinds = events.map { e -> String in
      switch e.payload {
      case .personJoined?: "joined"
      case .schoolRegistered?: "registered"
      case .schoolCommitted?: "committed"
      case .publicListingChanged(let c)?: c.school?.publicListing?.publiclyListed == true ? "listed" : "unlisted"
      case .schoolDetailsChanged?: "details"
      case .schoolWithdrawn?: "withdrawn"
      default: "other"
      }
    }
    #expect(kinds == ["joined", "registered", "committed", "listed", "details", "withdrawn", "unlisted"])
    #expect(events.map(\.sequence) == Array(1...Int64(events.count)))
    #expect(events.dropFirst().allSatisfy { $0.actor?.displayName == "Programme admin" && $0.occurredAt != nil })
    // After a sequence, only what follows.
    #expect(try await Self.collect(admin, after: 4).map(\.sequence) == [5, 6, 7])
  }

  @Test("a change that fails adds no event")
  func failedChangeAddsNothing() async throws {
    let registry = try await RegistryHarness.start()
    defer { Task { await registry.stop() } }
    let admin = try await registry.admin()
    _ = try await admin.registerSchool(RegistryHarness.schoolRequest(urn: "320001"))
    let before = try await Self.collect(admin).count
    _ = await code { try await admin.registerSchool(RegistryHarness.schoolRequest(urn: "320001")) }
    _ = await code { try await admin.setPublicListing(.init(urn: "320001", publiclyListed: true)) }
    #expect(try await Self.collect(admin).count == before)
  }

  @Test("a follower receives live events as they commit")
  func live() async throws {
    let registry = try await RegistryHarness.start()
    defer { Task { await registry.stop() } }
    let admin = try await registry.admin()
    let received = Mutex<[String]>([])
    let follower = Task {
      try await admin.streamEvents(.init(afterSequence: 1, stopAtHead: false)) { stream in
        for try await event in stream {
          if case .schoolRegistered(let r)? = event.payload { received.withLock { $0.append(r.school?.urn ?? "") } }
          if received.withLock({ $0.count }) == 3 { return }
        }
      }
    }
    try await Task.sleep(for: .milliseconds(100))
    for urn in ["330001", "330002", "330003"] {
      _ = try await admin.registerSchool(RegistryHarness.schoolRequest(urn: urn))
    }
    let end = ContinuousClock.now.advanced(by: .seconds(5))
    while received.withLock({ $0.count }) < 3, ContinuousClock.now < end {
      try await Task.sleep(for: .milliseconds(10))
    }
    #expect(received.withLock { $0 } == ["330001", "330002", "330003"])
    follower.cancel()
    _ = await follower.result
  }

  @Test("a negative start is INVALID_ARGUMENT")
  func negativeStart() async throws {
    let registry = try await RegistryHarness.start()
    defer { Task { await registry.stop() } }
    let admin = try await registry.admin()
    #expect(await code { try await Self.collect(admin, after: -1) } == .invalidArgument)
  }
}

@Suite("Registry: data survives a restart")
struct PersistenceTests {
  @Test("schools, people, tokens and the feed are all there after a restart")
  func restart() async throws {
    let first = try await RegistryHarness.start()
    let admin = try await first.admin()
    let token = try await first.signIn(RegistryHarness.adminEmail, RegistryHarness.adminPassword)
    _ = try await admin.registerSchool(RegistryHarness.schoolRequest(urn: "340001", commit: true))
    let (_, personID, _) = try await first.person("p@340001.example", [.schoolAdmin("340001")])
    let eventsBefore = try await EventFeedTests.collect(admin)
    await first.stop()

    let second = try await RegistryHarness.start(directory: first.directory)
    defer { Task { await second.stop() } }
    // A token issued before the restart is still valid: same key.
    let sameAdmin = second.client(token: token)
    #expect(try await sameAdmin.getSchool(.init(urn: "340001")).commitment?.committed == true)
    #expect(try await sameAdmin.getPerson(.init(personId: personID)).email == "p@340001.example")
    _ = try await second.signIn("p@340001.example", "password-for-p@340001.example")
    #expect(try await EventFeedTests.collect(sameAdmin) == eventsBefore)
    // New events continue the sequence.
    _ = try await sameAdmin.registerSchool(RegistryHarness.schoolRequest(urn: "340002"))
    let after = try await EventFeedTests.collect(sameAdmin)
    #expect(after.map(\.sequence) == Array(1...Int64(after.count)))
  }
}
