/// The workbook's custom document properties (`docProps/custom.xml`).
extension Workbook {
  /// The custom properties holding text or numbers, by name (empty when there are none).
  public func customProperties() throws -> [String: String] {
    guard let relationships = try package.relationships(of: ""),
      let name = relationships.first(where: { $0.kind == "custom-properties" })?.partName,
      let root = try package.element(name)
    else { return [:] }
    var properties: [String: String] = [:]
    for property in root.children where property.localName == "property" {
      guard let key = property.attribute("name"), let value = property.children.first?.text else { continue }
      properties[key] = value
    }
    return properties
  }
}
