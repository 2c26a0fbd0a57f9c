import OOXML

/// The model sheet's cell formats, made from the description's palette and number
/// formats: one registry for the workbook, asked by role and format name.
struct TemplateStyles {
  /// What a cell is, which decides its font, fill and border.
  enum Role: Hashable {
    /// A column header: white bold text on the header colour.
    case header
    /// A cell of a table's body: thin grid lines.
    case body
    /// A cell the reader may change (a parameter): the input colour.
    case input
    /// A total line: bold, a line above.
    case total
    /// A sheet's title: large, the header colour.
    case title
    /// A label or value standing alone: no border.
    case plain
    /// A value standing alone, in bold.
    case strong
  }

  private(set) var sheet: StyleSheet
  private let model: TemplateModel
  private let language: TemplateLanguage
  private var cache: [String: Int] = [:]

  init(model: TemplateModel, language: TemplateLanguage) {
    self.model = model
    self.language = language
    sheet = StyleSheet(defaultFont: CellStyle.Font(name: model.palette["font"] ?? "Calibri", size: 11, argb: model.palette["ink"]))
  }

  func color(_ name: String) -> String { model.palette[name] ?? "FF000000" }

  /// The format index of a cell with `role` and the number format named `format`
  /// (`date`, `money`…; `text`, `wrap` or `nil` for none).
  mutating func index(_ role: Role, format: String? = nil) -> Int {
    let key = "\(role)|\(format ?? "")"
    if let index = cache[key] { return index }
    let index = sheet.index(of: style(role, format: format))
    cache[key] = index
    return index
  }

  /// A differential format for conditional formatting: `late`, `disputed`, `quiet`.
  mutating func highlight(_ name: String) throws -> Int {
    switch name {
    case "late": return sheet.index(of: DifferentialStyle(fontARGB: color("lateText"), fillARGB: color("lateFill")))
    case "disputed": return sheet.index(of: DifferentialStyle(fontARGB: color("disputedText"), fillARGB: color("disputedFill")))
    case "quiet": return sheet.index(of: DifferentialStyle(fontARGB: color("quietText")))
    default: throw TemplateError.invalidModel("no highlight style \(name)")
    }
  }

  private func style(_ role: Role, format: String?) -> CellStyle {
    let fontName = model.palette["font"] ?? "Calibri"
    var font = CellStyle.Font(name: fontName, size: 11, argb: color("ink"))
    let grid = CellStyle.Border(argb: color("grid"))
    let code = format.flatMap { model.formats[$0]?[language] }
    var alignment = CellStyle.Alignment(vertical: "center", wraps: format == "wrap")
    var style = CellStyle(font: font, numberFormat: code, alignment: alignment)
    switch role {
    case .header:
      font.isBold = true
      font.argb = color("headerText")
      style.font = font
      style.fill = CellStyle.Fill(argb: color("header"))
      style.border = grid
      style.alignment = CellStyle.Alignment(horizontal: "center", vertical: "center", wraps: true)
      if format == "left" { style.alignment?.horizontal = "left" }
      style.numberFormat = nil
    case .body:
      style.border = grid
    case .input:
      style.border = grid
      style.fill = CellStyle.Fill(argb: color("input"))
    case .total:
      font.isBold = true
      style.font = font
      style.fill = CellStyle.Fill(argb: color("band"))
      style.border = CellStyle.Border(argb: color("grid"))
    case .title:
      font.isBold = true
      font.size = 16
      font.argb = color("header")
      style.font = font
      alignment.vertical = "center"
      style.alignment = alignment
    case .plain:
      break
    case .strong:
      font.isBold = true
      style.font = font
      style.alignment = CellStyle.Alignment(horizontal: "left", vertical: "center")
    }
    return style
  }
}
