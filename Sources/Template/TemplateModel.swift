import Foundation
import SuiviTemplates

/// The model sheet's description, decoded from `Templates/model.json`: sheets, columns,
/// formats, lists and labels in each language. The writer adds nothing of its own but
/// the layout (which column, which row) and the ledger's data.
public struct TemplateModel: Decodable, Sendable {
  /// Empty rows given the tracker's formats, formulas and validations, below the data.
  public var preparedRows: Int
  /// Rows of the clients table (named or not) on the lists sheet.
  public var clientRows: Int
  public var title: Localized
  public var subject: Localized
  public var keywords: Localized
  public var footer: Localized
  /// What `--from-ledger` adds to an invoice's notes (`{number}`, `{amount}`, `{date}`).
  public var noteTexts: [String: Localized]
  public var palette: [String: String]
  public var formats: [String: Localized]
  public var lists: [ListModel]
  public var clients: ClientsModel
  public var parameters: [Parameter]
  public var sheets: [String: Localized]
  public var tracker: SheetModel
  public var reminders: SheetModel
  public var validationMessages: [String: LocalizedPair]
  public var summary: SummaryModel

  /// The model shipped with Suivi.
  ///
  /// - Throws: ``TemplateError/invalidModel(_:)`` when the embedded description does not decode.
  public static func bundled() throws -> TemplateModel {
    try decode(Data(TemplateResources.model))
  }

  /// A model read from JSON.
  public static func decode(_ data: Data) throws -> TemplateModel {
    do {
      return try JSONDecoder().decode(TemplateModel.self, from: data)
    } catch {
      throw TemplateError.invalidModel("\(error)")
    }
  }

  /// A list by name.
  public func list(_ name: String) throws -> ListModel {
    guard let list = lists.first(where: { $0.name == name }) else { throw TemplateError.invalidModel("no list named \(name)") }
    return list
  }

  /// A sheet's name in `language`.
  public func sheetName(_ key: String, _ language: TemplateLanguage) throws -> String {
    guard let name = sheets[key] else { throw TemplateError.invalidModel("no sheet named \(key)") }
    return name[language]
  }

  /// A value list of the lists sheet (statuses, payment methods…).
  public struct ListModel: Decodable, Sendable {
    public var name: String
    public var header: Localized
    public var width: Double
    public var format: String?
    public var items: [Item]

    /// One value: a key (the ledger's code) and its label in each language, or a number.
    public struct Item: Decodable, Sendable {
      public var key: String
      public var fr: String?
      public var en: String?
      public var number: Double?

      /// The label in `language`.
      public func label(_ language: TemplateLanguage) -> String {
        (language == .fr ? fr : en) ?? fr ?? key
      }
    }

    /// The item with `key`.
    public func item(_ key: String) throws -> Item {
      guard let item = items.first(where: { $0.key == key }) else { throw TemplateError.invalidModel("list \(name) has no item \(key)") }
      return item
    }
  }

  /// The clients table of the lists sheet: name, payment terms, end of month.
  public struct ClientsModel: Decodable, Sendable {
    public var columns: [Column]
  }

  /// A named cell of the lists sheet (the default payment terms).
  public struct Parameter: Decodable, Sendable {
    public var name: String
    public var label: Localized
    public var number: Double
    public var format: String?
  }

  /// A sheet made of columns under a header row (the tracker, the reminders log).
  public struct SheetModel: Decodable, Sendable {
    public var columns: [Column]
    public var frozenColumns: Int?
    /// Formula fragments named in the column formulas (`{termsDays}`).
    public var snippets: [String: String]?
    /// Conditional formats of the rows, first has priority: a style name and a formula.
    public var highlights: [Highlight]?
  }

  /// A column: key, header, width, format, validation and formula.
  public struct Column: Decodable, Sendable {
    public var key: String
    public var header: Localized
    public var width: Double
    public var format: String?
    /// `date`, `amount`, `level`, `clients`, `invoices`, or `list:NAME`.
    public var validation: String?
    /// A formula template (see the model's comment for its placeholders).
    public var formula: String?
    /// A list this column of the clients table takes its values from.
    public var list: String?
  }

  /// A conditional format of the tracker's rows.
  public struct Highlight: Decodable, Sendable {
    public var style: String
    public var formula: String
  }

  /// The summary sheet: column widths and rows of cells.
  public struct SummaryModel: Decodable, Sendable {
    public var widths: [Double]
    public var rows: [SummaryRow]
    public var snippets: [String: String]?
  }

  /// A row of the summary: a style, and cells from column A; `forEach` repeats it for
  /// each item of a list.
  public struct SummaryRow: Decodable, Sendable {
    public var style: String?
    public var forEach: String?
    public var cells: [SummaryCell]?
  }

  /// A cell of the summary: a label, a number, a formula, or the repeated item's label.
  public struct SummaryCell: Decodable, Sendable {
    public var text: Localized?
    /// Whether the company's name follows the text (`Synthèse — Dumont & co`).
    public var company: Bool?
    public var number: Double?
    public var formula: String?
    public var format: String?
    /// A name other formulas use as `{cell:NAME}`.
    public var name: String?
    public var style: String?
    public var item: Bool?
  }
}
