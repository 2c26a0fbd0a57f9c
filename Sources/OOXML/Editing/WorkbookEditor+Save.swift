import SafeXML

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension WorkbookEditor {
  /// Writes the changes.
  ///
  /// In place (no `destination`), the save is refused while Excel or LibreOffice has the
  /// workbook open or when it changed on disk since it was opened; the new version is
  /// written to a temporary file beside it, flushed, and renamed over it, and the previous
  /// version is kept in the backup folder. A process killed at any moment leaves the old
  /// workbook or the new one, never a broken one.
  ///
  /// - Throws: ``OOXMLError`` (`busy`, `editRefused`, `cannotWrite`, or a reading error);
  ///   nothing is written then.
  @discardableResult
  public func save(to destination: String? = nil, options: SaveOptions = SaveOptions()) throws -> SaveReport {
    let named = destination ?? path
    // A symbolic link is written through: its target is the workbook.
    let target = SafeReplace.resolvingLinks(named)
    let inPlace = target == SafeReplace.resolvingLinks(path)
    try SafeReplace.refuseIfLocked(path)
    if target != path { try SafeReplace.refuseIfLocked(target) }
    if inPlace { try SafeReplace.refuseIfReadOnly(target) }
    try refuseIfChanged()
    SafeReplace.removeStaleTemporaries(beside: target)

    var plan = try SavePlan(editor: self, options: options)
    let temporary = SafeReplace.temporaryPath(beside: target)
    var previous: String?
    do {
      try plan.write(to: temporary)
      if inPlace { SafeReplace.keepAttributes(of: target, on: temporary) }
      try SafeReplace.flush(temporary)
      try refuseIfChanged()
      if inPlace {
        plan.report.backup = try SafeReplace.backUp(target, options: options)
        if options.keepsPrevious { previous = try SafeReplace.keepPrevious(target) }
      }
      try SafeReplace.replace(target, with: temporary)
    } catch let OOXMLError.cannotWrite(file, reason) where file == temporary || file.hasPrefix(temporary) {
      // (Said of the workbook, not of the temporary file a person never sees.)
      unlink(temporary)
      if let previous { SafeReplace.discard(previous: previous) }
      throw OOXMLError.cannotWrite(file: named, reason: reason)
    } catch {
      unlink(temporary)
      if let previous { SafeReplace.discard(previous: previous) }
      throw error
    }
    plan.report.path = target
    plan.report.previous = previous
    return plan.report
  }

  private func refuseIfChanged() throws {
    guard FileIdentity(path: path) == identity else {
      throw OOXMLError.busy(file: path, reason: "the workbook changed on disk since Suivi opened it; run again")
    }
  }
}

/// The new contents of every part a save changes, worked out before anything is written.
struct SavePlan {
  let editor: WorkbookEditor
  let options: SaveOptions
  var report: SaveReport
  /// Changes to the package's small parts: rewritten, added, removed.
  var package: PackageEdits
  /// Rewritten sheets (large), deflated on every core as soon as they are spliced.
  var rewrittenSheets: [String: DeflatedBytes] = [:]
  private var workbook: Workbook { editor.workbook }
  private var file: String { workbook.path }

  init(editor: WorkbookEditor, options: SaveOptions) throws {
    self.editor = editor
    self.options = options
    report = SaveReport(path: editor.path)
    package = PackageEdits(package: editor.workbook.package)
    try build()
  }

