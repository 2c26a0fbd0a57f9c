/// The model sheet's description (`model.json` beside this file), embedded in the binary
/// at build time so that an installed `suivi` needs no source tree.
public enum TemplateResources {
  /// The bytes of `model.json`.
  public static var model: [UInt8] { PackageResources.model_json }
}
