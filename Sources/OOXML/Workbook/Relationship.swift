import SafeXML

/// One relationship of a part: an id, a type, and the part (or URL) it points to.
struct Relationship: Equatable, Sendable {
  let id: String
  /// The full type URI.
  let type: String
  /// The target, resolved to a part name; `nil` for external targets.
  let partName: String?

  /// The last segment of the type URI (`worksheet`, `officeDocument`, `sharedStrings`),
  /// which is the same in the Transitional and Strict spellings.
  var kind: Substring { type.split(separator: "/").last ?? "" }
}

extension OPCPackage {
  /// Reads the relationships of `part` (`""` for the package's own `_rels/.rels`), or
  /// `nil` when the part has none.
  func relationships(of part: String) throws -> [Relationship]? {
    let relsName = part.isEmpty ? "_rels/.rels" : PartName.relationships(of: part)
    guard let root = try element(relsName) else { return nil }
    return root.children("Relationship", in: XMLNamespace.packageRelationships).compactMap { element in
      guard let id = element.attribute("Id"), let type = element.attribute("Type"),
        let target = element.attribute("Target")
      else { return nil }
      let isExternal = element.attribute("TargetMode") == "External"
      return Relationship(id: id, type: type, partName: isExternal ? nil : PartName.resolve(target, from: part))
    }
  }
}
