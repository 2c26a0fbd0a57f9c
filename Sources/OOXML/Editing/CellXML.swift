/// Writes `<c>` elements in SpreadsheetML.
struct CellXML {
  /// The prefix the sheet uses for SpreadsheetML (`x` in `<x:c>`), if any.
  let prefix: String?

  private func tag(_ name: String) -> String { prefix.map { "\($0):\(name)" } ?? name }

  /// A cell holding `value` with style `style` (no formula).
  func cell(_ reference: CellReference, style: Int, value: CellInput, dateSystem: DateSystem) -> String {
    let c = tag("c")
    let open = "<\(c) r=\"\(reference)\"" + (style != 0 ? " s=\"\(style)\"" : "")
    switch value {
    case .empty:
      return open + "/>"
    case let .string(text):
      let t = tag("t")
      let space = XMLEscaping.needsPreserve(text) ? " xml:space=\"preserve\"" : ""
      return open + " t=\"inlineStr\"><\(tag("is"))><\(t)\(space)>\(XMLEscaping.content(text))</\(t)></\(tag("is"))></\(c)>"
    case let .number(number):
      return open + "><\(tag("v"))>\(Self.number(number))</\(tag("v"))></\(c)>"
    case let .bool(flag):
      return open + " t=\"b\"><\(tag("v"))>\(flag ? 1 : 0)</\(tag("v"))></\(c)>"
    case let .date(day):
      // (A day Excel cannot show, before its first or after its last, is written as its
      // text, never as a negative or impossible serial.)
      guard dateSystem.canShow(day) else { return cell(reference, style: style, value: .string(day.description), dateSystem: dateSystem) }
      return open + "><\(tag("v"))>\(dateSystem.serial(of: day))</\(tag("v"))></\(c)>"
    }
  }

  /// A cell holding a formula, with its cached value when it is known.
  func formulaCell(_ reference: CellReference, style: Int, formula: String, cached: Double?) -> String {
    let c = tag("c")
    let f = tag("f")
    var text = "<\(c) r=\"\(reference)\"" + (style != 0 ? " s=\"\(style)\"" : "") + "><\(f)>\(XMLEscaping.content(formula))</\(f)>"
    if let cached { text += "<\(tag("v"))>\(Self.number(cached))</\(tag("v"))>" }
    return text + "</\(c)>"
  }

  /// A number as SpreadsheetML writes it: the shortest text that reads back the same,
  /// integers without a fraction.
  static func number(_ value: Double) -> String { value.spreadsheetText }
}

extension Double {
  /// The number as a spreadsheet stores and shows it plainly: the shortest text that
  /// reads back the same, integers without a fraction (`42`, `0.2`).
  public var spreadsheetText: String {
    if self == rounded(), abs(self) < 1e15 { return String(Int64(self)) }
    return "\(self)"
  }
}