  private mutating func build() throws {
    var edits = editor.edits.filter { !$0.value.isEmpty }
    guard !edits.isEmpty || !editor.puts.isEmpty else { return }
    var changes = ChangeSet()
    for (sheet, edit) in edits {
      for reference in edit.values.keys { changes.add(reference, sheet: sheet) }
      if !edit.appendedRows.isEmpty { changes.addAppends(sheet: sheet) }
    }
    let stylesPart = try spannedPart(kind: "styles")
    let styles = StylesEditor(part: stylesPart, styles: workbook.styles, file: file)

    // Index the edited sheets, then every other sheet that names one of them, to find the
    // formulas whose cached values the changes make stale.
    var indexes: [String: (WorksheetIndex, [UInt8])] = [:]
    for sheetName in edits.keys {
      if var prepared = editor.prepared.removeValue(forKey: sheetName) {
        prepared.index.checkDeferredFormulas(against: changes, sheet: sheetName)
        indexes[sheetName] = (prepared.index, prepared.bytes)
      } else {
        indexes[sheetName] = try index(workbook.requireSheet(named: sheetName), changes: changes)
      }
    }
    for sheet in workbook.sheets where sheet.kind == .worksheet && indexes[sheet.name] == nil && !changes.isEmpty {
      guard let entry = workbook.package.entry(sheet.partName) else { continue }
      let bytes = try workbook.package.archive.contents(of: entry)
      guard edits.keys.contains(where: { Self.mentions(bytes, sheetName: $0) }) else { continue }
      let indexed = try index(sheet, changes: changes, bytes: bytes)
      if !indexed.0.staleFormulas.isEmpty || !indexed.0.reachingFormulas.isEmpty { indexes[sheet.name] = indexed }
    }
    let lastDataRows = Dictionary(uniqueKeysWithValues: indexes.map { ($0.key.lowercased(), $0.value.0.lastDataRow) })
    for (sheetName, (index, _)) in indexes {
      var stale = index.staleFormulas
      for reaching in index.reachingFormulas where reaching.row > (lastDataRows[reaching.sheet] ?? .max) {
        stale.insert(reaching.cell)
      }
      if !stale.isEmpty { edits[sheetName, default: WorksheetEdit()].staleFormulas.formUnion(stale) }
    }

    var appendedSheets: [(sheet: Sheet, oldLast: Int, newLast: Int)] = []
    for (sheetName, edit) in edits.sorted(by: { $0.key < $1.key }) where !edit.isEmpty {
      let sheet = try workbook.requireSheet(named: sheetName)
      guard let (index, bytes) = indexes[sheetName] else { continue }
      let tables = try tableParts(of: sheet, index: index)
      let splicer = WorksheetSplicer(
        original: bytes, index: index,
        context: .init(file: file, sheet: sheet, workbook: workbook, styles: styles, tableRanges: tables.map { ($0.range, $0.headerRows) }))
      var (splices, sheetReport) = try splicer.splices(for: edit)
      splices += try applyNotes(edit.notes, sheet: sheet, index: index, bytes: bytes)
      rewrittenSheets[sheet.partName] = try Splice.deflated(splices, to: bytes, level: Int32(options.compressionLevel), file: file)
      indexes[sheetName] = nil  // the original bytes are no longer needed
      report.sheets.append(sheetReport)
      if sheetReport.lastDataRow.after > sheetReport.lastDataRow.before, sheetReport.lastDataRow.before > 0 {
        appendedSheets.append((sheet, sheetReport.lastDataRow.before, sheetReport.lastDataRow.after))
        for table in tables { try extend(table, from: sheetReport.lastDataRow.before, to: sheetReport.lastDataRow.after) }
      }
    }
    try applyPutSheets(styles: styles)
    if styles.hasChanges, let stylesPart {
      package.replace(stylesPart.name, with: Splice.apply(styles.splices(), to: stylesPart.bytes))
    } else if styles.hasChanges {
      // A workbook written without a styles part gets one (a date needs its format).
      let name = package.exists("xl/styles.xml") ? package.unusedName("xl/styles", ".xml") : "xl/styles.xml"
      package.add(name, styles.newPart())
      _ = try package.addRelationship(from: workbook.workbookPart, to: name, kind: "styles")
      try package.declareContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml", part: name)
    }
    try updateWorkbookPart(appended: appendedSheets)
    try removeCalcChain()
    report.rewrittenParts = (Array(package.rewrittenParts().keys) + Array(rewrittenSheets.keys)).sorted()
    report.addedParts = package.added.map(\.name)
    report.removedParts = package.removed.sorted()
  }

  // MARK: Sheets

  private func index(_ sheet: Sheet, changes: ChangeSet, bytes known: [UInt8]? = nil) throws -> (WorksheetIndex, [UInt8]) {
    try Self.index(sheet, in: workbook, changes: changes, bytes: known)
  }

