import ArgumentParser
import CharterCommands
import Contracts
import Testing

/// The evaluation commands' own syntax: the words for the contract's enums, and what the
/// command line refuses before any call.
@Suite("Evaluation arguments")
struct EvaluationArgumentTests {
  @Test("Enum words are the hyphenated end of the proto name; the full proto name and _ are accepted")
  func words() {
    let routes = EvaluationSyntax.routes
    #expect(
      EvaluationSyntax.value("renewal-without-visit", in: routes, prefix: "application-route-") == .renewalWithoutVisit)
    #expect(
      EvaluationSyntax.value("APPLICATION_ROUTE_RENEWAL_WITH_VISIT", in: routes, prefix: "application-route-")
        == .renewalWithVisit)
    #expect(EvaluationSyntax.value("fast", in: routes, prefix: "application-route-") == nil)
    #expect(EvaluationSyntax.state(.preVisitReview) == "pre-visit-review")
    #expect(EvaluationSyntax.names(EvaluationSyntax.outcomes) == "met, not-met or referred")
    // Every state of the contract has a word (none falls back to its proto name).
    let named = Set(EvaluationSyntax.states.map(\.1))
    #expect(named.count == EvaluationSyntax.states.count)
    #expect(!named.contains { $0.hasPrefix("APPLICATION_STATE") })
  }

  @Test("Fees read as pounds plus VAT")
  func fees() {
    #expect(EvaluationText.fee(Common.Money(currencyCode: "GBP", amountMinor: 55_000)) == "£550 + VAT")
    #expect(EvaluationText.fee(Common.Money(currencyCode: "GBP", amountMinor: 27_505)) == "£275.05 + VAT")
    #expect(EvaluationText.fee(nil) == "price on application")
  }

  @Test("Bad values are usage errors (exit 2) that say what is wrong, before any call")
  func usageErrors() {
    func refusal(_ arguments: [String]) -> (status: Int32, message: String)? {
      do {
        _ = try CharterCommand.parseAsRoot(arguments)
        return nil
      } catch {
        return (CharterCommand.exitStatus(for: error), CharterCommand.message(for: error))
      }
    }
    let route = refusal(["evaluation", "apply", "107979", "--route", "fast"])
    #expect(route?.status == 2)
    #expect(
      route?.message.contains("expected standard, streamlined, renewal-with-visit or renewal-without-visit") == true)
    let both = refusal(["evaluation", "evidence-check", "app-1", "--pass", "--gap", "1a1: none"])
    #expect(both?.status == 2 && both?.message.contains("either --pass or at least one --gap") == true)
    #expect(refusal(["evaluation", "evidence-check", "app-1"])?.status == 2)
    #expect(refusal(["evaluation", "evidence-check", "app-1", "--pass"]) == nil)
    let day = refusal(["evaluation", "offer-dates", "app-1", "next tuesday"])
    #expect(day?.message.contains("expected a date") == true)
    let start = refusal(["evaluation", "schedule-visit", "app-1", "--start", "9am"])
    #expect(start?.message.contains("expected a date and time") == true)
    let portrait = refusal(["evaluation", "register-assessor", "--phase", "primary"])
    #expect(portrait?.status == 2 && portrait?.message.contains("--la-code or --region") == true)
    let outcome = refusal(["evaluation", "record-outcome", "app-1", "--outcome", "passed", "--context", "x"])
    #expect(outcome?.message.contains("expected met, not-met or referred") == true)
    #expect(refusal(["evaluation", "timeline", " "])?.status == 2)
    #expect(refusal(["evaluation", "list-applications", "--state", "moderation", "--state", "met"]) == nil)
  }
}
