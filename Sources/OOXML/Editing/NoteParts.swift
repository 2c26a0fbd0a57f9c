import SafeXML

/// The two parts behind a sheet's notes, written as Excel writes them.
///
/// The comments part (`xl/commentsN.xml`) holds each note's text and author; the VML
/// drawing (`xl/drawings/vmlDrawingN.vml`) holds each note's box, without which Excel
/// shows no note. An existing comments part is spliced (other notes stay byte for byte);
/// VML is not always well-formed XML, so an existing drawing is edited as text, shape by
/// shape.
enum NoteParts {
  static let commentsContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"
  static let vmlContentType = "application/vnd.openxmlformats-officedocument.vmlDrawing"

  /// One `<comment>` element.
  static func comment(_ reference: CellReference, authorID: Int, text: String, prefix p: String) -> String {
    let space = XMLEscaping.needsPreserve(text) ? " xml:space=\"preserve\"" : ""
    return "<\(p)comment ref=\"\(reference)\" authorId=\"\(authorID)\"><\(p)text><\(p)t\(space)>\(XMLEscaping.content(text))</\(p)t></\(p)text></\(p)comment>"
  }

  /// A new comments part holding `notes`.
  static func newComments(_ notes: [(CellReference, text: String, author: String)]) -> [UInt8] {
    var authors: [String] = []
    var list = ""
    for (reference, text, author) in notes.sorted(by: { ($0.0.row, $0.0.column) < ($1.0.row, $1.0.column) }) {
      let id = authors.firstIndex(of: author) ?? authors.count
      if id == authors.count { authors.append(author) }
      list += comment(reference, authorID: id, text: text, prefix: "")
    }
    let authorsXML = authors.map { "<author>\(XMLEscaping.content($0))</author>" }.joined()
    return Array(("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      + "<comments xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><authors>\(authorsXML)</authors>"
      + "<commentList>\(list)</commentList></comments>").utf8)
  }

  /// The splices that apply `notes` to an existing comments part, and how many notes the
  /// part holds afterwards.
  static func editComments(
    _ part: SpannedPart, notes: [CellReference: NoteEdit], file: String, sheet: String, hasThreadedComments: Bool
  ) throws -> (splices: [Splice], remaining: Int) {
    let ns = XMLNamespace.spreadsheetML
    let p = part.root.prefix.map { "\($0):" } ?? ""
    guard let list = part.root.child("commentList", in: ns), !list.isSelfClosing,
      let authorsNode = part.root.child("authors", in: ns), !authorsNode.isSelfClosing
    else {
      throw OOXMLError.invalidPackage(file: file, part: part.name, reason: "the comments part has no author or comment list to edit")
    }
    var authors = authorsNode.children("author", in: ns).map(\.text)
    let originalAuthorCount = authors.count
    var existing: [CellReference: SpanNode] = [:]
    for node in list.children("comment", in: ns) {
      if let reference = node.attribute("ref").flatMap({ CellRange($0)?.first }) { existing[reference] = node }
    }
    var splices: [Splice] = []
    var remaining = existing.count
    var insertions: [(CellReference, String)] = []
    for (reference, edit) in notes {
      if existing[reference] != nil, hasThreadedComments {
        throw OOXMLError.editRefused(file: file, sheet: sheet, cell: reference.description, reason: "the cell holds a threaded comment; edit it in Excel")
      }
      switch edit {
      case .remove:
        if let node = existing[reference] {
          splices.append(Splice(node.start..<node.end, ""))
          remaining -= 1
        }
      case let .set(text, author):
        let id = authors.firstIndex(of: author) ?? authors.count
        if id == authors.count { authors.append(author) }
        let element = comment(reference, authorID: id, text: text, prefix: p)
        if let node = existing[reference] {
          splices.append(Splice(node.start..<node.end, element))
        } else {
          insertions.append((reference, element))
          remaining += 1
        }
      }
    }
    // New comments go in sheet order, before the first existing one that follows them.
    let ordered = existing.sorted { ($0.key.row, $0.key.column) < ($1.key.row, $1.key.column) }
    for (reference, element) in insertions.sorted(by: { ($0.0.row, $0.0.column) < ($1.0.row, $1.0.column) }) {
      let next = ordered.first { ($0.key.row, $0.key.column) > (reference.row, reference.column) }?.value
      let position = next?.start ?? list.endTagStart
      splices.append(Splice(position..<position, element))
    }
    let newAuthors = authors[originalAuthorCount...].map { "<\(p)author>\(XMLEscaping.content($0))</\(p)author>" }.joined()
    if !newAuthors.isEmpty { splices.append(Splice(authorsNode.endTagStart..<authorsNode.endTagStart, newAuthors)) }
    return (splices, remaining)
  }
}