  /// Reads and indexes `sheet`, its formulas checked against `changes` (or kept for later
  /// when `nil`); `isCancelled` is asked between slices of 4 MiB.
  static func index(
    _ sheet: Sheet, in workbook: Workbook, changes: ChangeSet?, bytes known: [UInt8]? = nil, isCancelled: () -> Bool = { false }
  ) throws -> (WorksheetIndex, [UInt8]) {
    let file = workbook.path
    guard let entry = workbook.package.entry(sheet.partName) else {
      throw OOXMLError.invalidPackage(file: file, part: sheet.partName, reason: "the part of sheet '\(sheet.name)' is missing")
    }
    let bytes = try known ?? workbook.package.archive.contents(of: entry)
    let indexer = WorksheetIndexer(file: file, sheetName: sheet.name, changes: changes)
    let parser = XMLPushParser(file: file, part: sheet.partName, handler: indexer)
    try bytes.withUnsafeBytes { all in
      var start = 0
      repeat {
        if isCancelled() { throw CancellationError() }
        let end = min(all.count, start + (4 << 20))
        try parser.parse(UnsafeRawBufferPointer(rebasing: all[start..<end]))
        start = end
      } while start < all.count
    }
    try parser.finish()
    guard parser.isUTF8 else {
      throw OOXMLError.editRefused(file: file, sheet: sheet.name, cell: nil, reason: "the sheet's XML is not UTF-8")
    }
    return (indexer.index, bytes)
  }

  /// Whether a sheet part's bytes spell a sheet name (a cheap test before parsing its formulas).
  static func mentions(_ bytes: [UInt8], sheetName: String) -> Bool {
    let escaped = Array(XMLEscaping.content(sheetName.replacingAll("'", with: "''")).utf8)
    let plain = Array(XMLEscaping.content(sheetName).utf8)
    return [escaped, plain].contains { ByteSearch.contains($0, in: bytes) }
  }

  // MARK: Tables

  struct TablePart {
    let part: SpannedPart
    let range: CellRange
    let headerRows: Int
  }

  private func tableParts(of sheet: Sheet, index: WorksheetIndex) throws -> [TablePart] {
    guard !index.tableRelationshipIDs.isEmpty, let relationships = try workbook.package.relationships(of: sheet.partName) else {
      return []
    }
    return try index.tableRelationshipIDs.compactMap { id in
      guard let name = relationships.first(where: { $0.id == id })?.partName, let entry = workbook.package.entry(name) else { return nil }
      let part = try SpannedPart(name: entry.normalizedName, bytes: workbook.package.archive.contents(of: entry), file: file)
      guard let ref = part.root.attribute("ref"), let range = CellRange(ref) else { return nil }
      return TablePart(part: part, range: range, headerRows: Int(part.root.attribute("headerRowCount") ?? "1") ?? 1)
    }
  }

  /// Grows a table (and its filter) that ended at the old last row.
  private mutating func extend(_ table: TablePart, from oldLast: Int, to newLast: Int) throws {
    guard table.range.last.row == oldLast, (Int(table.part.root.attribute("totalsRowCount") ?? "0") ?? 0) == 0 else { return }
    var splices: [Splice] = []
    let root = table.part.root
    let rootTag = OpenTag(Array(table.part.bytes[root.start..<root.startTagEnd]))
    splices.append(Splice(root.start..<root.startTagEnd, rootTag.settingAttribute("ref", to: RangeList.extending(table.range.description, endingAt: oldLast, to: newLast)).text))
    if let filter = root.child("autoFilter", in: XMLNamespace.spreadsheetML), let ref = filter.attribute("ref") {
      let tag = OpenTag(Array(table.part.bytes[filter.start..<filter.startTagEnd]))
      splices.append(Splice(filter.start..<filter.startTagEnd, tag.settingAttribute("ref", to: RangeList.extending(ref, endingAt: oldLast, to: newLast)).text))
    }
    package.replace(table.part.name, with: Splice.apply(splices, to: table.part.bytes))
  }

