public import CharterValues

/// A category of an Excellence Award cycle, with its sub-categories (phases or regions).
/// Categories are data, given when a cycle opens (the 2009 set is one such list), never cases
/// in code: the awards changed their categories almost every year.
public struct AwardCategory: Sendable, Hashable {
  public struct SubCategory: Sendable, Hashable {
    public var id: String
    public var title: String

    public init(id: String, title: String) {
      self.id = id
      self.title = title
    }
  }

  public var id: String
  public var title: String
  public var description: String
  public var subCategories: [SubCategory]

  public init(id: String, title: String, description: String = "", subCategories: [SubCategory] = []) {
    self.id = id
    self.title = title
    self.description = description
    self.subCategories = subCategories
  }

  /// The title an entry in `subCategoryID` shows: "Beyond the classroom — Primary".
  public func entryTitle(subCategoryID: String) -> String {
    guard let sub = subCategories.first(where: { $0.id == subCategoryID }) else { return title }
    return "\(title) — \(sub.title)"
  }

  /// Checks a cycle's categories: at least one; ids short, unique and without spaces;
  /// titles given; sub-category ids unique within their category.
  /// - Returns: the categories, trimmed.
  /// - Throws: ``InvalidField`` (`categories[i]…`).
  public static func validated(_ categories: [AwardCategory]) throws(InvalidField) -> [AwardCategory] {
    guard !categories.isEmpty else { throw InvalidField(field: "categories", reason: "at least one is required") }
    guard categories.count <= 100 else { throw InvalidField(field: "categories", reason: "at most 100") }
    var seen: Set<String> = []
    var result: [AwardCategory] = []
    for (i, category) in categories.enumerated() {
      let id = try identifier(category.id, field: "categories[\(i)].category_id")
      guard seen.insert(id).inserted else {
        throw InvalidField(field: "categories[\(i)].category_id", reason: "\"\(id)\" is used twice")
      }
      let title = try TextField.required(category.title, field: "categories[\(i)].title", max: 200)
      let description = try TextField.optional(
        category.description, field: "categories[\(i)].description", max: 2000, lines: .many)
      var subIDs: Set<String> = []
      var subs: [SubCategory] = []
      for (j, sub) in category.subCategories.enumerated() {
        let field = "categories[\(i)].sub_categories[\(j)]"
        let subID = try identifier(sub.id, field: field + ".sub_category_id")
        guard subIDs.insert(subID).inserted else {
          throw InvalidField(field: field + ".sub_category_id", reason: "\"\(subID)\" is used twice")
        }
        subs.append(SubCategory(id: subID, title: try TextField.required(sub.title, field: field + ".title", max: 200)))
      }
      result.append(AwardCategory(id: id, title: title, description: description, subCategories: subs))
    }
    return result
  }

  /// Where an entry goes: the category must be the cycle's, and a sub-category is required
  /// exactly when the category has them.
  /// - Throws: ``InvalidField`` (`category_id`, `sub_category_id`).
  public static func placement(
    categoryID: String, subCategoryID: String, in categories: [AwardCategory]
  ) throws(InvalidField) -> AwardCategory {
    guard let category = categories.first(where: { $0.id == categoryID }) else {
      throw InvalidField(
        field: "category_id",
        reason: "\"\(categoryID)\" is not a category of this cycle (\(categories.map(\.id).joined(separator: ", ")))")
    }
    if category.subCategories.isEmpty {
      guard subCategoryID.isEmpty else {
        throw InvalidField(field: "sub_category_id", reason: "category \(categoryID) has no sub-categories")
      }
    } else if !category.subCategories.contains(where: { $0.id == subCategoryID }) {
      throw InvalidField(
        field: "sub_category_id",
        reason: "must be one of \(category.subCategories.map(\.id).joined(separator: ", ")) for category \(categoryID)")
    }
    return category
  }

  static func identifier(_ text: String, field: String) throws(InvalidField) -> String {
    let id = try TextField.required(text, field: field, max: 64)
    guard id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }) else {
      throw InvalidField(field: field, reason: "may hold only letters, digits, '-', '_' and '.'")
    }
    return id
  }
}
