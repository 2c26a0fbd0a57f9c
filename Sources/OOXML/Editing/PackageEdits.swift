/// The changes a save makes to the package's small parts, gathered from every feature
/// before anything is written.
///
/// Several features touch the same part (a new note and a new sheet both add a content
/// type; the calculation flag and a new sheet both change `workbook.xml`), so splices are
/// collected per part and applied once. New parts get names no entry uses yet (compared
/// without case, as zip readers do) and go after the existing entries.
struct PackageEdits {
  let package: OPCPackage
  private var parts: [String: SpannedPart] = [:]
  private var splices: [String: [Splice]] = [:]
  /// Whole new contents of existing parts, by entry name.
  private(set) var replaced: [String: [UInt8]] = [:]
  /// New parts, in the order they were added.
  private(set) var added: [(name: String, bytes: [UInt8])] = []
  /// Entries to leave out.
  private(set) var removed: Set<String> = []
  /// Ids and extensions this save has already added, by part.
  private var pending: [String: [String]] = [:]

  init(package: OPCPackage) { self.package = package }

  var file: String { package.file }

  /// The part `name` as it was, parsed with its spans; `nil` when the package lacks it.
  mutating func part(_ name: String) throws -> SpannedPart? {
    guard let entry = package.entry(name) else { return nil }
    if let part = parts[entry.name] { return part }
    let part = try SpannedPart(name: entry.name, bytes: package.archive.contents(of: entry), file: file)
    parts[entry.name] = part
    return part
  }

  /// Adds splices to the original bytes of `part`.
  mutating func splice(_ part: SpannedPart, _ changes: [Splice]) {
    guard !changes.isEmpty else { return }
    splices[part.name, default: []].append(contentsOf: changes)
  }

  /// Replaces the whole contents of the existing entry `name`.
  mutating func replace(_ name: String, with bytes: [UInt8]) {
    replaced[package.entry(name)?.name ?? name] = bytes
  }

  /// Adds a new part.
  mutating func add(_ name: String, _ bytes: [UInt8]) {
    added.append((name, bytes))
  }

  /// Leaves the entry of `name` out of the new package.
  mutating func remove(_ name: String) {
    if let entry = package.entry(name) { removed.insert(entry.name) }
    added.removeAll { $0.name.lowercased() == name.lowercased() }
  }

  /// Whether a part of this name exists or has been added.
  func exists(_ name: String) -> Bool {
    (package.entry(name) != nil && !removed.contains(package.entry(name)!.name))
      || added.contains { $0.name.lowercased() == name.lowercased() }
  }

  /// `prefix` + the smallest number from 1 no part uses + `suffix`
  /// (`xl/comments` + `3` + `.xml`).
  func unusedName(_ prefix: String, _ suffix: String) -> String {
    var number = 1
    while exists("\(prefix)\(number)\(suffix)") || package.entry("\(prefix)\(number)\(suffix)") != nil { number += 1 }
    return "\(prefix)\(number)\(suffix)"
  }

  /// The new bytes of every changed existing part, by entry name.
  func rewrittenParts() -> [String: [UInt8]] {
    var result = replaced
    for (name, changes) in splices where result[name] == nil {
      if let part = parts[name] { result[name] = Splice.apply(changes, to: part.bytes) }
    }
    return result
  }
}

// MARK: Relationships and content types

extension PackageEdits {
  static let relationshipType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

  /// Adds a relationship from `source` to `target` (a part name) and returns its id.
  /// Creates the relationships part when `source` has none.
  mutating func addRelationship(from source: String, to target: String, kind: String) throws -> String {
    let relsName = PartName.relationships(of: source)
    let targetURI = "/" + target
    if let rels = try part(relsName) {
      let taken = Set(rels.root.descendants.compactMap { $0.attribute("Id") } + pendingIDs(relsName))
      var number = taken.count + 1
      while taken.contains("rId\(number)") { number += 1 }
      let id = "rId\(number)"
      let prefix = rels.root.prefix.map { "\($0):" } ?? ""
      let element = "<\(prefix)Relationship Id=\"\(id)\" Type=\"\(Self.relationshipType)\(kind)\" Target=\"\(XMLEscaping.attribute(targetURI))\"/>"
      splice(rels, [try insertion(into: rels.root, in: rels, element)])
      pending[relsName, default: []].append(id)
      return id
    }
    if let index = added.firstIndex(where: { $0.name == relsName }) {
      // A relationships part this save creates: add to it.
      var text = String(decoding: added[index].bytes, as: UTF8.self)
      let id = "rId\(text.ranges(of: "<Relationship ").count + 1)"
      text = text.replacingAll("</Relationships>", with: "<Relationship Id=\"\(id)\" Type=\"\(Self.relationshipType)\(kind)\" Target=\"\(XMLEscaping.attribute(targetURI))\"/></Relationships>")
      added[index].bytes = Array(text.utf8)
      return id
    }
    let text = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      + "<Relationship Id=\"rId1\" Type=\"\(Self.relationshipType)\(kind)\" Target=\"\(XMLEscaping.attribute(targetURI))\"/></Relationships>"
    add(relsName, Array(text.utf8))
    return "rId1"
  }

  /// Removes the relationship `id` of `source`.
  mutating func removeRelationship(from source: String, id: String) throws {
    guard let rels = try part(PartName.relationships(of: source)) else { return }
    splice(rels, rels.root.children.filter { $0.attribute("Id") == id }.map { Splice($0.start..<$0.end, "") })
  }

  /// Declares the content type of a new part (an `Override`), or of an extension (a
  /// `Default`) when `extension` is given and not yet declared.
  mutating func declareContentType(_ contentType: String, part name: String? = nil, extension: String? = nil) throws {
    guard let types = try part("[Content_Types].xml") else {
      throw OOXMLError.invalidPackage(file: file, part: "[Content_Types].xml", reason: "the package has no content types")
    }
    let prefix = types.root.prefix.map { "\($0):" } ?? ""
    if let ext = `extension` {
      let declared = types.root.children.contains { ($0.attribute("Extension") ?? "").lowercased() == ext.lowercased() }
      guard !declared, !pending["[Content_Types].xml:\(ext.lowercased())", default: []].contains(ext) else { return }
      pending["[Content_Types].xml:\(ext.lowercased())", default: []].append(ext)
      splice(types, [try insertion(into: types.root, in: types, "<\(prefix)Default Extension=\"\(ext)\" ContentType=\"\(contentType)\"/>")])
    } else if let name {
      splice(types, [try insertion(into: types.root, in: types, "<\(prefix)Override PartName=\"/\(XMLEscaping.attribute(name))\" ContentType=\"\(contentType)\"/>")])
    }
  }

  /// Removes the `Override` of a part.
  mutating func removeContentType(part name: String) throws {
    guard let types = try part("[Content_Types].xml") else { return }
    let overrides = types.root.children.filter { ($0.attribute("PartName") ?? "").lowercased() == "/" + name.lowercased() }
    splice(types, overrides.map { Splice($0.start..<$0.end, "") })
  }

  /// An insertion of `element` as the last child of `node`.
  private func insertion(into node: SpanNode, in part: SpannedPart, _ element: String) throws -> Splice {
    guard !node.isSelfClosing else {
      throw OOXMLError.invalidPackage(file: file, part: part.name, reason: "its root is an empty element; Suivi cannot add to it")
    }
    return Splice(node.endTagStart..<node.endTagStart, element)
  }

  private func pendingIDs(_ relsName: String) -> [String] { pending[relsName] ?? [] }
}
