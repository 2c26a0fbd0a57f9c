import SafeXML

/// Adds cell formats to `styles.xml` when an edit needs one that does not exist: a date
/// format for a date written into a cell formatted otherwise, a highlight fill.
///
/// New `<xf>` entries are clones of the cell's own format with one thing changed, appended
/// at the end of `cellXfs` (existing indexes never move), and reused within a save.
///
/// A workbook written without formats (no styles part, as some generators write, or one
/// without `cellXfs`) gets what a format needs: the default font, fills, border and cell
/// format Excel expects, in the schema's order, and the new formats after them; the
/// elements it has (number formats, conditional formats' `dxfs`) stay as they are.
final class StylesEditor {
  private let part: SpannedPart?
  private let styles: Styles
  private let file: String
  private var newFormats: [String] = []
  private var newFills: [String] = []
  private var cache: [String: Int] = [:]
  private let cellFormatCount: Int
  /// Whether the workbook has cell formats of its own.
  private let hasCellFormats: Bool
  private let fillCount: Int

  /// The built-in short-date format (shown as `dd/mm/yyyy` in a French Excel).
  static let dateFormatID = 14

  init(part: SpannedPart?, styles: Styles, file: String) {
    self.part = part
    self.styles = styles
    self.file = file
    let ns = XMLNamespace.spreadsheetML
    let existing = part?.root.child("cellXfs", in: ns)?.children("xf", in: ns).count ?? 0
    // Without cell formats, index 0 is the default one this save adds.
    hasCellFormats = existing > 0
    cellFormatCount = existing == 0 ? 1 : existing
    // Without a <fills>, one is added holding the two fills Excel reserves (none, gray125).
    fillCount = part?.root.child("fills", in: ns)?.children("fill", in: ns).count ?? 2
  }


  /// The default cell format of a workbook that has none.
  static let defaultFormat = "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"

  /// The elements Excel expects before `cellXfs`, with one default each, and the schema's
  /// order of a stylesheet's children.
  static let skeleton: [(name: String, xml: @Sendable (String) -> String)] = [
    ("fonts", { p in "<\(p)fonts count=\"1\"><\(p)font><\(p)sz val=\"11\"/><\(p)name val=\"Calibri\"/></\(p)font></\(p)fonts>" }),
    ("fills", { p in fills(prefix: p, adding: []) }),
    ("borders", { p in "<\(p)borders count=\"1\"><\(p)border><\(p)left/><\(p)right/><\(p)top/><\(p)bottom/><\(p)diagonal/></\(p)border></\(p)borders>" }),
    ("cellStyleXfs", { p in "<\(p)cellStyleXfs count=\"1\"><\(p)xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></\(p)cellStyleXfs>" }),
  ]
  /// A `<fills>` holding the two fills Excel reserves (none, gray125), then `extra`.
  static func fills(prefix p: String, adding extra: [String]) -> String {
    "<\(p)fills count=\"\(2 + extra.count)\"><\(p)fill><\(p)patternFill patternType=\"none\"/></\(p)fill>"
      + "<\(p)fill><\(p)patternFill patternType=\"gray125\"/></\(p)fill>\(extra.joined())</\(p)fills>"
  }

  static let order = ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs", "tableStyles", "colors", "extLst"]

  /// Whether anything was added.
  var hasChanges: Bool { !newFormats.isEmpty || !newFills.isEmpty }

  /// A format that shows dates, based on `style`: `style` itself when it already does.
  func dateStyle(basedOn style: Int) throws -> Int {
    if styles.kind(ofStyle: style) == .date { return style }
    return try clone(style, key: "date") { element in
      element.settingAttribute("numFmtId", to: String(Self.dateFormatID)).settingAttribute("applyNumberFormat", to: "1")
    }
  }

  /// A format like `style` with a solid fill of colour `argb` (`FFFFC7CE`): `style` itself
  /// when it has that fill already (a cell highlighted twice is highlighted once).
  func highlightStyle(basedOn style: Int, argb: String) throws -> Int {
    if fillColour(ofStyle: style) == argb { return style }
    let fillID = try fill(argb: argb)
    return try clone(style, key: "fill:\(fillID)") { element in
      element.settingAttribute("fillId", to: String(fillID)).settingAttribute("applyFill", to: "1")
    }
  }

