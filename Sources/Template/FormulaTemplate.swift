/// Formula templates of the model's description: `{name}` placeholders replaced by
/// references and labels, recursively (a snippet may hold placeholders of its own).
enum FormulaTemplate {
  /// The deepest nesting of snippets expanded.
  static let maxDepth = 8

  /// `template` with every `{name}` replaced by `resolve(name)`.
  ///
  /// - Throws: ``TemplateError/invalidModel(_:)`` naming a placeholder nothing resolves,
  ///   or an unclosed brace.
  static func expand(_ template: String, depth: Int = 0, resolve: (String) throws -> String?) throws -> String {
    guard depth < maxDepth else { throw TemplateError.invalidModel("placeholders nested too deep in \(template)") }
    var out = ""
    var rest = Substring(template)
    while let open = rest.firstIndex(of: "{") {
      out += rest[..<open]
      guard let close = rest[open...].firstIndex(of: "}") else { throw TemplateError.invalidModel("unclosed { in \(template)") }
      let name = String(rest[rest.index(after: open)..<close])
      guard let value = try resolve(name) else { throw TemplateError.invalidModel("nothing named {\(name)} in \(template)") }
      out += value.contains("{") ? try expand(value, depth: depth + 1, resolve: resolve) : value
      rest = rest[rest.index(after: close)...]
    }
    return out + rest
  }
}
