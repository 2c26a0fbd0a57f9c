import Wording
import OOXML

/// One change `suivi edit` makes, from a command-line option or a line of an edits file.
///
/// Both spell an action the same way: the option's name without its dashes, and its
/// value (`set` `B2=Réglée`, `append-row` `FA-240013,2024-12-01,Dumont`), so a script
/// can move thousands of edits to a file (`--edits FILE`) without changing them.
enum EditAction: Equatable {
  case set(CellReference, CellInput)
  case appendRow([CellInput])
  case note(CellReference, String)
  case removeNote(CellReference)
  case highlight(CellReference)
  case removeHighlight(CellReference)

  /// The option names, without dashes.
  static let names = ["set", "set-number", "set-date", "append-row", "note", "remove-note", "highlight", "remove-highlight"]

  /// Parses the value of option `name`.
  /// - Throws: a message naming the option and the value when it is malformed.
  init(_ name: String, _ value: String) throws(EditActionError) {
    switch name {
    case "set", "set-number", "set-date", "note":
      guard let equals = value.firstIndex(of: "="), let reference = CellReference(String(value[..<equals])) else {
        throw EditActionError(name == "note" ? "--\(name) \(value): expected REF=TEXT with REF a cell such as B2" : "--\(name) \(value): expected REF=VALUE with REF a cell such as B2")
      }
      let text = String(value[value.index(after: equals)...])
      switch name {
      case "set": self = .set(reference, text.isEmpty ? .empty : .string(text))
      case "note": self = .note(reference, text)
      case "set-number":
        guard let number = Double(text), number.isFinite else { throw EditActionError("--\(name) \(value): '\(text)' is not a number") }
        self = .set(reference, .number(number))
      default:
        guard let day = CellInput.day(text) else { throw EditActionError("--\(name) \(value): '\(text)' is not a date YYYY-MM-DD") }
        self = .set(reference, .date(day))
      }
    case "remove-note", "highlight", "remove-highlight":
      guard let reference = CellReference(value) else { throw EditActionError("--\(name) \(value): not a cell such as B2") }
      self = name == "remove-note" ? .removeNote(reference) : name == "highlight" ? .highlight(reference) : .removeHighlight(reference)
    case "append-row":
      self = .appendRow(Self.fields(value))
    default:
      throw EditActionError("unknown action '\(name)' (expected one of \(Self.names.joined(separator: ", ")))")
    }
  }

  /// Parses an edits file: one action per line, its name, a TAB, its value; blank lines
  /// and lines starting with `#` are skipped.
  static func parse(file text: String, name: String) throws(EditActionError) -> [EditAction] {
    var actions: [EditAction] = []
    for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = line.hasSuffix("\r") ? line.dropLast() : line
      if line.isEmpty || line.hasPrefix("#") { continue }
      guard let tab = line.firstIndex(of: "\t") else {
        throw EditActionError("\(name):\(number + 1): expected ACTION<TAB>VALUE")
      }
      do {
        actions.append(try EditAction(String(line[..<tab]), String(line[line.index(after: tab)...])))
      } catch {
        throw EditActionError("\(name):\(number + 1): \(error.phrase)")
      }
    }
    return actions
  }

  /// Applies the action to `sheet`.
  func apply(to editor: WorkbookEditor, sheet: String) throws {
    switch self {
    case let .set(reference, value): try editor.set(value, at: reference, sheet: sheet)
    case let .appendRow(values): try editor.appendRow(values, sheet: sheet)
    case let .note(reference, text): try editor.setNote(text, at: reference, sheet: sheet)
    case let .removeNote(reference): try editor.removeNote(at: reference, sheet: sheet)
    case let .highlight(reference): try editor.highlight(reference, sheet: sheet)
    case let .removeHighlight(reference): try editor.removeHighlight(reference, sheet: sheet)
    }
  }

  /// Splits an `append-row` value at unescaped commas.
  static func fields(_ row: String) -> [CellInput] {
    var fields: [String] = [""]
    var escaped = false
    for character in row {
      if escaped {
        fields[fields.count - 1].append(character)
        escaped = false
      } else if character == "\\" {
        escaped = true
      } else if character == "," {
        fields.append("")
      } else {
        fields[fields.count - 1].append(character)
      }
    }
    return fields.map(CellInput.inferred)
  }
}

/// A malformed edit, in words.
struct EditActionError: Error {
  let phrase: Phrase
  init(_ phrase: Phrase) { self.phrase = phrase }
  var message: String { phrase.told }
}
