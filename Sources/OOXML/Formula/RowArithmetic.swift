#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// Evaluating a formula that is simple arithmetic on the cells of one row.
//
// The formula is read once, left to right, as UTF-8 bytes, by a recursive-descent
// parser that computes as it goes and gives up (nil) at the first thing it does
// not support. The grammar, loosest binding first, is Excel's:
//
//   expression := term (("+" | "-") term)*
//   term       := power (("*" | "/") power)*
//   power      := percent ("^" percent)*              left-associative: 2^3^2 = 64
//   percent    := unary "%"*                          x% = x / 100
//   unary      := ("+" | "-")* primary                binds tighter than ^: -2^2 = 4
//   primary    := number | cell | call | "(" expression ")"
//   call       := name "(" [argument ("," argument)*] ")"
//   argument   := cell [":" cell] | expression        a range only as a whole argument
//   number     := digits ["." digits] [exponent] | "." digits [exponent]
//   cell       := ["$"] letters ["$"] digits          its row must be the formula's row
//
// Whitespace may stand between any two tokens (not inside one, and not between
// a function's name and its `(`). A name is a maximal run of name characters
// (letters, digits, `_`, `.`, `\`, `?`, `$`, any non-ASCII byte): one that is
// not exactly a cell reference, or that is followed by `!` (a sheet), is not
// supported. The functions are ROUND, ROUNDUP, ROUNDDOWN, ABS, SUM, MIN and MAX,
// in any case.

/// Evaluates formulas that are simple arithmetic on the cells of one row.
///
/// When a cell is edited, the cached values of the formulas that depend on it
/// go stale. A formula that only does arithmetic on cells of its own row, such
/// as a tracker's `F12*(1+G12)`, can be recomputed on the spot; for any other
/// formula ``evaluate(_:row:value:)`` gives `nil` and the cache should be dropped.
///
/// ```swift
/// let cells: [Int: Double] = [6: 500, 7: 0.2]  // F12, G12
/// RowArithmetic.evaluate("F12*(1+G12)", row: 12) { cells[$0].map { .number($0) } ?? .empty }
/// // 600
/// RowArithmetic.evaluate("F11*2", row: 12) { _ in .empty }  // nil: another row
/// ```
///
/// The arithmetic is plain IEEE `Double` arithmetic, as in Excel. `ROUND`,
/// `ROUNDUP` and `ROUNDDOWN` follow Excel: they round the value's 15-significant-digit
/// decimal form, so `ROUND(2.675, 2)` is `2.68` although the double nearest
/// 2.675 is slightly below it.
public enum RowArithmetic {
  /// The value of a cell, as the formula sees it.
  public enum Operand: Equatable, Sendable {
    /// A number.
    case number(Double)
    /// An empty cell: 0 in arithmetic, ignored by `MIN` and `MAX` when referenced directly.
    case empty
    /// Text, an error or a boolean: the formula cannot be computed.
    case other
  }

  /// The deepest nesting of expressions that is evaluated: each pair of
  /// parentheses and each argument of a call is one level.
  static let maxDepth = 64

  /// Evaluates a formula for a cell of a row.
  ///
  /// - Parameters:
  ///   - formula: The formula's text, without the leading `=`.
  ///   - row: The 1-based row of the formula's cell; every reference must be to this row.
  ///   - value: The value of the cell at a 1-based column of `row`.
  /// - Returns: The formula's value, or `nil` when the formula is not simple
  ///   same-row arithmetic (another row, another sheet, an unsupported function
  ///   or operator, text, a syntax error) or cannot be computed (a text, error or
  ///   boolean operand, a division by zero, `0^0`, a result that is not finite).
  public static func evaluate(_ formula: String, row: Int, value: (Int) -> Operand) -> Double? {
    withoutActuallyEscaping(value) { value in
      var parser = Parser(bytes: Array(formula.utf8), row: row, value: value)
      return parser.formula()
    }
  }
}

// MARK: - Parser

