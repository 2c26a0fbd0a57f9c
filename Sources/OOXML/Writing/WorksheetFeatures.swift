// What surrounds a new worksheet's cells: conditional formats, data validations and the
// print set-up, each written as the SpreadsheetML elements every spreadsheet program
// reads (no Excel 2010 `extLst` twins: validation lists name their range directly).

/// Rules that restyle the cells of a range when a formula holds.
public struct ConditionalFormat: Sendable {
  /// One rule: an expression written for the range's first cell (relative references
  /// move with each cell), and the differential format it applies.
  public struct Rule: Sendable {
    public var formula: String
    /// The index of a ``DifferentialStyle`` in the ``StyleSheet``.
    public var differentialStyle: Int
    /// Whether later rules are skipped for a cell this rule matches.
    public var stopsIfTrue: Bool

    public init(formula: String, differentialStyle: Int, stopsIfTrue: Bool = true) {
      self.formula = formula
      self.differentialStyle = differentialStyle
      self.stopsIfTrue = stopsIfTrue
    }
  }

  /// The cells (`A2:Q501`).
  public var range: String
  /// The rules, first has priority.
  public var rules: [Rule]

  public init(range: String, rules: [Rule]) {
    self.range = range
    self.rules = rules
  }

  /// The `<conditionalFormatting>` elements of `formats`, priorities numbered across the sheet.
  static func xml(_ formats: [ConditionalFormat]) -> String {
    var priority = 0
    var out = ""
    for format in formats {
      out += "<conditionalFormatting sqref=\"\(format.range)\">"
      for rule in format.rules {
        priority += 1
        out += "<cfRule type=\"expression\" dxfId=\"\(rule.differentialStyle)\" priority=\"\(priority)\""
        if rule.stopsIfTrue { out += " stopIfTrue=\"1\"" }
        out += "><formula>\(XMLEscaping.content(rule.formula))</formula></cfRule>"
      }
      out += "</conditionalFormatting>"
    }
    return out
  }
}

/// What may be typed into a range: a list (a drop-down), a date, a number.
public struct DataValidation: Sendable {
  /// The kind of check.
  public enum Kind: Sendable {
    /// One of the values of a range (`Listes!$A$2:$A$9`) or of a quoted list (`"1,2,3"`).
    case list(String)
    /// A date on or after the serial given.
    case date(minimum: Int)
    /// A decimal number at least the value given.
    case decimal(minimum: Double)
    /// A whole number between the bounds.
    case whole(ClosedRange<Int>)
  }

  /// How a value that does not pass is handled.
  public enum Severity: String, Sendable {
    /// Refused.
    case stop
    /// Asked about, may be kept.
    case warning
    /// Reported, kept.
    case information
    /// Accepted silently: the list is a suggestion.
    case none
  }

  public var range: String
  public var kind: Kind
  public var severity: Severity
  /// The error's title and message when a value does not pass.
  public var error: (title: String, message: String)?
  /// A hint shown when the cell is selected.
  public var prompt: (title: String, message: String)?

  public init(
    range: String, kind: Kind, severity: Severity = .stop, error: (title: String, message: String)? = nil,
    prompt: (title: String, message: String)? = nil
  ) {
    self.range = range
    self.kind = kind
    self.severity = severity
    self.error = error
    self.prompt = prompt
  }

  static func xml(_ validations: [DataValidation]) -> String {
    guard !validations.isEmpty else { return "" }
    return "<dataValidations count=\"\(validations.count)\">" + validations.map(\.xml).joined() + "</dataValidations>"
  }

  private var xml: String {
    var out = "<dataValidation"
    let formulas: [String]
    switch kind {
    case let .list(source):
      out += " type=\"list\""
      formulas = [source]
    case let .date(minimum):
      out += " type=\"date\" operator=\"greaterThanOrEqual\""
      formulas = [String(minimum)]
    case let .decimal(minimum):
      out += " type=\"decimal\" operator=\"greaterThanOrEqual\""
      formulas = [CellXML.number(minimum)]
    case let .whole(bounds):
      out += " type=\"whole\""
      formulas = [String(bounds.lowerBound), String(bounds.upperBound)]
    }
    if severity == .warning || severity == .information { out += " errorStyle=\"\(severity.rawValue)\"" }
    out += " allowBlank=\"1\""
    if prompt != nil { out += " showInputMessage=\"1\"" }
    if severity != .none { out += " showErrorMessage=\"1\"" }
    if let error {
      out += " errorTitle=\"\(XMLEscaping.attribute(error.title))\" error=\"\(XMLEscaping.attribute(error.message))\""
    }
    if let prompt {
      out += " promptTitle=\"\(XMLEscaping.attribute(prompt.title))\" prompt=\"\(XMLEscaping.attribute(prompt.message))\""
    }
    out += " sqref=\"\(range)\">"
    for (offset, formula) in formulas.enumerated() {
      out += "<formula\(offset + 1)>\(XMLEscaping.content(formula))</formula\(offset + 1)>"
    }
    return out + "</dataValidation>"
  }
}

/// How a sheet prints: orientation, paper, scaling, margins, header and footer.
public struct PageSetup: Sendable {
  public var isLandscape = false
  /// Scaled to one page wide (as many pages tall as needed).
  public var fitsToWidth = false
  /// ISO A4 (9), US Letter (1).
  public var paperSize = 9
  /// Centred between the side margins.
  public var isCentered = false
  /// Header and footer text, with Excel's codes (`&P` page, `&N` pages, `&L` left part…).
  public var header: String?
  public var footer: String?

  public init() {}

  var xml: String {
    var out = isCentered ? "<printOptions horizontalCentered=\"1\"/>" : ""
    out += #"<pageMargins left="0.4" right="0.4" top="0.65" bottom="0.65" header="0.3" footer="0.3"/>"#
    out += "<pageSetup paperSize=\"\(paperSize)\""
    if fitsToWidth { out += " fitToWidth=\"1\" fitToHeight=\"0\"" }
    out += " orientation=\"\(isLandscape ? "landscape" : "portrait")\"/>"
    if header != nil || footer != nil {
      out += "<headerFooter>"
      if let header { out += "<oddHeader>\(XMLEscaping.content(header))</oddHeader>" }
      if let footer { out += "<oddFooter>\(XMLEscaping.content(footer))</oddFooter>" }
      out += "</headerFooter>"
    }
    return out
  }
}