  /// The colours Suivi highlights with (a conflict's).
  static let highlightColours: Set<String> = ["FFFFC7CE"]

  /// The format a highlight was cloned from: the earlier format identical to `style` but
  /// for its fill, and not itself highlighted. When there is none (a program that saved the
  /// workbook again renumbered its formats, and kept only the highlighted one), the same
  /// format without a fill. `nil` when `style` is not highlighted.
  func unhighlightedStyle(of style: Int) throws -> Int? {
    let ns = XMLNamespace.spreadsheetML
    guard let part, let xfs = part.root.child("cellXfs", in: ns)?.children("xf", in: ns), xfs.indices.contains(style),
      OpenTag(Array(part.bytes[xfs[style].start..<xfs[style].startTagEnd])).attribute("applyFill") == "1"
        || fillColour(ofStyle: style).map(Self.highlightColours.contains) == true
    else { return nil }
    func withoutFill(_ node: SpanNode) -> [UInt8] {
      let tag = OpenTag(Array(part.bytes[node.start..<node.startTagEnd])).removingAttribute("fillId").removingAttribute("applyFill")
      return tag.closed(true).bytes + (node.isSelfClosing ? [] : Array(part.bytes[node.startTagEnd..<node.end]))
    }
    let target = withoutFill(xfs[style])
    if let earlier = xfs[..<style].indices.first(where: { withoutFill(xfs[$0]) == target && !isHighlighted($0) }) { return earlier }
    guard isHighlighted(style) else { return nil }
    return try clone(style, key: "nofill") { element in element.settingAttribute("fillId", to: "0").removingAttribute("applyFill") }
  }

  /// `style`, or the format it would have without Suivi's highlight (a row copied from a
  /// highlighted one is not in conflict).
  func withoutHighlight(_ style: Int) throws -> Int {
    guard isHighlighted(style) else { return style }
    return try unhighlightedStyle(of: style) ?? style
  }

  /// Whether `style` fills its cells with one of Suivi's highlight colours.
  func isHighlighted(_ style: Int) -> Bool {
    fillColour(ofStyle: style).map(Self.highlightColours.contains) == true
  }

  /// The colour of the solid fill of format `style`, as `AARRGGBB`; `nil` for no solid fill.
  func fillColour(ofStyle style: Int) -> String? {
    let ns = XMLNamespace.spreadsheetML
    guard let part, let xfs = part.root.child("cellXfs", in: ns)?.children("xf", in: ns) else { return nil }
    let fillID: Int?
    if xfs.indices.contains(style) {
      fillID = xfs[style].attribute("fillId").flatMap(Int.init)
    } else if style >= cellFormatCount, newFormats.indices.contains(style - cellFormatCount) {
      fillID = OpenTag(Array(newFormats[style - cellFormatCount].utf8)).attribute("fillId").flatMap(Int.init)
    } else {
      fillID = nil
    }
    guard let fillID else { return nil }
    if fillID >= fillCount {
      return cache.first { $0.key.hasPrefix("fill-") && $0.value == fillID }.map { String($0.key.dropFirst(5)) }
    }
    guard let fills = part.root.child("fills", in: ns)?.children("fill", in: ns), fills.indices.contains(fillID),
      let pattern = fills[fillID].child("patternFill", in: ns), pattern.attribute("patternType") == "solid"
    else { return nil }
    return pattern.child("fgColor", in: ns)?.attribute("rgb")?.uppercased()
  }

  private func fill(argb: String) throws -> Int {
    if let id = cache["fill-\(argb)"] { return id }
    let p = prefix
    newFills.append(
      "<\(p)fill><\(p)patternFill patternType=\"solid\"><\(p)fgColor rgb=\"\(XMLEscaping.attribute(argb))\"/><\(p)bgColor indexed=\"64\"/></\(p)patternFill></\(p)fill>")
    let id = fillCount + newFills.count - 1
    cache["fill-\(argb)"] = id
    return id
  }