extension RowArithmetic {
  /// The state of one evaluation: the bytes, the position and the row.
  struct Parser {
    let bytes: [UInt8]
    let row: Int
    let value: (Int) -> Operand
    var index = 0
    var depth = 0

    init(bytes: [UInt8], row: Int, value: @escaping (Int) -> Operand) {
      self.bytes = bytes
      self.row = row
      self.value = value
    }

    /// A whole formula: one expression and nothing after it.
    mutating func formula() -> Double? {
      guard let x = expression() else { return nil }
      skipSpace()
      guard index == bytes.count else { return nil }
      return x == 0 ? 0 : x
    }

    // MARK: Bytes

    /// The byte at the position, or 0 at the end.
    var current: UInt8 { index < bytes.count ? bytes[index] : 0 }

    /// Moves past spaces, tabs and line breaks.
    mutating func skipSpace() {
      while index < bytes.count, Byte.isSpace(bytes[index]) { index += 1 }
    }

    /// Moves past `byte` if it is next (after whitespace).
    mutating func consume(_ byte: UInt8) -> Bool {
      skipSpace()
      guard current == byte else { return false }
      index += 1
      return true
    }

    // MARK: Operators

    /// `term (("+" | "-") term)*`
    mutating func expression() -> Double? {
      guard depth < RowArithmetic.maxDepth else { return nil }
      depth += 1
      defer { depth -= 1 }
      guard var x = term() else { return nil }
      while true {
        skipSpace()
        let op = current
        guard op == Byte.plus || op == Byte.minus else { return x }
        index += 1
        guard let y = term() else { return nil }
        guard let z = finite(op == Byte.plus ? x + y : x - y) else { return nil }
        x = z
      }
    }

    /// `power (("*" | "/") power)*`
    mutating func term() -> Double? {
      guard var x = power() else { return nil }
      while true {
        skipSpace()
        let op = current
        guard op == Byte.star || op == Byte.slash else { return x }
        index += 1
        guard let y = power() else { return nil }
        if op == Byte.slash && y == 0 { return nil }
        guard let z = finite(op == Byte.star ? x * y : x / y) else { return nil }
        x = z
      }
    }

    /// `percent ("^" percent)*`, left to right.
    mutating func power() -> Double? {
      guard var x = percent() else { return nil }
      while consume(Byte.caret) {
        guard let y = percent() else { return nil }
        if x == 0 && y == 0 { return nil }
        guard let z = finite(pow(x, y)) else { return nil }
        x = z
      }
      return x
    }

    /// `unary "%"*`
    mutating func percent() -> Double? {
      guard var x = unary() else { return nil }
      while consume(Byte.percent) { x /= 100 }
      return x
    }

    /// `("+" | "-")* primary`
    mutating func unary() -> Double? {
      var negative = false
      while true {
        skipSpace()
        if current == Byte.minus {
          negative.toggle()
        } else if current != Byte.plus {
          break
        }
        index += 1
      }
      guard let x = primary() else { return nil }
      return negative ? -x : x
    }

    // MARK: Operands

    /// A number, a cell, a call or a parenthesised expression.
    mutating func primary() -> Double? {
      skipSpace()
      let byte = current
      if byte == Byte.open {
        index += 1
        guard let x = expression(), consume(Byte.close) else { return nil }
        return x
      }
      if Byte.isDigit(byte) || byte == Byte.dot { return number() }
      guard index < bytes.count, Byte.isNameStart(byte) else { return nil }
      let start = index
      while index < bytes.count, Byte.isName(bytes[index]) { index += 1 }
      if current == Byte.open { return call(name: start..<index) }
      guard current != Byte.bang, let column = column(of: start..<index) else { return nil }
      return cellValue(column)
    }

