/// What a number format makes of a number: whether a cell shows a date.
///
/// Built-in formats 14–22 and 45–47 are dates and times (46, `[h]:mm:ss`, is a duration),
/// and so are the East Asian locale built-ins 27–36 and 50–58. A custom code is a date
/// when its first section has `d`, `m`, `y`, `h` or `s` outside quoted text, `\`, `_` and
/// `*` escapes, and `[…]` brackets (colours, conditions, locales such as `[$-40C]`); an
/// elapsed-time bracket `[h]`, `[mm]`, `[ss]` makes it a duration. Codes are read
/// case-insensitively, since LibreOffice writes `DD/MM/YYYY`.
public enum NumberFormatKind: Sendable, Equatable {
  /// Numbers (and `General`, text, percentages, currencies).
  case number
  /// A calendar date or time.
  case date
  /// An elapsed time (`[h]:mm`): the value stays a number of days.
  case duration

  /// The kind of a built-in format id, when the id is a date, time or duration.
  static func builtIn(_ id: Int) -> NumberFormatKind? {
    switch id {
    case 14...22, 45, 47, 27...36, 50...58: .date
    case 46: .duration
    default: nil
    }
  }

  /// Classifies a format code.
  public static func classify(_ code: String) -> NumberFormatKind {
    var kind = NumberFormatKind.number
    var iterator = code.unicodeScalars.makeIterator()
    while let scalar = iterator.next() {
      switch scalar {
      case ";": return kind
      case "\"":
        while let next = iterator.next(), next != "\"" {}
      case "\\", "_", "*":
        _ = iterator.next()
      case "[":
        var inside = ""
        while let next = iterator.next(), next != "]" { inside.unicodeScalars.append(next) }
        let lowered = inside.lowercased()
        if !lowered.isEmpty, lowered.allSatisfy({ $0 == "h" || $0 == "m" || $0 == "s" }),
          Set(lowered).count == 1
        {
          return .duration
        }
      default:
        switch scalar.properties.lowercaseMapping {
        case "d", "m", "y", "h", "s": kind = .date
        default: break
        }
      }
    }
    return kind
  }
}
