#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Decodes one framework data file, turning every decoding failure into a
/// ``FrameworkDataError`` that names the file and the JSON path.
func decodeDocument<Document: Decodable>(
  _ type: Document.Type,
  json: [UInt8],
  file: String
) throws(FrameworkDataError) -> Document {
  do {
    return try JSONDecoder().decode(type, from: Data(json))
  } catch let error as UnexpectedFieldError {
    throw FrameworkDataError(
      file: file, problem: .unexpectedField(path: renderPath(error.codingPath)))
  } catch let error as DecodingError {
    let (path, detail): ([any CodingKey], String) =
      switch error {
      case .typeMismatch(let type, let context):
        (context.codingPath, "expected \(type)")
      case .valueNotFound(let type, let context):
        (context.codingPath, "expected \(type), found null")
      case .keyNotFound(let key, let context):
        (context.codingPath + [key], "required field is missing")
      case .dataCorrupted(let context):
        (context.codingPath, context.debugDescription)
      @unknown default:
        ([], "\(error)")
      }
    throw FrameworkDataError(
      file: file, problem: .malformed(path: renderPath(path), detail: detail))
  } catch {
    throw FrameworkDataError(file: file, problem: .malformed(path: "", detail: "\(error)"))
  }
}

/// Checks and converts the parts of a document, all failures naming one file.
struct DocumentChecker {
  let file: String

  func fail(_ problem: FrameworkDataError.Problem) -> FrameworkDataError {
    FrameworkDataError(file: file, problem: problem)
  }

  /// The text, unless it is empty or only whitespace.
  func nonBlank(_ text: String, _ path: String) throws(FrameworkDataError) -> String {
    guard !text.isBlank else { throw fail(.blankText(path: path)) }
    return text
  }

  func source(_ text: String, _ path: String) throws(FrameworkDataError) -> ContentSource {
    guard let source = ContentSource(rawValue: text) else {
      let expected = ContentSource.allCases.map(\.rawValue).joined(separator: ", ")
      throw fail(.malformed(path: path, detail: "unknown source '\(text)' (expected \(expected))"))
    }
    return source
  }

  /// A level written as an object key: canonical decimal ("3", not "03" or "three").
  func level(key: String, _ path: String) throws(FrameworkDataError) -> Int {
    guard let level = Int(key), String(level) == key else {
      throw fail(.malformed(path: path, detail: "level key '\(key)' is not a level number"))
    }
    return level
  }

  /// One descriptor per level of the scale, no more and no fewer, in ascending level order.
  func descriptors(
    _ texts: [String: String],
    levelCount: Int,
    path: String
  ) throws(FrameworkDataError) -> [LevelDescriptor] {
    var descriptors: [LevelDescriptor] = []
    for (key, text) in texts.sorted(by: { $0.key < $1.key }) {
      let level = try level(key: key, path)
      guard (1...levelCount).contains(level) else {
        throw fail(.levelOutsideScale(path: "\(path) descriptor", level: level))
      }
      descriptors.append(
        LevelDescriptor(level: level, text: try nonBlank(text, "\(path) descriptor \(level)")))
    }
    for level in 1...levelCount where !descriptors.contains(where: { $0.level == level }) {
      throw fail(.missingDescriptor(path: path, level: level))
    }
    return descriptors.sorted { $0.level < $1.level }
  }
}