  private func clone(_ style: Int, key: String, change: (OpenTag) -> OpenTag) throws -> Int {
    let cacheKey = "\(style)|\(key)"
    if let index = cache[cacheKey] { return index }
    let ns = XMLNamespace.spreadsheetML
    if let part, let xfs = part.root.child("cellXfs", in: ns)?.children("xf", in: ns), !xfs.isEmpty {
      let original = xfs[style >= 0 && style < xfs.count ? style : 0]
      let tag = OpenTag(Array(part.bytes[original.start..<original.startTagEnd]))
      var xml = change(tag).text
      if !original.isSelfClosing { xml += String(decoding: part.bytes[original.startTagEnd..<original.end], as: UTF8.self) }
      newFormats.append(xml)
    } else {
      // No formats of its own: a clone of the default one this save adds.
      var xml = change(OpenTag(Array(Self.defaultFormat.utf8))).text
      if let prefix = part?.root.prefix { xml = "<\(prefix):" + xml.dropFirst() }
      newFormats.append(xml)
    }
    let index = cellFormatCount + newFormats.count - 1
    cache[cacheKey] = index
    return index
  }

  private var prefix: String { part?.root.prefix.map { "\($0):" } ?? "" }

  /// A whole styles part for a workbook that has none: the defaults, then the new fills and
  /// formats.
  func newPart() -> [UInt8] {
    var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    for (name, element) in Self.skeleton { xml += name == "fills" ? Self.fills(prefix: "", adding: newFills) : element("") }
    xml += "<cellXfs count=\"\(1 + newFormats.count)\">\(Self.defaultFormat)\(newFormats.joined())</cellXfs>"
    xml += "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles></styleSheet>"
    return Array(xml.utf8)
  }

  /// The splices that add the new fills and formats, with the counts updated.
  func splices() -> [Splice] {
    guard let part, hasChanges else { return [] }
    let ns = XMLNamespace.spreadsheetML
    let p = prefix
    /// Where an element the part lacks goes: before the first later one it has.
    func position(before name: String) -> Int {
      let later = Self.order.drop { $0 != name }.dropFirst()
      return part.root.children.first { later.contains($0.localName) }?.start ?? part.root.endTagStart
    }
    var result: [Splice] = []
    var insertions: [(Int, String)] = []
    // The elements missing: the fills a new fill needs; without cell formats, all a cell
    // format needs, and the cell formats themselves.
    let needed = hasCellFormats ? (newFills.isEmpty ? [] : ["fills"]) : Self.skeleton.map(\.name)
    for (name, element) in Self.skeleton where needed.contains(name) && part.root.child(name, in: ns) == nil {
      insertions.append((position(before: name), name == "fills" ? Self.fills(prefix: p, adding: newFills) : element(p)))
    }
    var extended = [("fills", newFills)]
    if hasCellFormats {
      extended.append(("cellXfs", newFormats))
    } else {
      let defaultFormat = p.isEmpty ? Self.defaultFormat : "<\(p)" + Self.defaultFormat.dropFirst()
      let cellXfs = "<\(p)cellXfs count=\"\(1 + newFormats.count)\">\(defaultFormat)\(newFormats.joined())</\(p)cellXfs>"
      if let empty = part.root.child("cellXfs", in: ns) {
        result.append(Splice(empty.start..<empty.end, cellXfs))
      } else {
        insertions.append((position(before: "cellXfs"), cellXfs))
      }
    }
    // The elements it has: the new entries after theirs, the count updated.
    for (name, additions) in extended where !additions.isEmpty {
      guard let element = part.root.child(name, in: ns) else { continue }
      let count = element.children.count + additions.count
      var tag = OpenTag(Array(part.bytes[element.start..<element.startTagEnd]))
      if tag.attribute("count") != nil { tag = tag.settingAttribute("count", to: String(count)) }
      if element.isSelfClosing {
        result.append(Splice(element.start..<element.end, tag.closed(false).text + additions.joined() + "</\(element.qualifiedName)>"))
      } else {
        result.append(Splice(element.start..<element.startTagEnd, tag.text))
        result.append(Splice(element.endTagStart..<element.endTagStart, additions.joined()))
      }
    }
    // Insertions at one place are one splice, in the schema's order.
    var atOffset: [Int: String] = [:]
    var offsets: [Int] = []
    for (offset, text) in insertions {
      if atOffset[offset] == nil { offsets.append(offset) }
      atOffset[offset, default: ""] += text
    }
    return result + offsets.map { Splice($0..<$0, atOffset[$0]!) }
  }
}
