import ArgumentParser
import CharterCommands
import Contracts
import Testing

/// The self-review commands' own syntax: evidence, action-item states and due dates, the
/// fields `plan update` sends, and what the command line refuses before any call.
@Suite("Self-review arguments")
struct SelfReviewArgumentTests {
  @Test("Evidence is title|location|note; only the title is required, a note may hold |")
  func evidence() throws {
    #expect(
      try EvidenceSyntax.parse(" Governors' minutes | Head's office, file 3 | March 2009 ")
        == SelfReview.EvidenceReference(
          title: "Governors' minutes",
          location: "Head's office, file 3",
          note: "March 2009"
        )
    )
    #expect(
      try EvidenceSyntax.parse("ICT plan") == SelfReview.EvidenceReference(title: "ICT plan")
    )
    #expect(
      try EvidenceSyntax.parse("Survey||pupils|staff")
        == SelfReview.EvidenceReference(title: "Survey", location: "", note: "pupils|staff")
    )
    #expect(throws: EvidenceSyntaxError.missingTitle(" |shared drive")) {
      try EvidenceSyntax.parse(" |shared drive")
    }
    let longTitle = String(repeating: "x", count: 201)
    #expect(throws: EvidenceSyntaxError.tooLong(part: "title", length: 201, limit: 200)) {
      try EvidenceSyntax.parse(longTitle)
    }
  }

  @Test("Evidence is shown as it is written, without empty trailing parts")
  func evidenceFormat() throws {
    #expect(
      EvidenceSyntax.format(SelfReview.EvidenceReference(title: "Plan", location: "Drive"))
        == "Plan | Drive"
    )
    #expect(
      EvidenceSyntax.format(SelfReview.EvidenceReference(title: "Plan", note: "draft"))
        == "Plan |  | draft"
    )
    let written = "Survey | Learning platform | autumn"
    #expect(EvidenceSyntax.format(try EvidenceSyntax.parse(written)) == written)
  }

  @Test("Action-item states read in any case, with _ or the proto names; others are refused")
  func states() {
    #expect(ActionItemStateSyntax.state(named: "in-progress") == .inProgress)
    #expect(ActionItemStateSyntax.state(named: "IN_PROGRESS") == .inProgress)
    #expect(ActionItemStateSyntax.state(named: "ACTION_ITEM_STATE_DONE") == .done)
    #expect(ActionItemStateSyntax.state(named: " Dropped ") == .dropped)
    #expect(ActionItemStateSyntax.state(named: "closed") == nil)
    #expect(ActionItemStateSyntax.state(named: "unspecified") == nil)
    #expect(ActionItemStateSyntax.name(of: .inProgress) == "in-progress")
    #expect(ActionItemStateSyntax.name(of: .unrecognized(9)) == "state-9")
    #expect(ActionItemStateSyntax.allNames == "open, in-progress, done or dropped")
  }

  @Test("Due dates are real calendar days, written YYYY-MM-DD or DD/MM/YYYY")
  func dueDates() {
    #expect(DueDateSyntax.date("2010-03-31") == Common.Date(year: 2010, month: 3, day: 31))
    #expect(DueDateSyntax.date("1/9/2009") == Common.Date(year: 2009, month: 9, day: 1))
    #expect(DueDateSyntax.date("2010-02-30") == nil)
    #expect(DueDateSyntax.date("next week") == nil)
    #expect(DueDateSyntax.text(Common.Date(year: 2009, month: 9, day: 1)) == "2009-09-01")
    #expect(DueDateSyntax.text(nil) == "-")
  }

  @Test("plan update names exactly the fields given in update_paths, in proto field order")
  func updatePaths() {
    #expect(ActionItemUpdate().isEmpty)
    let stateOnly = ActionItemUpdate(state: .done).request(actionItemId: "ai-1")
    #expect(stateOnly.actionItemId == "ai-1")
    #expect(stateOnly.updatePaths == ["state"])
    #expect(stateOnly.state == .done)
    #expect(stateOnly.text.isEmpty)

    let several = ActionItemUpdate(
      text: "Train staff",
      owner: "",
      dueDate: .on(Common.Date(year: 2010, month: 7, day: 16)),
      aspectId: "5a1"
    ).request(actionItemId: "ai-2")
    #expect(several.updatePaths == ["text", "owner", "due_date", "aspect_id"])
    #expect(several.owner.isEmpty)
    #expect(several.dueDate == Common.Date(year: 2010, month: 7, day: 16))
    #expect(several.aspectId == "5a1")
    #expect(several.state == .unspecified)
  }

  @Test("Clearing the due date names due_date and sends no date")
  func clearedDueDate() {
    let request = ActionItemUpdate(dueDate: .cleared).request(actionItemId: "ai-3")
    #expect(request.updatePaths == ["due_date"])
    #expect(request.dueDate == nil)
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
    let noTitle = refusal(["self-review", "rate", "107979", "1a1", "2", "--evidence", "|x"])
    #expect(noTitle?.status == 2)
    #expect(noTitle?.message.contains("has no title") == true)
    let level = refusal(["self-review", "rate", "107979", "1a1", "0"])
    #expect(level?.status == 2)
    #expect(level?.message.contains("a level is a whole number from 1") == true)
    let state = refusal(["self-review", "plan", "update", "ai-1", "--state", "closed"])
    #expect(state?.message.contains("expected open, in-progress, done or dropped") == true)
    let nothing = refusal(["self-review", "plan", "update", "ai-1"])
    #expect(nothing?.status == 2)
    #expect(nothing?.message.contains("nothing to change") == true)
    let due = refusal(["self-review", "plan", "add", "107979", "1a1", "Plan", "--due", "soon"])
    #expect(due?.message.contains("expected a date") == true)
    #expect(refusal(["self-review", "status", "1234"])?.status == 2)
    #expect(refusal(["self-review", "plan", "update", "ai-1", "--due", "none"]) == nil)
    #expect(refusal(["self-review", "rate", "107979", "1a1", "2", "--evidence", "Plan"]) == nil)
  }
}
