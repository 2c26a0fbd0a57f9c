import SafeXML

/// Streams the cells of one sheet.
///
/// The sheet's part is inflated and parsed 64 KiB at a time; each call to ``next()``
/// returns the next cell in file order, parsing more only when the cells already parsed
/// are used up. Memory stays bounded by the chunk size and the shared-formula masters,
/// whatever the number of rows; `<dimension>` is never consulted.
public final class CellReader {
  /// The sheet being read.
  public let sheet: Sheet
  /// Where the bytes come from: the sheet's zip entry, or a document in memory (a sheet
  /// read in part, see ``Workbook/cells(of:scan:reading:reusing:)``).
  private let stream: ZipEntryStream?
  private var document: [UInt8] = []
  private var documentPosition = 0
  private let partial: PartialRead?
  private let parser: XMLPushParser
  private let handler: WorksheetHandler
  private var buffer = [UInt8](repeating: 0, count: 64 << 10)
  private var isAtEnd = false
  /// When reading for an editor too: the indexer riding along, and every byte read.
  private let indexer: WorksheetIndexer?
  private var retained: [UInt8] = []
  private let workbook: Workbook

  init(workbook: Workbook, sheet: Sheet, entry: ZipEntry, preparingEdit: Bool = false) throws {
    self.sheet = sheet
    self.workbook = workbook
    stream = try workbook.package.archive.openStream(entry)
    partial = nil
    handler = WorksheetHandler(workbook: workbook, sheet: sheet)
    if preparingEdit {
      let indexer = WorksheetIndexer(file: workbook.path, sheetName: sheet.name, changes: nil)
      self.indexer = indexer
      // The declared size is only a hint (it comes from outside): capped.
      retained.reserveCapacity(Int(min(max(entry.declaredSize, 0), 128 << 20)))
      parser = XMLPushParser(file: workbook.path, part: entry.normalizedName, handler: XMLTee(handler, indexer))
    } else {
      indexer = nil
      parser = XMLPushParser(file: workbook.path, part: entry.normalizedName, handler: handler)
    }
  }

  /// Reads the rows `partial.parsed` of a sheet from `document` (the part with only those
  /// rows), indexing them for an editor (see ``preparedForEditing()``).
  init(workbook: Workbook, sheet: Sheet, part: String, document: [UInt8], partial: PartialRead) {
    self.sheet = sheet
    self.workbook = workbook
    stream = nil
    self.document = document
    self.partial = partial
    handler = WorksheetHandler(workbook: workbook, sheet: sheet)
    let indexer = WorksheetIndexer(file: workbook.path, sheetName: sheet.name, changes: nil)
    let masters = partial.mastersOfUnparsedRows
    indexer.seed(masters: masters)
    handler.seed(masters: masters.mapValues { ($0.text, $0.cell) })
    self.indexer = indexer
    parser = XMLPushParser(file: workbook.path, part: part, handler: XMLTee(handler, indexer))
  }

  /// Once every cell has been read by a reader made with `preparingEdit` (see
  /// ``Workbook/cells(of:preparingEdit:)``): the sheet as an editor of this workbook
  /// needs it (``WorkbookEditor/use(_:)``), so that its save does not read and parse the
  /// sheet again. `nil` before the end, or for a sheet an editor would refuse to splice
  /// (not UTF-8): its save reads it again and says why.
  public func preparedForEditing() -> PreparedSheet? {
    guard isAtEnd, let indexer, parser.isUTF8 else { return nil }
    if let partial {
      guard let index = partial.assemble(indexer.index) else { return nil }
      return PreparedSheet(workbook: ObjectIdentifier(workbook), sheetName: sheet.name, index: index, bytes: partial.scan.bytes)
    }
    return PreparedSheet(workbook: ObjectIdentifier(workbook), sheetName: sheet.name, index: indexer.index, bytes: retained)
  }

  /// The sheet's drop-down lists (list data validations), once every cell has been read:
  /// the ranges each covers (`E2:E501`) and its source (`"a,b,c"` or `Listes!$A$2:$A$9`).
  public var listValidations: [(ranges: String, source: String)] { handler.listValidations.map { ($0.sqref, $0.source) } }

  /// The most cells held in memory at once so far (for tests of streaming).
  var bufferedCellsHighWater: Int { handler.pendingHighWater }

  /// The next cell, or `nil` after the last one.
  /// - Throws: ``OOXMLError`` for a damaged part or an unreadable cell.
  public func next() throws -> Cell? {
    while true {
      if let cell = handler.popCell() { return cell }
      if isAtEnd { return nil }
      try parseNextChunk()
    }
  }

  /// Calls `body` with every remaining cell, in file order.
  ///
  /// Faster than calling ``next()`` in a loop: each cell goes to `body` as soon as it is
  /// parsed, without being buffered. An error thrown by `body` stops the read and is
  /// rethrown.
  public func forEach(_ body: (Cell) throws -> Void) throws {
    while let cell = handler.popCell() { try body(cell) }
    try withoutActuallyEscaping(body) { body in
      handler.sink = body
      defer { handler.sink = nil }
      while !isAtEnd { try parseNextChunk() }
    }
  }

  /// The next row's cells (those with the same row number, consecutive in the file),
  /// or `nil` after the last row.
  public func nextRow() throws -> (row: Int, cells: [Cell])? {
    guard let first = try next() else { return nil }
    var cells = [first]
    while let cell = try peek(), cell.reference.row == first.reference.row {
      cells.append(cell)
      _ = try next()
    }
    return (first.reference.row, cells)
  }

  private func peek() throws -> Cell? {
    while true {
      if let cell = handler.peekCell() { return cell }
      if isAtEnd { return nil }
      try parseNextChunk()
    }
  }

  private func parseNextChunk() throws {
    guard let stream else {
      let end = min(document.count, documentPosition + buffer.count)
      if documentPosition == end {
        isAtEnd = true
        try parser.finish()
      } else {
        try document.withUnsafeBytes { try parser.parse(UnsafeRawBufferPointer(rebasing: $0[documentPosition..<end])) }
        documentPosition = end
      }
      return
    }
    let count = try buffer.withUnsafeMutableBytes { try stream.read(into: $0) }
    if count == 0 {
      isAtEnd = true
      try parser.finish()
    } else {
      if indexer != nil { retained.append(contentsOf: buffer[0..<count]) }
      try buffer.withUnsafeBytes { try parser.parse(UnsafeRawBufferPointer(rebasing: $0.prefix(count))) }
    }
  }
}
