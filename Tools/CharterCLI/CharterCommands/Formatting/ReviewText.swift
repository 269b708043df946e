public import Contracts

/// A school's self-review as people read it: the review with a table of its ratings, one
/// rating in full, and the rating history.
public enum ReviewText {
  /// The review: labelled lines (school, framework, counts, dates), then its ratings as a
  /// table (``ratingsTable(_:)``).
  public static func details(_ review: SelfReview.Review) -> [String] {
    var lines = LabelledLines()
    lines.add("School", review.schoolUrn)
    lines.add("Framework", review.frameworkId)
    lines.add("Aspects rated", String(review.ratings.count))
    lines.add("Started", TimestampText.instant(review.createTime))
    lines.add("Updated", TimestampText.instant(review.updateTime))
    return lines.render() + [""]
      + (review.ratings.isEmpty ? ["no aspects rated yet"] : ratingsTable(review.ratings))
  }

  /// Ratings as a table: aspect, level, the start of the commentary, how many pieces of
  /// evidence, and who rated it when.
  public static func ratingsTable(_ ratings: [SelfReview.AspectRating]) -> [String] {
    var table = TextTable(
      columns: ["ASPECT", "LEVEL", "COMMENTARY", "EVIDENCE", "RATED BY", "RATED AT"]
    )
    for rating in ratings {
      table.append([
        rating.aspectId, level(rating.level), excerpt(rating.commentary, limit: 48),
        String(rating.evidence.count),
        TextTable.truncate(rating.ratedBy?.shownName ?? "-", to: 24),
        TimestampText.instant(rating.ratedAt),
      ])
    }
    return table.render()
  }

  /// One rating in full: aspect, level, commentary, each piece of evidence on its own line
  /// (`title | location | note`), and who rated it when.
  public static func rating(_ rating: SelfReview.AspectRating) -> [String] {
    var lines = LabelledLines()
    lines.add("Aspect", rating.aspectId)
    lines.add("Level", level(rating.level))
    lines.add("Commentary", rating.commentary.isEmpty ? "-" : rating.commentary)
    lines.add(
      "Evidence",
      rating.evidence.isEmpty
        ? "none" : rating.evidence.map(EvidenceSyntax.format).joined(separator: "\n")
    )
    var rated = TimestampText.instant(rating.ratedAt)
    if let actor = rating.ratedBy { rated += " by \(actor.shownName)" }
    lines.add("Rated", rated)
    return lines.render()
  }

  /// A page of rating history as a table, newest first: when, aspect, the level change, who,
  /// and the start of the new commentary; then the footer.
  public static func history(_ response: SelfReview.GetRatingHistoryResponse) -> [String] {
    guard !response.entries.isEmpty else {
      return ["no rating changes", PageFooter.text(shown: 0, nextPageToken: "")]
    }
    var table = TextTable(columns: ["CHANGED AT", "ASPECT", "LEVEL", "BY", "COMMENTARY"])
    for entry in response.entries {
      table.append([
        TimestampText.instant(entry.changedAt), entry.aspectId,
        "\(level(entry.previousLevel)) → \(level(entry.newLevel))",
        TextTable.truncate(entry.changedBy?.shownName ?? "-", to: 24),
        excerpt(entry.newCommentary, limit: 48),
      ])
    }
    return table.render()
      + [PageFooter.text(shown: response.entries.count, nextPageToken: response.nextPageToken)]
  }

  /// A level, or `-` when not rated (0).
  public static func level(_ level: Int32) -> String { level == 0 ? "-" : String(level) }

  /// The start of `text` on one line: runs of spaces and line breaks become one space, and
  /// the result is cut to `limit` characters (ending in "…"); `-` when there is no text.
  public static func excerpt(_ text: String, limit: Int) -> String {
    let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0.isNewline })
    guard !words.isEmpty else { return "-" }
    return TextTable.truncate(words.joined(separator: " "), to: limit)
  }
}