    /// A decimal literal: `1`, `1.5`, `.5`, `1.`, `1E3`, `2.5e-2`.
    mutating func number() -> Double? {
      let start = index
      var digits = 0
      while Byte.isDigit(current) { index += 1; digits += 1 }
      if current == Byte.dot {
        index += 1
        while Byte.isDigit(current) { index += 1; digits += 1 }
      }
      guard digits > 0 else { return nil }
      if current | 0x20 == Byte.lowerE {
        index += 1
        if current == Byte.plus || current == Byte.minus { index += 1 }
        guard Byte.isDigit(current) else { return nil }
        while Byte.isDigit(current) { index += 1 }
      }
      guard index == bytes.count || !Byte.isName(bytes[index]) else { return nil }
      let text = String(decoding: bytes[start..<index], as: UTF8.self)
      guard let x = Double(text) else { return nil }
      return finite(x)
    }

    /// The column of a name that is exactly a cell reference of the formula's row.
    ///
    /// `F12`, `$F$12`, `F$12` and `$F12` are references; a reference to another
    /// row, or a name that is not a reference, gives `nil`.
    func column(of name: Range<Int>) -> Int? {
      var k = name.lowerBound
      let end = name.upperBound
      if k < end && bytes[k] == Byte.dollar { k += 1 }
      var column = 0
      let letters = k
      while k < end, Byte.isLetter(bytes[k]), k - letters < 3 {
        column = column * 26 + Int(bytes[k] & 0xDF) - 0x40
        k += 1
      }
      guard k > letters, column <= 16_384 else { return nil }
      if k < end && bytes[k] == Byte.dollar { k += 1 }
      guard k < end, bytes[k] != Byte.zero else { return nil }
      var cellRow = 0
      let digits = k
      while k < end, Byte.isDigit(bytes[k]), k - digits < 7 {
        cellRow = cellRow * 10 + Int(bytes[k] - Byte.zero)
        k += 1
      }
      guard k == end, k > digits, cellRow <= 1_048_576, cellRow == row else { return nil }
      return column
    }

    /// The number a cell stands for in arithmetic: an empty cell is 0.
    func cellValue(_ column: Int) -> Double? {
      switch value(column) {
      case .number(let x): finite(x)
      case .empty: 0
      case .other: nil
      }
    }

    // MARK: Calls

    /// An argument of a call: a value, or a reference written as the whole argument.
    enum Argument {
      case value(Double)
      /// The columns of a same-row cell (`F2`) or range (`F2:H2`).
      case cells(ClosedRange<Int>)
    }

    /// A call of a supported function; the position is at its `(`.
    mutating func call(name: Range<Int>) -> Double? {
      guard let function = Function(bytes[name]) else { return nil }
      index += 1
      var arguments: [Argument] = []
      if !consume(Byte.close) {
        repeat {
          guard let argument = argument() else { return nil }
          arguments.append(argument)
        } while consume(Byte.comma)
        guard consume(Byte.close) else { return nil }
      }
      return function.apply(to: arguments, parser: self)
    }

    /// A reference that is a whole argument (`F2`, `F2:H2`), or an expression.
    mutating func argument() -> Argument? {
      skipSpace()
      let start = index
      if Byte.isNameStart(current) {
        while index < bytes.count, Byte.isName(bytes[index]) { index += 1 }
        let name = start..<index
        if current != Byte.open && current != Byte.bang, let first = column(of: name) {
          var last = first
          if consume(Byte.colon) {
            skipSpace()
            let end = index
            while index < bytes.count, Byte.isName(bytes[index]) { index += 1 }
            guard index > end, current != Byte.open, current != Byte.bang,
              let column = column(of: end..<index)
            else { return nil }
            last = column
          }
          skipSpace()
          if current == Byte.comma || current == Byte.close {
            return .cells(min(first, last)...max(first, last))
          }
          guard last == first else { return nil }
        }
        index = start
      }
      return expression().map { .value($0) }
    }

    /// A number when it is finite.
    func finite(_ x: Double) -> Double? { x.isFinite ? x : nil }
  }
}

// MARK: - Functions

extension RowArithmetic {
  /// The supported functions.
  enum Function {
    case round, roundUp, roundDown, abs, sum, min, max

