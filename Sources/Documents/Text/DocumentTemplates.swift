import Foundation
import Mustache
import SuiviTemplates

/// The texts of the documents: Mustache templates built in (`Templates/documents/`), each
/// replaced by a file of the same name in the assistant's own folder
/// (`documents.templates`). A template's output is paragraphs, separated by blank lines;
/// the line `{{{table}}}` says where the document's table goes.
struct DocumentTemplates {
  /// Where the table goes in a template's output.
  static let tableMark = "\u{1}TABLE\u{1}"

  /// The folder of the assistant's own templates, if any.
  let folder: String?

  /// The template `name` (`letter-1.fr`): the assistant's own if her folder has it.
  func template(_ name: String) throws -> (template: MustacheTemplate, source: String, text: String) {
    var text: String
    var source = "built-in"
    if let folder, !folder.isEmpty {
      var isFolder: ObjCBool = false
      guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
        throw DocumentError.template(name: folder, reason: "is not a folder (documents.templates, or --templates)")
      }
      let path = URL(fileURLWithPath: folder).appendingPathComponent("\(name).mustache").path
      if FileManager.default.fileExists(atPath: path) {
        guard let data = FileManager.default.contents(atPath: path), data.count <= 256 << 10 else {
          throw DocumentError.template(name: path, reason: "cannot be read (or is larger than 256 KiB)")
        }
        guard let decoded = String(data: data, encoding: .utf8) else { throw DocumentError.template(name: path, reason: "is not UTF-8 text") }
        text = decoded
        source = path
      } else {
        text = try Self.builtIn(name)
      }
    } else {
      text = try Self.builtIn(name)
    }
    // Documents are text, not HTML: nothing is escaped.
    if !text.hasPrefix("{{% CONTENT_TYPE") { text = "{{% CONTENT_TYPE: TEXT}}" + text }
    do {
      return (try MustacheTemplate(string: text), source, text)
    } catch {
      throw DocumentError.template(name: source == "built-in" ? name : source, reason: .verbatim("\(error)"))
    }
  }

  static func builtIn(_ name: String) throws -> String {
    guard let bytes = DocumentResources.templates[name] else { throw DocumentError.template(name: name, reason: "no such built-in template") }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// The paragraphs of template `name` rendered with `values`, and where the table goes
  /// (the index of the paragraph before which it stands), and the template's source.
  func paragraphs(_ name: String, _ values: [String: Any]) throws -> (before: [String], after: [String], source: String) {
    let (template, source, _) = try template(name)
    var values = values
    values["table"] = Self.tableMark
    let text = template.render(values).replacingOccurrences(of: "\r\n", with: "\n")
    let parts = text.components(separatedBy: Self.tableMark)
    func split(_ text: String) -> [String] {
      text.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }
    return (split(parts[0]), parts.count > 1 ? split(parts.dropFirst().joined(separator: "\n\n")) : [], source)
  }
}
