public import Contracts

/// A school's action plan as people read it: one item as labelled lines, many as a table.
public enum ActionItemText {
  /// One item: id, school, aspect, text, owner, due date, state, and when and by whom it was
  /// added and last changed.
  public static func details(_ item: SelfReview.ActionItem) -> [String] {
    var lines = LabelledLines()
    lines.add("ID", item.actionItemId)
    lines.add("School", item.schoolUrn)
    lines.add("Aspect", item.aspectId.isEmpty ? "whole school" : item.aspectId)
    lines.add("Text", item.text)
    lines.add("Owner", item.owner.isEmpty ? "-" : item.owner)
    lines.add("Due", item.dueDate == nil ? "open-ended" : DueDateSyntax.text(item.dueDate))
    lines.add("State", ActionItemStateSyntax.name(of: item.state))
    var added = TimestampText.instant(item.createTime)
    if let actor = item.createdBy { added += " by \(actor.shownName)" }
    lines.add("Added", added)
    lines.add("Updated", TimestampText.instant(item.updateTime))
    return lines.render()
  }

  /// Items as a table, in the order given (the service's: by due date, undated last).
  public static func table(_ items: [SelfReview.ActionItem]) -> [String] {
    var table = TextTable(columns: ["ID", "ASPECT", "STATE", "DUE", "OWNER", "TEXT"])
    for item in items {
      table.append([
        item.actionItemId, item.aspectId.isEmpty ? "-" : item.aspectId,
        ActionItemStateSyntax.name(of: item.state), DueDateSyntax.text(item.dueDate),
        TextTable.truncate(item.owner.isEmpty ? "-" : item.owner, to: 24),
        ReviewText.excerpt(item.text, limit: 60),
      ])
    }
    return table.render()
  }

  /// A page of items: the table, then the footer.
  public static func page(_ response: SelfReview.ListActionItemsResponse) -> [String] {
    (response.items.isEmpty ? ["no action items match"] : table(response.items))
      + [PageFooter.text(shown: response.items.count, nextPageToken: response.nextPageToken)]
  }
}
