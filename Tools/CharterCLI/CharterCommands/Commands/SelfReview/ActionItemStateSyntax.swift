public import Contracts

/// The words for an action item's state on the command line: `open`, `in-progress`, `done`,
/// `dropped`.
///
/// Case, `_` for `-` and the proto names (`ACTION_ITEM_STATE_IN_PROGRESS`) are accepted too.
public enum ActionItemStateSyntax {
  /// Each declared state (except UNSPECIFIED) with its name, in proto order.
  public static let stateNames: [(state: SelfReview.ActionItemState, name: String)] = [
    (.open, "open"),
    (.inProgress, "in-progress"),
    (.done, "done"),
    (.dropped, "dropped"),
  ]

  /// The state a name stands for; `nil` when it names none.
  public static func state(named text: String) -> SelfReview.ActionItemState? {
    var name = text.trimmingSpaces.lowercased()
      .replacing("_", with: "-").replacing(" ", with: "-")
    if name.hasPrefix("action-item-state-") { name.removeFirst("action-item-state-".count) }
    return stateNames.first { $0.name == name }?.state
  }

  /// The name of `state`; `unspecified` or `state-N` for values with none.
  public static func name(of state: SelfReview.ActionItemState) -> String {
    if state == .unspecified { return "unspecified" }
    return stateNames.first { $0.state == state }?.name ?? "state-\(state.rawValue)"
  }

  /// The names, for help texts and error messages: `open, in-progress, done or dropped`.
  public static var allNames: String {
    let names = stateNames.map(\.name)
    return names.dropLast().joined(separator: ", ") + " or " + (names.last ?? "")
  }
}