// MARK: VML

extension NoteParts {
  /// The prefixes a VML drawing gives the three namespaces a note's box uses (`v:` for VML,
  /// `o:` for Office, `x:` for Excel, as Excel writes them; `ns1:`, `ns0:`, `ns2:` as openpyxl
  /// does; empty for the default namespace). Read from the root's declarations, by
  /// namespace, never assumed.
  struct VMLPrefixes {
    static let vml = "urn:schemas-microsoft-com:vml"
    static let office = "urn:schemas-microsoft-com:office:office"
    static let excel = "urn:schemas-microsoft-com:office:excel"
    static let excelDefault = VMLPrefixes(v: "v:", o: "o:", x: "x:")

    var v: String
    var o: String
    var x: String

    /// The prefixes `text`'s root declares; a namespace it does not declare is given the
    /// prefix Excel uses, declared by `missing` (to add to the root's start tag).
    static func of(_ text: String) -> (prefixes: VMLPrefixes, missing: String)? {
      // The root is `<xml …>` (after an XML declaration, if any).
      guard let open = text.ranges(of: "<xml").first(where: { range in
        range.upperBound < text.endIndex && (text[range.upperBound].isWhitespace || text[range.upperBound] == ">")
      }), let close = text[open.upperBound...].firstIndex(of: ">") else { return nil }
      let root = text[open.lowerBound..<close]
      func prefix(of uri: String) -> String? {
        for quote in ["\"", "'"] {
          guard let found = root.firstRange(of: "=\(quote)\(uri)\(quote)") else { continue }
          let before = root[..<found.lowerBound]
          guard let xmlns = before.ranges(of: "xmlns").last else { continue }
          let name = before[xmlns.upperBound...]
          if name.isEmpty { return "" }
          if name.hasPrefix(":") { return String(name.dropFirst()) + ":" }
        }
        return nil
      }
      var missing = ""
      func resolve(_ uri: String, default name: String) -> String {
        if let found = prefix(of: uri) { return found }
        missing += " xmlns:\(name)=\"\(uri)\""
        return name + ":"
      }
      let prefixes = VMLPrefixes(v: resolve(vml, default: "v"), o: resolve(office, default: "o"), x: resolve(excel, default: "x"))
      // (A prefix Excel uses, taken by another namespace, cannot be declared again.)
      guard missing.isEmpty || !["v", "o", "x"].contains(where: { name in
        missing.contains("xmlns:\(name)=") && root.contains("xmlns:\(name)=")
      }) else { return nil }
      return (prefixes, missing)
    }
  }

  /// A new VML drawing with a box for each cell.
  static func newDrawing(cells: [CellReference], idmap: Int) -> [UInt8] {
    let p = VMLPrefixes.excelDefault
    var text = "<xml xmlns:v=\"urn:schemas-microsoft-com:vml\"\n xmlns:o=\"urn:schemas-microsoft-com:office:office\"\n"
      + " xmlns:x=\"urn:schemas-microsoft-com:office:excel\">\n"
      + " <o:shapelayout v:ext=\"edit\">\n  <o:idmap v:ext=\"edit\" data=\"\(idmap)\"/>\n </o:shapelayout>"
      + shapeType(p)
    for (offset, cell) in cells.enumerated() { text += shape(cell, id: idmap * 1024 + 1 + offset, p) }
    return Array((text + "</xml>\n").utf8)
  }

  /// `drawing` with boxes added for `added` cells and removed for `removed` cells, written
  /// with the prefixes the drawing gives VML's namespaces (a drawing another program saved
  /// may use others than Excel's).
  /// - Throws: when the drawing is not a VML drawing Suivi can read.
  static func editDrawing(
    _ drawing: [UInt8], adding added: [CellReference], removing removed: Set<CellReference>, file: String, part: String
  ) throws -> [UInt8] {
    var text = String(decoding: drawing, as: UTF8.self)
    guard let (p, missing) = VMLPrefixes.of(text), let end = text.ranges(of: "</xml>").last else {
      throw OOXMLError.invalidPackage(file: file, part: part, reason: "not a VML drawing whose namespaces Suivi can read")
    }
    let shapes = noteShapes(in: text, p)
    var body = ""
    if !text.contains("id=\"_x0000_t202\"") { body += shapeType(p) }
    var nextID = maxShapeID(in: text) + 1
    for cell in added where shapes[cell] == nil {
      body += shape(cell, id: nextID, p)
      nextID += 1
    }
    text.replaceSubrange(end, with: body + "</xml>")
    for range in removed.compactMap({ shapes[$0] }).sorted(by: { $0.lowerBound > $1.lowerBound }) {
      text.removeSubrange(range)
    }
    if !missing.isEmpty, let root = text.firstRange(of: "<xml") { text.insert(contentsOf: missing, at: root.upperBound) }
    return Array(text.utf8)
  }