    /// The function of a name, in any case.
    init?(_ name: ArraySlice<UInt8>) {
      switch String(decoding: name.map { Byte.isLetter($0) ? $0 & 0xDF : $0 }, as: UTF8.self) {
      case "ROUND": self = .round
      case "ROUNDUP": self = .roundUp
      case "ROUNDDOWN": self = .roundDown
      case "ABS": self = .abs
      case "SUM": self = .sum
      case "MIN": self = .min
      case "MAX": self = .max
      default: return nil
      }
    }

    /// The function's value for its arguments.
    func apply(to arguments: [Parser.Argument], parser: Parser) -> Double? {
      switch self {
      case .round, .roundUp, .roundDown:
        guard arguments.count == 2, let x = scalar(arguments[0], parser),
          let digits = scalar(arguments[1], parser)
        else { return nil }
        let mode: DecimalRounding.Mode =
          switch self {
          case .roundUp: .up
          case .roundDown: .down
          default: .halfAwayFromZero
          }
        return DecimalRounding.round(x, digits: digits, mode: mode)
      case .abs:
        guard arguments.count == 1, let x = scalar(arguments[0], parser) else { return nil }
        return Swift.abs(x)
      case .sum, .min, .max:
        guard !arguments.isEmpty, let numbers = numbers(arguments, parser) else { return nil }
        switch self {
        case .sum:
          var total = 0.0
          for x in numbers { total += x }
          return total.isFinite ? total : nil
        case .min: return numbers.min() ?? 0
        default: return numbers.max() ?? 0
        }
      }
    }

    /// A single value: an expression, or a reference to one cell (empty is 0).
    func scalar(_ argument: Parser.Argument, _ parser: Parser) -> Double? {
      switch argument {
      case .value(let x): return x
      case .cells(let columns):
        guard columns.count == 1 else { return nil }
        return parser.cellValue(columns.lowerBound)
      }
    }

    /// The numbers of the arguments, as `SUM`, `MIN` and `MAX` take them:
    /// the empty cells of a reference are left out.
    func numbers(_ arguments: [Parser.Argument], _ parser: Parser) -> [Double]? {
      var numbers: [Double] = []
      for argument in arguments {
        switch argument {
        case .value(let x): numbers.append(x)
        case .cells(let columns):
          for column in columns {
            switch parser.value(column) {
            case .number(let x):
              guard x.isFinite else { return nil }
              numbers.append(x)
            case .empty: break
            case .other: return nil
            }
          }
        }
      }
      return numbers
    }
  }
}

// MARK: - Rounding

extension RowArithmetic {
  /// Excel's `ROUND`, `ROUNDUP` and `ROUNDDOWN`, done on decimal digits.
  ///
  /// Excel rounds the value it shows: the number's decimal form to 15 significant
  /// digits, not its exact binary value. The double nearest 2.675 is
  /// 2.67499999999999982236431605997495353221893310546875, yet `ROUND(2.675, 2)`
  /// is 2.68. So the digits are taken from the shortest decimal form that reads
  /// back as the same double (Swift's `description`), cut to 15 significant
  /// digits (half away from zero), rounded at the asked place, and read back.
  /// (Cutting the 16- or 17-digit shortest form rather than the exact binary
  /// value can differ only when the dropped digits are exactly `5`: a tie that
  /// the shortest form cannot settle, left to round away from zero.)
  enum DecimalRounding {
    enum Mode { case halfAwayFromZero, up, down }

