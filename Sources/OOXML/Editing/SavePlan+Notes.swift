import SafeXML

/// Saving notes: the comments part, the VML drawing, their relationships and content
/// types, and the sheet's `<legacyDrawing>`.
extension SavePlan {
  /// Applies a sheet's note changes to the package, and returns the splices its own XML
  /// needs (a `<legacyDrawing>` when the sheet gets its first drawing).
  mutating func applyNotes(_ notes: [CellReference: NoteEdit], sheet: Sheet, index: WorksheetIndex, bytes: [UInt8]) throws -> [Splice] {
    guard !notes.isEmpty else { return [] }
    let relationships = try editor.workbook.package.relationships(of: sheet.partName) ?? []
    let threaded = relationships.contains { $0.kind == "threadedComment" }
    let added = notes.filter { $0.value != .remove }.map(\.key).sorted { ($0.row, $0.column) < ($1.row, $1.column) }
    var removed = Set(notes.filter { $0.value == .remove }.map(\.key))

    if let comments = relationships.first(where: { $0.kind == "comments" }), let name = comments.partName, let part = try package.part(name) {
      let (splices, remaining) = try NoteParts.editComments(part, notes: notes, file: package.file, sheet: sheet.name, hasThreadedComments: threaded)
      if remaining == 0 {
        package.remove(name)
        try package.removeRelationship(from: sheet.partName, id: comments.id)
        try package.removeContentType(part: name)
      } else {
        package.splice(part, splices)
      }
    } else {
      removed.removeAll()
      guard !added.isEmpty else { return [] }
      let name = package.unusedName("xl/comments", ".xml")
      let texts = added.compactMap { cell -> (CellReference, text: String, author: String)? in
        guard case let .set(text, author) = notes[cell] else { return nil }
        return (cell, text, author)
      }
      package.add(name, NoteParts.newComments(texts))
      _ = try package.addRelationship(from: sheet.partName, to: name, kind: "comments")
      try package.declareContentType(NoteParts.commentsContentType, part: name)
    }
    return try applyNoteBoxes(adding: added, removing: removed, sheet: sheet, relationships: relationships, index: index, bytes: bytes)
  }

  /// Adds and removes the notes' boxes in the sheet's VML drawing, creating one if needed.
  private mutating func applyNoteBoxes(
    adding added: [CellReference], removing removed: Set<CellReference>, sheet: Sheet, relationships: [Relationship],
    index: WorksheetIndex, bytes: [UInt8]
  ) throws -> [Splice] {
    guard !added.isEmpty || !removed.isEmpty else { return [] }
    if let id = index.legacyDrawingID {
      guard let name = relationships.first(where: { $0.id == id })?.partName, let entry = package.package.entry(name) else {
        throw OOXMLError.invalidPackage(file: package.file, part: sheet.partName, reason: "its legacy drawing \(id) has no part")
      }
      let drawing = try package.package.archive.contents(of: entry)
      package.replace(name, with: try NoteParts.editDrawing(drawing, adding: added, removing: removed, file: package.file, part: name))
      return []
    }
    guard !added.isEmpty else { return [] }
    let name = package.unusedName("xl/drawings/vmlDrawing", ".vml")
    package.add(name, NoteParts.newDrawing(cells: added, idmap: try nextIDMap()))
    let id = try package.addRelationship(from: sheet.partName, to: name, kind: "vmlDrawing")
    try package.declareContentType(NoteParts.vmlContentType, extension: "vml")
    return [legacyDrawing(id: id, index: index, bytes: bytes)]
  }

  /// A drawing block (`o:idmap`) no other VML drawing of the package uses.
  private func nextIDMap() throws -> Int {
    var highest = 0
    for entry in package.package.archive.entries where entry.normalizedName.lowercased().hasSuffix(".vml") {
      let text = String(decoding: try package.package.archive.contents(of: entry), as: UTF8.self)
      highest = max(highest, NoteParts.idmap(in: text))
    }
    return highest + 1
  }

  /// `<legacyDrawing r:id="…"/>`, placed where the schema wants it among the root's children.
  private func legacyDrawing(id: String, index: WorksheetIndex, bytes: [UInt8]) -> Splice {
    let following: Set<String> = [
      "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst", "AlternateContent",
    ]
    let afterData = index.topLevelElements.filter { $0.start > index.sheetDataStartTag.lowerBound }
    let position = afterData.first { following.contains($0.name) }?.start ?? index.rootEndTagStart
    let rootTag = String(decoding: bytes[index.rootStartTag], as: UTF8.self)
    let prefix = index.sheetDataPrefix.map { "\($0):" } ?? ""
    let element: String
    if let r = Self.prefix(declaring: XMLNamespace.officeRelationships, in: rootTag) {
      element = "<\(prefix)legacyDrawing \(r):id=\"\(id)\"/>"
    } else {
      element = "<\(prefix)legacyDrawing xmlns:r=\"\(XMLNamespace.officeRelationships[0])\" r:id=\"\(id)\"/>"
    }
    return Splice(position..<position, element)
  }

  /// The prefix a start tag declares for one of `uris`.
  static func prefix(declaring uris: [String], in tag: String) -> String? {
    for uri in uris {
      for quote in ["\"", "'"] {
        guard let found = tag.firstRange(of: "=\(quote)\(uri)\(quote)") else { continue }
        let before = tag[..<found.lowerBound]
        guard let colon = before.lastIndex(of: ":"), before[..<colon].hasSuffix("xmlns") else { continue }
        return String(before[before.index(after: colon)...])
      }
    }
    return nil
  }
}
