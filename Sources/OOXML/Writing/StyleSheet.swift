// The styles part of a new workbook (`xl/styles.xml`), built by registering the cell
// formats a writer needs.
//
// Fonts, fills, borders and number formats are kept once each, in the order they are
// first asked for, and every distinct ``CellStyle`` becomes one `<xf>` of `cellXfs`: the
// index that a cell's `s` attribute names. Index 0 is always the default style and
// indexes never move, so the same calls give the same part, byte for byte.

/// How a cell looks: font, fill, border, number format and alignment.
public struct CellStyle: Hashable, Sendable {
  public var font: Font
  public var fill: Fill?
  public var border: Border?
  /// A number format code (`dd/mm/yyyy`, `#,##0.00\ "€"`), `nil` for General.
  public var numberFormat: String?
  public var alignment: Alignment?

  public init(font: Font = Font(), fill: Fill? = nil, border: Border? = nil, numberFormat: String? = nil, alignment: Alignment? = nil) {
    self.font = font
    self.fill = fill
    self.border = border
    self.numberFormat = numberFormat
    self.alignment = alignment
  }

  /// A font: face, size, weight and colour (`FF1F3864`, ARGB).
  public struct Font: Hashable, Sendable {
    public var name: String
    public var size: Double
    public var isBold: Bool
    public var isItalic: Bool
    public var argb: String?

    public init(name: String = "Calibri", size: Double = 11, isBold: Bool = false, isItalic: Bool = false, argb: String? = nil) {
      self.name = name
      self.size = size
      self.isBold = isBold
      self.isItalic = isItalic
      self.argb = argb
    }
  }

  /// A solid fill of one colour (ARGB).
  public struct Fill: Hashable, Sendable {
    public var argb: String
    public init(argb: String) { self.argb = argb }
  }

  /// Thin lines of one colour (ARGB) on the sides asked for.
  public struct Border: Hashable, Sendable {
    public var argb: String
    public var left, right, top, bottom: Bool
    /// A medium rather than a thin bottom line (under a header or above a total).
    public var isBottomMedium: Bool

    public init(argb: String, left: Bool = true, right: Bool = true, top: Bool = true, bottom: Bool = true, isBottomMedium: Bool = false) {
      self.argb = argb
      self.left = left
      self.right = right
      self.top = top
      self.bottom = bottom
      self.isBottomMedium = isBottomMedium
    }
  }

  /// Horizontal (`left`, `center`, `right`) and vertical (`top`, `center`) alignment, and
  /// whether text wraps.
  public struct Alignment: Hashable, Sendable {
    public var horizontal: String?
    public var vertical: String?
    public var wraps: Bool
    public var indent: Int

    public init(horizontal: String? = nil, vertical: String? = nil, wraps: Bool = false, indent: Int = 0) {
      self.horizontal = horizontal
      self.vertical = vertical
      self.wraps = wraps
      self.indent = indent
    }
  }
}

/// A differential format (`<dxf>`), what conditional formatting applies over a cell's own.
public struct DifferentialStyle: Hashable, Sendable {
  public var fontARGB: String?
  public var isBold: Bool
  public var isItalic: Bool
  public var fillARGB: String?

  public init(fontARGB: String? = nil, isBold: Bool = false, isItalic: Bool = false, fillARGB: String? = nil) {
    self.fontARGB = fontARGB
    self.isBold = isBold
    self.isItalic = isItalic
    self.fillARGB = fillARGB
  }
}

/// The registry of a new workbook's cell formats, written as `xl/styles.xml`.
public struct StyleSheet: Sendable {
  private var fonts: [CellStyle.Font] = [CellStyle.Font()]
  private var fills: [CellStyle.Fill?] = [nil, nil]  // none, gray125: what every reader expects first
  private var borders: [CellStyle.Border?] = [nil]
  private var numberFormats: [String] = []
  private var styles: [CellStyle]
  private var positions: [CellStyle: Int]
  private var differentials: [DifferentialStyle] = []

  /// A registry whose default style (index 0) has `font`.
  public init(defaultFont: CellStyle.Font = CellStyle.Font()) {
    fonts = [defaultFont]
    let base = CellStyle(font: defaultFont)
    styles = [base]
    positions = [base: 0]
  }

  /// The index of `style` in `cellXfs`, registering it the first time.
  public mutating func index(of style: CellStyle) -> Int {
    if let position = positions[style] { return position }
    if !fonts.contains(style.font) { fonts.append(style.font) }
    if let fill = style.fill, !fills.contains(fill) { fills.append(fill) }
    if let border = style.border, !borders.contains(border) { borders.append(border) }
    if let code = style.numberFormat, Self.builtIn[code] == nil, !numberFormats.contains(code) { numberFormats.append(code) }
    styles.append(style)
    positions[style] = styles.count - 1
    return styles.count - 1
  }

