import Foundation
import Testing

import TestSupport

@testable import Wording

/// The one catalogue: every sentence of the sources has its French wording, with as many
/// values; the French reads the values the French way.
@Suite struct CatalogueTests {
  /// The sentences of the sources: the string literals said to people, found by where they
  /// stand (after `say(`, `reason:`, `refuse(`…, in a declaration whose type is `Phrase`),
  /// each as its key (`{}` for a value, braces doubled).
  static func sourceSentences() throws -> [(key: String, place: String)] {
    let sources = SharedFolder.repository.appendingPathComponent("Sources")
    var found: [(String, String)] = []
    let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!.compactMap { $0 as? URL }
    for file in files where file.pathExtension == "swift" && file.lastPathComponent != "French.swift" {
      let text = Array(try String(contentsOf: file, encoding: .utf8).unicodeScalars)
      let blocks = phraseBlocks(text)
      for literal in SwiftLiterals(text).all where !literal.nested {
        let statement = statementBefore(literal.start, in: text)
        let marked = markers.contains { statement.contains($0) } || blocks.contains { $0.contains(literal.start) }
        guard marked, literal.key.contains(where: \.isLowercase), !literal.key.hasPrefix("-") else { continue }
        // A value's name in a help (`valueName: "FILE"`), an option's name, a colour.
        if statement.hasSuffix("valueName: ") || statement.hasSuffix("customLong(") || literal.key.wholeMatch(of: /#[0-9a-fA-F]{3,8}/) != nil { continue }
        // A dictionary's key (`values["methods"]`), a journal's field name, a command to run.
        if statement.hasSuffix("[") || statement.hasSuffix("command: ") || statement.contains("journalChange(") || literal.key.hasPrefix("suivi ") { continue }
        // Codes: one camelCase or snake_case word (a journal's field, a command's kind); a word
        // with only its first letter capital (a table's heading, `Payment`) is a word.
        if literal.key.allSatisfy({ $0.isLetter || $0 == "_" }), literal.key.dropFirst().contains(where: { $0.isUppercase || $0 == "_" }) { continue }
        let line = text[..<literal.start].filter { $0 == "\n" }.count + 1
        found.append((literal.key, "\(file.lastPathComponent):\(line)"))
      }
    }
    return found
  }

  static let markers = [
    "say(", "reason: ", "refuse(", "refusal(", "skip(", "Phrase", "EditActionError(", "badMapping(", "warn(", "field: ",
    "invalidModel(", "line(", "section(", "add(", "progress?(",
  ]

  /// The text of the statement a literal stands in, up to it (its line, and the lines it
  /// continues).
  static func statementBefore(_ index: Int, in text: [Unicode.Scalar]) -> String {
    var start = index
    while start > 0, text[start - 1] != "\n" { start -= 1 }
    var statement = String(String.UnicodeScalarView(text[start..<index]))
    var lines = 0
    while lines < 8, start > 0 {
      let trimmed = statement.trimmingCharacters(in: .whitespaces)
      let previousEnd = start - 1
      var previousStart = previousEnd
      while previousStart > 0, text[previousStart - 1] != "\n" { previousStart -= 1 }
      let previous = String(String.UnicodeScalarView(text[previousStart..<previousEnd])).trimmingCharacters(in: .whitespaces)
      let continues = ["?", ":", ")", "+", "\""].contains { trimmed.hasPrefix($0) } || ["(", ",", "?", ":", "=", "["].contains { previous.hasSuffix($0) }
      guard continues else { break }
      statement = previous + "\n" + statement
      start = previousStart
      lines += 1
    }
    return statement
  }

  /// The bodies of declarations whose type is `Phrase` (`var label: Phrase {`, `-> Phrase {`).
  static func phraseBlocks(_ text: [Unicode.Scalar]) -> [Range<Int>] {
    let string = String(String.UnicodeScalarView(text))
    var blocks: [Range<Int>] = []
    var searchFrom = string.startIndex
    while let found = string.range(of: #"(-> Phrase\??|: Phrase\??) \{\n"#, options: .regularExpression, range: searchFrom..<string.endIndex) {
      let start = string.unicodeScalars.distance(from: string.unicodeScalars.startIndex, to: found.upperBound)
      var depth = 1
      var index = start
      while index < text.count, depth > 0 {
        if text[index] == "{" { depth += 1 } else if text[index] == "}" { depth -= 1 }
        index += 1
      }
      blocks.append(start..<index)
      searchFrom = found.upperBound
    }
    return blocks
  }

  @Test func everySentenceOfTheSourcesIsInTheCatalogue() throws {
    let sentences = try Self.sourceSentences()
    #expect(sentences.count > 400, "the scan finds the sentences (\(sentences.count))")
    for (key, place) in sentences {
      #expect(French.catalogue[key] != nil, "\(place): no French for \"\(key)\" in Sources/Wording/French.swift")
    }
  }

  @Test func everyFrenchWordingHasTheValuesOfItsSentence() {
    for (key, french) in French.catalogue {
      let values = Self.placeholders(key)
      let said = Self.placeholders(french)
      #expect(said.positional.isEmpty || said.plain == 0, "\"\(french)\" mixes {} and {N}")
      let count = said.positional.isEmpty ? said.plain : said.positional.count
      #expect(count == values.plain, "\"\(key)\" has \(values.plain) value(s), its French \"\(french)\" \(count)")
      if !said.positional.isEmpty { #expect(said.positional == Set(1...max(1, values.plain)), "\"\(french)\": each value once") }
    }
  }

  static func placeholders(_ template: String) -> (plain: Int, positional: Set<Int>) {
    var plain = 0
    var positional = Set<Int>()
    let scalars = Array(template.unicodeScalars)
    var index = 0
    while index < scalars.count {
      if scalars[index] == "{", index + 1 < scalars.count, scalars[index + 1] == "{" {
        index += 2
      } else if scalars[index] == "}", index + 1 < scalars.count, scalars[index + 1] == "}" {
        index += 2
      } else if scalars[index] == "{", let close = scalars[(index + 1)...].firstIndex(of: "}") {
        let inside = String(String.UnicodeScalarView(scalars[(index + 1)..<close]))
        if inside.isEmpty { plain += 1 } else if let number = Int(inside) { positional.insert(number) }
        index = close + 1
      } else {
        index += 1
      }
    }
    return (plain, positional)
  }
}

/// The single-line string literals of a Swift source, with their keys as ``Phrase`` makes
/// them (`{}` for an interpolation, literal braces doubled), and whether each stands inside
/// another's interpolation.
struct SwiftLiterals {
  struct Literal {
    var start: Int
    var key: String
    var nested: Bool
  }

  let all: [Literal]

  init(_ text: [Unicode.Scalar]) {
    var found: [Literal] = []
    var index = 0
    func parse(_ start: Int, depth: Int) -> Int {
      var key = ""
      var at = start + 1
      while at < text.count {
        let scalar = text[at]
        if scalar == "\\" {
          if at + 1 < text.count, text[at + 1] == "(" {
            var inner = at + 2
            var parentheses = 1
            while inner < text.count, parentheses > 0 {
              if text[inner] == "\"" { inner = parse(inner, depth: depth + 1); continue }
              if text[inner] == "(" { parentheses += 1 } else if text[inner] == ")" { parentheses -= 1 }
              inner += 1
            }
            key += "{}"
            at = inner
            continue
          }
          // An escape: the character it stands for.
          let next = at + 1 < text.count ? text[at + 1] : "\\"
          switch next {
          case "n": key += "\n"
          case "t": key += "\t"
          case "r": key += "\r"
          case "u":
            if let close = text[at...].firstIndex(of: "}"), let value = UInt32(String(String.UnicodeScalarView(text[(at + 3)..<close])), radix: 16),
              let decoded = Unicode.Scalar(value)
            {
              key.unicodeScalars.append(decoded)
              at = close + 1
              continue
            }
          default: key.unicodeScalars.append(next)
          }
          at += 2
          continue
        }
        if scalar == "\"" {
          found.append(Literal(start: start, key: key, nested: depth > 0))
          return at + 1
        }
        if scalar == "\n" { return at }
        if scalar == "{" || scalar == "}" { key.unicodeScalars.append(scalar) }
        key.unicodeScalars.append(scalar)
        at += 1
      }
      return at
    }
    while index < text.count {
      if index + 2 < text.count, text[index] == "\"", text[index + 1] == "\"", text[index + 2] == "\"" {
        // A multi-line literal (a command's discussion): skipped whole.
        var end = index + 3
        while end + 2 < text.count, !(text[end] == "\"" && text[end + 1] == "\"" && text[end + 2] == "\"") { end += 1 }
        index = end + 3
      } else if index + 1 < text.count, text[index] == "/", text[index + 1] == "/" {
        while index < text.count, text[index] != "\n" { index += 1 }
      } else if index + 1 < text.count, text[index] == "#", text[index + 1] == "\"" {
        var end = index + 2
        while end + 1 < text.count, !(text[end] == "\"" && text[end + 1] == "#") { end += 1 }
        index = end + 2
      } else if text[index] == "\"" {
        index = parse(index, depth: 0)
      } else {
        index += 1
      }
    }
    all = found
  }
}
