import OOXML

extension CellValue {
  /// The name of the value's type in `inspect --json`.
  var jsonType: String {
    switch self {
    case .empty: "empty"
    case .number: "number"
    case .string: "string"
    case .bool: "bool"
    case .error: "error"
    case .date: "date"
    case .dateTime: "datetime"
    }
  }

  /// The value as JSON.
  var json: String {
    switch self {
    case .empty: "null"
    case let .number(value): JSONText.number(value)
    case let .string(text): JSONText.string(text)
    case let .bool(flag): flag ? "true" : "false"
    case let .error(code): JSONText.string(code)
    case let .date(day): "\"\(day)\""
    case let .dateTime(dateTime): "\"\(dateTime)\""
    }
  }

  /// The value as a person reads it in a table.
  var display: String {
    switch self {
    case .empty: ""
    case let .number(value): JSONText.number(value)
    case let .string(text): text
    case let .bool(flag): flag ? "TRUE" : "FALSE"
    case let .error(code): code
    case let .date(day): day.description
    case let .dateTime(dateTime): dateTime.description
    }
  }
}
