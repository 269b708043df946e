public import Contracts

/// The changes `charter self-review plan update` was asked to make, turned into an
/// `UpdateActionItem` request whose `update_paths` name exactly the fields given.
///
/// The service changes only the named fields, so a field left out keeps its value and one
/// given empty (an owner of `""`) is cleared, as the operator asked.
public struct ActionItemUpdate: Sendable, Hashable {
  /// A new due date, or its removal.
  public enum DueDateChange: Sendable, Hashable {
    /// Due on this day.
    case on(Common.Date)
    /// Open-ended: the due date is removed.
    case cleared
  }

  public var text: String?
  public var owner: String?
  public var dueDate: DueDateChange?
  public var state: SelfReview.ActionItemState?
  public var aspectId: String?

  public init(
    text: String? = nil,
    owner: String? = nil,
    dueDate: DueDateChange? = nil,
    state: SelfReview.ActionItemState? = nil,
    aspectId: String? = nil
  ) {
    self.text = text
    self.owner = owner
    self.dueDate = dueDate
    self.state = state
    self.aspectId = aspectId
  }

  /// Whether nothing would change.
  public var isEmpty: Bool { paths.isEmpty }

  /// The `update_paths` the request will carry, in proto field order.
  public var paths: [String] {
    var paths: [String] = []
    if text != nil { paths.append("text") }
    if owner != nil { paths.append("owner") }
    if dueDate != nil { paths.append("due_date") }
    if state != nil { paths.append("state") }
    if aspectId != nil { paths.append("aspect_id") }
    return paths
  }

  /// The request for the item `actionItemId`.
  public func request(actionItemId: String) -> SelfReview.UpdateActionItemRequest {
    var request = SelfReview.UpdateActionItemRequest()
    request.actionItemId = actionItemId
    request.updatePaths = paths
    if let text { request.text = text }
    if let owner { request.owner = owner }
    if case .on(let date)? = dueDate { request.dueDate = date }
    if let state { request.state = state }
    if let aspectId { request.aspectId = aspectId }
    return request
  }
}
