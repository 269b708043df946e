import ServiceKit
import Testing

@Suite("Trace context: the W3C traceparent header")
struct TraceContextTests {
  @Test("a valid traceparent round-trips; a child keeps the trace and gets a new span")
  func roundTrip() throws {
    let text = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
    let trace = try #require(TraceContext(traceparent: text))
    #expect(trace.traceID == "4bf92f3577b34da6a3ce929d0e0e4736")
    #expect(trace.spanID == "00f067aa0ba902b7")
    #expect(trace.traceparent == text)
    let child = trace.child()
    #expect(child.traceID == trace.traceID)
    #expect(child.spanID != trace.spanID)
    #expect(TraceContext(traceparent: child.traceparent) == child)
  }

  @Test(
    "malformed values are ignored (a new trace starts instead)",
    arguments: [
      "", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",
      "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
      "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
      "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
      "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-x",
      "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01",
    ])
  func malformed(text: String) {
    #expect(TraceContext(traceparent: text) == nil)
  }

  @Test("a started trace is valid and sampled")
  func start() throws {
    let trace = TraceContext.start()
    #expect(TraceContext(traceparent: trace.traceparent) == trace)
    #expect(trace.flags & 1 == 1)
  }
}