  /// The cells that have a note's box in a VML drawing, with the box's text range.
  static func noteShapes(in text: String, _ p: VMLPrefixes = .excelDefault) -> [CellReference: Range<String.Index>] {
    var result: [CellReference: Range<String.Index>] = [:]
    var searchStart = text.startIndex
    while let open = text[searchStart...].firstRange(of: "<\(p.v)shape "), let close = text[open.upperBound...].firstRange(of: "</\(p.v)shape>") {
      let shapeText = text[open.lowerBound..<close.upperBound]
      searchStart = close.upperBound
      guard shapeText.contains("ObjectType=\"Note\""), let row = number(in: shapeText, tag: "\(p.x)Row"),
        let column = number(in: shapeText, tag: "\(p.x)Column"), let cell = CellReference(column: column + 1, row: row + 1)
      else { continue }
      result[cell] = open.lowerBound..<close.upperBound
    }
    return result
  }

  /// The highest `o:idmap` block a drawing of the package uses.
  static func idmap(in text: String) -> Int {
    guard let start = text.firstRange(of: "data=\"")?.upperBound else { return 0 }
    return Int(text[start...].prefix { $0.isNumber }) ?? 0
  }

  private static func number(in text: Substring, tag: String) -> Int? {
    guard let open = text.firstRange(of: "<\(tag)>"), let close = text[open.upperBound...].firstRange(of: "</\(tag)>") else { return nil }
    return Int(text[open.upperBound..<close.lowerBound].filter { !$0.isWhitespace })
  }

  private static func maxShapeID(in text: String) -> Int {
    var result = 1024
    var searchStart = text.startIndex
    while let found = text[searchStart...].firstRange(of: "_x0000_s") {
      let digits = text[found.upperBound...].prefix { $0.isNumber }
      if let value = Int(digits) { result = max(result, value) }
      searchStart = found.upperBound
    }
    return result
  }

  private static func shapeType(_ p: VMLPrefixes) -> String {
    "<\(p.v)shapetype id=\"_x0000_t202\" coordsize=\"21600,21600\" \(p.o)spt=\"202\"\n"
      + "  path=\"m,l,21600r21600,l21600,xe\">\n  <\(p.v)stroke joinstyle=\"miter\"/>\n"
      + "  <\(p.v)path gradientshapeok=\"t\" \(p.o)connecttype=\"rect\"/>\n </\(p.v)shapetype>"
  }

  /// A hidden note box beside `cell`, anchored as Excel anchors a new note.
  private static func shape(_ cell: CellReference, id: Int, _ p: VMLPrefixes) -> String {
    let column = cell.column - 1
    let row = cell.row - 1
    let top = max(row - 1, 0)
    let (v, o, x) = (p.v, p.o, p.x)
    return "<\(v)shape id=\"_x0000_s\(id)\" type=\"#_x0000_t202\" style='position:absolute;margin-left:59.25pt;"
      + "margin-top:1.5pt;width:108pt;height:59.25pt;z-index:1;visibility:hidden' fillcolor=\"#ffffe1\" \(o)insetmode=\"auto\">\n"
      + "  <\(v)fill color2=\"#ffffe1\"/>\n  <\(v)shadow on=\"t\" color=\"black\" obscured=\"t\"/>\n  <\(v)path \(o)connecttype=\"none\"/>\n"
      + "  <\(v)textbox style='mso-direction-alt:auto'>\n   <div style='text-align:left'></div>\n  </\(v)textbox>\n"
      + "  <\(x)ClientData ObjectType=\"Note\">\n   <\(x)MoveWithCells/>\n   <\(x)SizeWithCells/>\n"
      + "   <\(x)Anchor>\n    \(column + 1), 15, \(top), 2, \(column + 3), 15, \(top + 4), 16</\(x)Anchor>\n"
      + "   <\(x)AutoFill>False</\(x)AutoFill>\n   <\(x)Row>\(row)</\(x)Row>\n   <\(x)Column>\(column)</\(x)Column>\n  </\(x)ClientData>\n </\(v)shape>"
  }

}
