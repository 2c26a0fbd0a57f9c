import Foundation
import Testing

import TestSupport

/// The README cannot go stale: its sessions (`console` blocks: `$ command` lines, each
/// followed by the output it prints) are run in order against a sample tracker and must
/// print what the README shows; every command of its synopses (`sh` blocks) must exist,
/// with every option it names.
@Suite(.needsShared) struct ReadmeTests {
  static let readme = SharedFolder.repository.appendingPathComponent("README.md")
  static let again = "reproduce: scripts/test --filter ReadmeTests"

  /// A fenced block of the README, with the line its first line is on.
  struct Block {
    let language: String
    let line: Int
    let lines: [String]
  }

  /// One `$ command` of a session, and the output shown under it.
  struct Step {
    let line: Int
    let command: String
    let expected: [String]
  }

  static func blocks() throws -> [Block] {
    let lines = try String(contentsOf: readme, encoding: .utf8).components(separatedBy: "\n")
    var blocks: [Block] = []
    var open: (language: String, line: Int, lines: [String])?
    for (offset, line) in lines.enumerated() {
      if line.hasPrefix("```") {
        if let current = open {
          blocks.append(Block(language: current.language, line: current.line, lines: current.lines))
          open = nil
        } else {
          open = (String(line.dropFirst(3)).trimmingCharacters(in: .whitespaces), offset + 2, [])
        }
      } else if open != nil {
        open?.lines.append(line)
      }
    }
    return blocks
  }

  static func steps(of block: Block) -> [Step] {
    var steps: [Step] = []
    var current: (line: Int, command: String, expected: [String])?
    for (offset, line) in block.lines.enumerated() {
      if line.hasPrefix("$ ") {
        if let step = current { steps.append(Step(line: step.line, command: step.command, expected: step.expected)) }
        current = (block.line + offset, String(line.dropFirst(2)), [])
      } else {
        current?.expected.append(line)
      }
    }
    if let step = current { steps.append(Step(line: step.line, command: step.command, expected: step.expected)) }
    return steps
  }

  /// Whether `actual` is what the README shows: `[...]` in a shown line stands for any text.
  static func matches(_ shown: String, _ actual: String) -> Bool {
    let pieces = shown.components(separatedBy: "[...]")
    guard pieces.count > 1 else { return shown == actual }
    var rest = Substring(actual)
    for (index, piece) in pieces.enumerated() {
      if index == 0 {
        guard rest.hasPrefix(piece) else { return false }
        rest = rest.dropFirst(piece.count)
      } else if index == pieces.count - 1 {
        return rest.hasSuffix(piece)
      } else {
        guard let found = rest.range(of: piece) else { return false }
        rest = rest[found.upperBound...]
      }
    }
    return true
  }

  static func trimmed(_ lines: [String]) -> [String] {
    var lines = lines.map { String($0.reversed().drop(while: { $0 == " " }).reversed()) }
    while lines.last == "" { lines.removeLast() }
    return lines
  }

  @Test func theSessionsPrintWhatTheReadmeShows() throws {
    let sessions = try Self.blocks().filter { $0.language == "console" }
    try #require(!sessions.isEmpty, "the README shows no session (```console blocks)")
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("suivi-readme-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    // The sample the tour works on: a business's tracker of 8 invoices.
    let maker = SharedFolder.url.appendingPathComponent("tools/make_tracker.py").path
    let made = try Subprocess.run(Subprocess.python, [maker, folder.appendingPathComponent("dumont.xlsx").path, "8", "--seed", "4"])
    try #require(made.status == 0, "make_tracker: \(made.stderr)")
    let binFolder = URL(fileURLWithPath: Subprocess.suivi).deletingLastPathComponent().path
    let path = "\(binFolder):\(ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")"
    var ran = 0
    for block in sessions {
      for step in Self.steps(of: block) {
        let script = "cd \"$1\" && export PATH=\"$2\" LANG=fr_FR.UTF-8 TZ=UTC SUIVI_CHECK_TRANSLATIONS=1 && unset LC_ALL LC_MESSAGES SUIVI_LEDGER && \(step.command) 2>&1"
        let result = try Subprocess.run("/bin/sh", ["-c", script, "sh", folder.path, path])
        var actual = Self.trimmed(result.stdout.components(separatedBy: "\n"))
        if result.status != 0 { actual.append("[exit \(result.status)]") }
        let expected = Self.trimmed(step.expected)
        let same = expected.count == actual.count && zip(expected, actual).allSatisfy { Self.matches($0, $1) }
        #expect(
          same,
          """
          README.md:\(step.line): `\(step.command)` printed
          \(actual.joined(separator: "\n"))
          where the README shows
          \(expected.joined(separator: "\n"))
          \(Self.again)
          """)
        ran += 1
      }
    }
    #expect(ran >= 6, "the tour should run at least six commands")
  }

  /// The commands of a synopsis line: `suivi invoice void|approve|send N` is three.
  static func commands(in line: String) -> [(words: [String], options: [String])] {
    let text = line.components(separatedBy: " #").first ?? line
    return text.components(separatedBy: "| suivi ").enumerated().flatMap { index, part -> [([String], [String])] in
      let tokens = (index == 0 ? part : "suivi " + part).split(separator: " ").map(String.init)
      guard tokens.first == "suivi" else { return [] }
      let words = tokens.dropFirst().prefix { $0.range(of: #"^[a-z][a-z|-]*$"#, options: .regularExpression) != nil }
      let options = tokens.flatMap { token in
        token.matches(of: /--[a-z][a-z0-9-]*/).map { String($0.output) }
      }
      // `void|approve|send`: each alternative is a command.
      guard let last = words.last, last.contains("|") else { return [(Array(words), options)] }
      return last.split(separator: "|").map { (Array(words.dropLast()) + [String($0)], options) }
    }
  }

  /// The help of `suivi WORDS`, with its default subcommand's (`remind` is `remind list`);
  /// nil when it is not a command.
  static func help(_ words: [String]) throws -> String? {
    let help = try Subprocess.run(Subprocess.suivi, words + ["--help"])
    guard help.status == 0 else { return nil }
    guard let line = help.stdout.split(separator: "\n").first(where: { $0.contains(" (default)") }),
      let name = line.split(separator: " ").first
    else { return help.stdout }
    return try help.stdout + (Self.help(words + [String(name)]) ?? "")
  }

  @Test func everySynopsisNamesCommandsAndOptionsThatExist() throws {
    var checked = 0
    for block in try Self.blocks() where block.language == "sh" {
      for (offset, line) in block.lines.enumerated() {
        let where_ = "README.md:\(block.line + offset)"
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("scripts/") {
          let script = String(trimmed.split(separator: " ")[0])
          let url = SharedFolder.repository.appendingPathComponent(script)
          let text = try? String(contentsOf: url, encoding: .utf8)
          #expect(text != nil, "\(where_): no script \(script)")
          for option in trimmed.matches(of: /--[a-z][a-z0-9-]*/).map({ String($0.output) }) {
            #expect(text?.contains(option) == true, "\(where_): \(script) takes no \(option)")
          }
          checked += 1
          continue
        }
        for command in Self.commands(in: trimmed) {
          let help = try Self.help(command.words)
          #expect(help != nil, "\(where_): `suivi \(command.words.joined(separator: " "))` is not a command")
          for option in command.options where option != "--help" {
            let known = help?.contains(option) == true
            #expect(known, "\(where_): `suivi \(command.words.joined(separator: " "))` has no option \(option)")
          }
          checked += 1
        }
      }
    }
    #expect(checked >= 30, "the README's synopses should name the commands (\(checked) checked)")
  }
}