    /// Rounds `x` to `digits` places after the decimal point (before it when negative).
    ///
    /// `digits` is truncated toward zero, as in Excel. The result is `nil` when it
    /// is not finite (`ROUNDUP(1, -400)`).
    static func round(_ x: Double, digits: Double, mode: Mode) -> Double? {
      guard x.isFinite, digits.isFinite else { return nil }
      let places = Int(Swift.max(-1_000, Swift.min(1_000, digits.rounded(.towardZero))))
      if x == 0 { return 0 }
      // |x| = 0.d₁d₂d₃… × 10^exponent, d₁ ≠ 0, no trailing zeros.
      var (significand, exponent) = decimal(x.magnitude)
      if significand.count > 15 {
        let up = significand[15] >= 5
        significand.removeSubrange(15...)
        if up { increment(&significand, &exponent) }
        while significand.last == 0 { significand.removeLast() }
      }
      let kept = exponent + places
      if kept < significand.count {
        let up: Bool
        switch mode {
        case .halfAwayFromZero: up = kept >= 0 && significand[kept] >= 5
        case .up: up = true
        case .down: up = false
        }
        if kept <= 0 {
          guard up else { return 0 }
          significand = [1]
          exponent = 1 - places
        } else {
          significand.removeSubrange(kept...)
          if up { increment(&significand, &exponent) }
        }
      }
      // The value is the significand as an integer times 10^(exponent - count).
      var text = x < 0 ? "-" : ""
      for digit in significand { text.unicodeScalars.append(Unicode.Scalar(digit + 0x30)) }
      text += "e\(exponent - significand.count)"
      guard let result = Double(text), result.isFinite else { return nil }
      return result == 0 ? 0 : result
    }

    /// The significant digits and decimal exponent of a positive finite number,
    /// from its shortest round-trip form: 2.675 is ([2, 6, 7, 5], 1).
    static func decimal(_ x: Double) -> (digits: [UInt8], exponent: Int) {
      var digits: [UInt8] = []
      var exponent = 0
      var integerDigits = 0
      var inFraction = false
      var text = Substring(x.description)
      if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
        exponent = Int(text[text.index(after: e)...].drop { $0 == "+" }) ?? 0
        text = text[..<e]
      }
      for byte in text.utf8 {
        if byte == Byte.dot {
          inFraction = true
        } else if Byte.isDigit(byte) {
          if digits.isEmpty && byte == Byte.zero {
            if inFraction { exponent -= 1 }
            continue
          }
          digits.append(byte - Byte.zero)
          if !inFraction { integerDigits += 1 }
        }
      }
      while digits.last == 0 { digits.removeLast() }
      return (digits, exponent + integerDigits)
    }

    /// Adds one unit in the last place of `0.digits × 10^exponent`.
    static func increment(_ digits: inout [UInt8], _ exponent: inout Int) {
      var k = digits.count - 1
      while k >= 0 {
        if digits[k] < 9 {
          digits[k] += 1
          return
        }
        digits[k] = 0
        k -= 1
      }
      digits = [1]
      exponent += 1
    }
  }
}

// MARK: - Bytes

extension RowArithmetic {
  /// The ASCII bytes of the grammar.
  enum Byte {
    static let plus = UInt8(ascii: "+")
    static let minus = UInt8(ascii: "-")
    static let star = UInt8(ascii: "*")
    static let slash = UInt8(ascii: "/")
    static let caret = UInt8(ascii: "^")
    static let percent = UInt8(ascii: "%")
    static let open = UInt8(ascii: "(")
    static let close = UInt8(ascii: ")")
    static let comma = UInt8(ascii: ",")
    static let colon = UInt8(ascii: ":")
    static let bang = UInt8(ascii: "!")
    static let dollar = UInt8(ascii: "$")
    static let dot = UInt8(ascii: ".")
    static let zero = UInt8(ascii: "0")
    static let lowerE = UInt8(ascii: "e")

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
    static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }
    static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) &- 0x61 < 26 }

    /// A byte that can start a name: a letter, `_`, `\`, `$` or a non-ASCII byte.
    static func isNameStart(_ b: UInt8) -> Bool {
      isLetter(b) || b == 0x5F || b == 0x5C || b == dollar || b >= 0x80
    }

    /// A byte that can continue a name: also a digit, `.` or `?`.
    static func isName(_ b: UInt8) -> Bool {
      isNameStart(b) || isDigit(b) || b == dot || b == 0x3F
    }
  }
}
