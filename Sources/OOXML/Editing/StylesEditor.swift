/// Adds cell formats to `styles.xml` when an edit needs one that does not exist: a date
/// format for a date written into a cell formatted otherwise, a highlight fill.
///
/// New `<xf>` entries are clones of the cell's own format with one thing changed, appended
/// at the end of `cellXfs` (existing indexes never move), and reused within a save.
final class StylesEditor {
  private let part: SpannedPart?
  private let styles: Styles
  private let file: String
  private var newFormats: [String] = []
  private var newFills: [String] = []
  private var cache: [String: Int] = [:]
  private let cellFormatCount: Int
  private let fillCount: Int

  /// The built-in short-date format (shown as `dd/mm/yyyy` in a French Excel).
  static let dateFormatID = 14

  init(part: SpannedPart?, styles: Styles, file: String) {
    self.part = part
    self.styles = styles
    self.file = file
    let ns = XMLNamespace.spreadsheetML
    cellFormatCount = part?.root.child("cellXfs", in: ns)?.children("xf", in: ns).count ?? 0
    // Without a <fills>, one is added holding the two fills Excel reserves (none, gray125).
    fillCount = part?.root.child("fills", in: ns)?.children("fill", in: ns).count ?? 2
  }

  /// Whether the workbook has formats to clone new ones from.
  var canAddFormats: Bool {
    part?.root.child("cellXfs", in: XMLNamespace.spreadsheetML)?.children("xf", in: XMLNamespace.spreadsheetML).isEmpty == false
  }

  /// Whether anything was added.
  var hasChanges: Bool { !newFormats.isEmpty || !newFills.isEmpty }

  /// A format that shows dates, based on `style`: `style` itself when it already does.
  func dateStyle(basedOn style: Int) throws -> Int {
    if styles.kind(ofStyle: style) == .date { return style }
    return try clone(style, key: "date") { element in
      element.settingAttribute("numFmtId", to: String(Self.dateFormatID)).settingAttribute("applyNumberFormat", to: "1")
    }
  }

  /// A format like `style` with a solid fill of colour `argb` (`FFFFC7CE`).
  func highlightStyle(basedOn style: Int, argb: String) throws -> Int {
    let fillID = try fill(argb: argb)
    return try clone(style, key: "fill:\(fillID)") { element in
      element.settingAttribute("fillId", to: String(fillID)).settingAttribute("applyFill", to: "1")
    }
  }

  /// The format a highlight was cloned from: the earlier format identical to `style` but
  /// for its fill. `nil` when `style` is not such a clone.
  func unhighlightedStyle(of style: Int) -> Int? {
    let ns = XMLNamespace.spreadsheetML
    guard let part, let xfs = part.root.child("cellXfs", in: ns)?.children("xf", in: ns), xfs.indices.contains(style),
      OpenTag(Array(part.bytes[xfs[style].start..<xfs[style].startTagEnd])).attribute("applyFill") == "1"
    else { return nil }
    func withoutFill(_ node: SpanNode) -> [UInt8] {
      let tag = OpenTag(Array(part.bytes[node.start..<node.startTagEnd])).removingAttribute("fillId").removingAttribute("applyFill")
      return tag.closed(true).bytes + (node.isSelfClosing ? [] : Array(part.bytes[node.startTagEnd..<node.end]))
    }
    let target = withoutFill(xfs[style])
    return xfs[..<style].firstIndex { withoutFill($0) == target }
  }

  private func fill(argb: String) throws -> Int {
    if let id = cache["fill-\(argb)"] { return id }
    guard part != nil else {
      throw OOXMLError.invalidPackage(file: file, part: "xl/styles.xml", reason: "the workbook has no styles part to add a highlight to")
    }
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
    guard let part, let xfs = part.root.child("cellXfs", in: ns)?.children("xf", in: ns), !xfs.isEmpty else {
      throw OOXMLError.invalidPackage(file: file, part: part?.name ?? "xl/styles.xml", reason: "no cell formats (cellXfs) to base a new one on")
    }
    let original = xfs[style >= 0 && style < xfs.count ? style : 0]
    let tag = OpenTag(Array(part.bytes[original.start..<original.startTagEnd]))
    var xml = change(tag).text
    if !original.isSelfClosing { xml += String(decoding: part.bytes[original.startTagEnd..<original.end], as: UTF8.self) }
    newFormats.append(xml)
    let index = cellFormatCount + newFormats.count - 1
    cache[cacheKey] = index
    return index
  }

  private var prefix: String { part?.root.prefix.map { "\($0):" } ?? "" }

  /// The splices that add the new fills and formats, with the counts updated.
  func splices() -> [Splice] {
    guard let part, hasChanges else { return [] }
    let ns = XMLNamespace.spreadsheetML
    var result: [Splice] = []
    if !newFills.isEmpty, part.root.child("fills", in: ns) == nil {
      let p = prefix
      let defaults = "<\(p)fill><\(p)patternFill patternType=\"none\"/></\(p)fill><\(p)fill><\(p)patternFill patternType=\"gray125\"/></\(p)fill>"
      let anchor = part.root.child("fonts", in: ns) ?? part.root.child("numFmts", in: ns)
      let position = anchor?.end ?? part.root.startTagEnd
      result.append(Splice(position..<position, "<\(p)fills count=\"\(2 + newFills.count)\">\(defaults)\(newFills.joined())</\(p)fills>"))
    }
    for (name, additions) in [("fills", newFills), ("cellXfs", newFormats)] where !additions.isEmpty {
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
    return result
  }
}