  // MARK: Workbook, relationships, content types

  private mutating func spannedPart(kind: String) throws -> SpannedPart? {
    guard let relationships = try workbook.package.relationships(of: workbook.workbookPart),
      let name = relationships.first(where: { $0.kind == kind })?.partName
    else { return nil }
    return try package.part(name)
  }

  /// Asks spreadsheet programs to recompute on load, and extends defined names that ended
  /// at the old last row of a sheet that grew.
  private mutating func updateWorkbookPart(appended: [(sheet: Sheet, oldLast: Int, newLast: Int)]) throws {
    guard let part = try package.part(workbook.workbookPart) else { return }
    let ns = XMLNamespace.spreadsheetML
    var splices: [Splice] = []
    if let calcPr = part.root.child("calcPr", in: ns) {
      let tag = OpenTag(Array(part.bytes[calcPr.start..<calcPr.startTagEnd]))
      if tag.attribute("fullCalcOnLoad") != "1" {
        splices.append(Splice(calcPr.start..<calcPr.startTagEnd, tag.settingAttribute("fullCalcOnLoad", to: "1").text))
      }
    } else {
      let prefix = part.root.prefix.map { "\($0):" } ?? ""
      // calcPr follows definedNames and precedes everything after it in the schema.
      let following = ["oleSize", "customWorkbookViews", "pivotCaches", "smartTagPr", "smartTagTypes", "webPublishing",
        "fileRecoveryPr", "webPublishObjects", "extLst"]
      let before = part.root.children.first { child in following.contains(child.localName) }
      let position = before?.start ?? part.root.endTagStart
      splices.append(Splice(position..<position, "<\(prefix)calcPr fullCalcOnLoad=\"1\"/>"))
    }
    for name in part.root.child("definedNames", in: ns)?.children("definedName", in: ns) ?? [] where !name.isSelfClosing {
      var text = name.text
      for grown in appended {
        text = DefinedNameRanges.extending(text, sheet: grown.sheet.name, from: grown.oldLast, to: grown.newLast)
      }
      if text != name.text { splices.append(Splice(name.startTagEnd..<name.endTagStart, XMLEscaping.content(text))) }
    }
    package.splice(part, splices)
  }

  /// Removes `calcChain.xml` with its relationship and content type: formulas changed, and
  /// Excel rebuilds the chain (a stale one makes it repair the file).
  private mutating func removeCalcChain() throws {
    guard let relationships = try workbook.package.relationships(of: workbook.workbookPart),
      let chain = relationships.first(where: { $0.kind == "calcChain" }), let chainName = chain.partName
    else { return }
    try package.removeRelationship(from: workbook.workbookPart, id: chain.id)
    package.remove(chainName)
    try package.removeContentType(part: chainName)
  }

  // MARK: Writing

  /// Writes the new package: every entry in its original order, rewritten ones with their
  /// new bytes, the others copied as their compressed bytes.
  func write(to temporary: String) throws {
    let archive = workbook.package.archive
    let writer = try ZipWriter(path: temporary)
    let rewritten = package.rewrittenParts()
    for entry in archive.entries where !package.removed.contains(entry.name) {
      if let deflated = rewrittenSheets[entry.normalizedName] ?? rewrittenSheets[entry.name] {
        try writer.add(name: entry.name, deflated: deflated, mtime: writer.mtime(entry, in: archive))
      } else if let bytes = rewritten[entry.normalizedName] ?? rewritten[entry.name] {
        try bytes.withUnsafeBytes {
          try writer.add(name: entry.name, bytes: $0, mtime: writer.mtime(entry, in: archive), level: options.compressionLevel)
        }
      } else {
        try writer.copy(entry, from: archive)
      }
    }
    // New parts take the time stamp of the package's first entry: the same inputs give the same bytes.
    let stamp = archive.entries.first.map { writer.mtime($0, in: archive) } ?? 0
    for part in package.added {
      try part.bytes.withUnsafeBytes { try writer.add(name: part.name, bytes: $0, mtime: stamp, level: options.compressionLevel) }
    }
    try writer.close()
  }
}
