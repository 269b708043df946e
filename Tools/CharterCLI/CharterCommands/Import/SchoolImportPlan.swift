public import Contracts

/// A schools import file, read and checked row by row, ready to send.
///
/// Reading the whole file first means a file that is not CSV, or lacks a required column,
/// is refused before anything is sent, and the progress display knows the total. Each row
/// keeps its fields (to write rejected rows back out) and its spreadsheet row number (the
/// header is row 1). Completely empty rows are skipped.
public struct SchoolImportPlan: Sendable {
  /// One data row of the file.
  public struct Row: Sendable, Hashable {
    /// The row number a spreadsheet shows for it (the header is row 1).
    public let row: Int
    /// The row's fields as read.
    public let fields: [String]
    /// The row's URN as written (possibly empty), to name the row in reports.
    public let urn: String
    /// The request that registers the school, or why the row was refused without a call.
    public let request: Result<Registry.RegisterSchoolRequest, SchoolRowProblem>
  }

  /// The file's header.
  public let header: SchoolCSVHeader
  /// The data rows, in file order.
  public let rows: [Row]

  /// Reads and checks every row from `reader`, which must be positioned at the header.
  ///
  /// - Throws: ``SchoolImportFileError`` when the file is not valid CSV, is empty, or its
  ///   header lacks a required column.
  public init<Bytes>(reading reader: inout CSVReader<Bytes>) throws(SchoolImportFileError) {
    func nextRecord() throws(SchoolImportFileError) -> [String]? {
      do { return try reader.nextRecord() } catch { throw .csv(error) }
    }
    guard let headerFields = try nextRecord() else { throw .header(.empty) }
    let header: SchoolCSVHeader
    do { header = try SchoolCSVHeader(headerFields) } catch { throw .header(error) }
    var rows: [Row] = []
    while let record = try nextRecord() {
      if record.allSatisfy({ $0.trimmingSpaces.isEmpty }) { continue }
      rows.append(
        Row(
          row: reader.row,
          fields: record,
          urn: header.value("urn", in: record),
          request: SchoolRowMapping.request(for: record, header: header)
        )
      )
    }
    self.header = header
    self.rows = rows
  }

  /// Reads and checks CSV text held in memory.
  public init(csv text: String) throws(SchoolImportFileError) {
    var reader = CSVReader(text: text)
    try self.init(reading: &reader)
  }

  /// How many rows will be sent (those not refused here).
  public var requestCount: Int {
    rows.reduce(0) { count, row in
      if case .success = row.request { count + 1 } else { count }
    }
  }
}