  /// The index of `style` among the differential formats, registering it the first time.
  public mutating func index(of style: DifferentialStyle) -> Int {
    if let position = differentials.firstIndex(of: style) { return position }
    differentials.append(style)
    return differentials.count - 1
  }

  /// Built-in number formats every reader knows by id.
  static let builtIn: [String: Int] = ["General": 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9, "0.00%": 10]

  private func numberFormatID(_ code: String?) -> Int {
    guard let code else { return 0 }
    if let id = Self.builtIn[code] { return id }
    return 164 + (numberFormats.firstIndex(of: code) ?? 0)
  }

  /// The part's XML.
  public var xml: String {
    var out = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
    out += #"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
    if !numberFormats.isEmpty {
      out += "<numFmts count=\"\(numberFormats.count)\">"
      for (offset, code) in numberFormats.enumerated() {
        out += "<numFmt numFmtId=\"\(164 + offset)\" formatCode=\"\(XMLEscaping.attribute(code))\"/>"
      }
      out += "</numFmts>"
    }
    out += "<fonts count=\"\(fonts.count)\">" + fonts.map(Self.fontXML).joined() + "</fonts>"
    out += "<fills count=\"\(fills.count)\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill>"
    for fill in fills.dropFirst(2) {
      guard let fill else { continue }
      out += "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"\(fill.argb)\"/><bgColor indexed=\"64\"/></patternFill></fill>"
    }
    out += "</fills>"
    out += "<borders count=\"\(borders.count)\">" + borders.map(Self.borderXML).joined() + "</borders>"
    out += #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
    out += "<cellXfs count=\"\(styles.count)\">" + styles.map(xfXML).joined() + "</cellXfs>"
    out += #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
    out += "<dxfs count=\"\(differentials.count)\">" + differentials.map(Self.dxfXML).joined() + "</dxfs>"
    out += #"<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>"#
    return out + "</styleSheet>"
  }

  private func xfXML(_ style: CellStyle) -> String {
    let font = fonts.firstIndex(of: style.font) ?? 0
    let fill = style.fill.flatMap { fill in fills.firstIndex(of: fill) } ?? 0
    let border = style.border.flatMap { border in borders.firstIndex(of: border) } ?? 0
    let format = numberFormatID(style.numberFormat)
    var out = "<xf numFmtId=\"\(format)\" fontId=\"\(font)\" fillId=\"\(fill)\" borderId=\"\(border)\" xfId=\"0\""
    if format != 0 { out += " applyNumberFormat=\"1\"" }
    if font != 0 { out += " applyFont=\"1\"" }
    if fill != 0 { out += " applyFill=\"1\"" }
    if border != 0 { out += " applyBorder=\"1\"" }
    guard let alignment = style.alignment else { return out + "/>" }
    out += " applyAlignment=\"1\"><alignment"
    if let horizontal = alignment.horizontal { out += " horizontal=\"\(horizontal)\"" }
    if let vertical = alignment.vertical { out += " vertical=\"\(vertical)\"" }
    if alignment.wraps { out += " wrapText=\"1\"" }
    if alignment.indent > 0 { out += " indent=\"\(alignment.indent)\"" }
    return out + "/></xf>"
  }

  private static func fontXML(_ font: CellStyle.Font) -> String {
    var out = "<font>"
    if font.isBold { out += "<b/>" }
    if font.isItalic { out += "<i/>" }
    out += "<sz val=\"\(CellXML.number(font.size))\"/>"
    out += "<color rgb=\"\(font.argb ?? "FF000000")\"/>"
    return out + "<name val=\"\(XMLEscaping.attribute(font.name))\"/><family val=\"2\"/></font>"
  }

  private static func borderXML(_ border: CellStyle.Border?) -> String {
    guard let border else { return "<border><left/><right/><top/><bottom/><diagonal/></border>" }
    func side(_ name: String, _ isOn: Bool, medium: Bool = false) -> String {
      isOn ? "<\(name) style=\"\(medium ? "medium" : "thin")\"><color rgb=\"\(border.argb)\"/></\(name)>" : "<\(name)/>"
    }
    return "<border>" + side("left", border.left) + side("right", border.right) + side("top", border.top)
      + side("bottom", border.bottom, medium: border.isBottomMedium) + "<diagonal/></border>"
  }

  private static func dxfXML(_ style: DifferentialStyle) -> String {
    var out = "<dxf>"
    if style.fontARGB != nil || style.isBold || style.isItalic {
      out += "<font>"
      if style.isBold { out += "<b/>" }
      if style.isItalic { out += "<i/>" }
      if let argb = style.fontARGB { out += "<color rgb=\"\(argb)\"/>" }
      out += "</font>"
    }
    if let argb = style.fillARGB {
      out += "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"\(argb)\"/><bgColor rgb=\"\(argb)\"/></patternFill></fill>"
    }
    return out + "</dxf>"
  }
}
