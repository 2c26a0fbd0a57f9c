import Wording
#if canImport(Glibc)
  import Glibc
  import CSystem
#elseif canImport(Darwin)
  import Darwin
#endif

/// How a workbook is replaced on disk so that no moment leaves it broken: the new version
/// is written to a temporary file in the same folder, flushed to disk, and renamed over the
/// old one (a rename within a folder is atomic); the old version is kept as a backup.
public struct SaveOptions: Sendable {
  /// Where backups go: a folder path, or `nil` for `.suivi-backups` beside the workbook.
  public var backupFolder: String?
  /// How many backups of one workbook to keep (the oldest go first); 0 keeps none.
  public var backupsKept: Int
  /// The deflate level for rewritten parts (1 fastest … 9 smallest). The default, 5,
  /// deflates a tracker's sheet XML about 40% faster than zlib's usual 6 for a part about
  /// 1.5% larger (55 MB of sheet XML: 0.44 s and 6.30 MB at 5, 0.72 s and 6.21 MB at 6,
  /// one core, measured with zlib 1.2.13).
  public var compressionLevel: UInt32

  /// Whether the save keeps the previous version beside the workbook
  /// (``SaveReport/previous``) until the caller removes it or puts it back
  /// (``SafeReplace/restore(_:previous:)``): a sync, whose ledger transaction commits after
  /// the workbook is replaced, puts the old workbook back if the commit fails.
  public var keepsPrevious = false

  public init(backupFolder: String? = nil, backupsKept: Int = 10, compressionLevel: UInt32 = 5) {
    self.backupFolder = backupFolder
    self.backupsKept = backupsKept
    self.compressionLevel = compressionLevel
  }
}

public enum SafeReplace {
  /// The file a path names, through symbolic links (a link is written through, to its
  /// target, never replaced by a file of its own); the path itself when it names no link.
  static func resolvingLinks(_ path: String) -> String {
    var status = stat()
    guard lstat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFLNK, let real = realpath(path, nil) else { return path }
    defer { free(real) }
    return String(cString: real)
  }

  /// Refuses a workbook its permissions keep from being written (`chmod 444`): it is not
  /// replaced behind a person's back.
  static func refuseIfReadOnly(_ path: String) throws {
    var status = stat()
    guard stat(path, &status) == 0 else { return }
    // (Its mode says so even to an administrator, whom access(2) lets write anything.)
    guard status.st_mode & 0o222 == 0 || access(path, W_OK) != 0 else { return }
    throw OOXMLError.cannotWrite(file: path, reason: "the workbook is read-only (its permissions do not allow writing it); nothing was changed")
  }

  /// Gives `temporary` what `path` has besides its bytes: its mode (a `0600` workbook stays
  /// private), its group when the user may keep it, and its access control list.
  static func keepAttributes(of path: String, on temporary: String) {
    var status = stat()
    guard stat(path, &status) == 0 else { return }
    chmod(temporary, status.st_mode & 0o7777)
    if status.st_gid != getegid() { _ = chown(temporary, uid_t.max, status.st_gid) }
    #if canImport(Glibc)
      for name in ["system.posix_acl_access"] {
        let size = getxattr(path, name, nil, 0)
        guard size > 0 else { continue }
        var value = [UInt8](repeating: 0, count: size)
        guard getxattr(path, name, &value, size) == size else { continue }
        _ = setxattr(temporary, name, value, size, 0)
      }
    #endif
  }

  /// A link to the current version of `path` beside it, kept until the caller removes it
  /// or puts it back (``SaveOptions/keepsPrevious``).
  static func keepPrevious(_ path: String) throws -> String {
    let previous = temporaryPath(beside: path) + ".previous"
    if link(path, previous) != 0 { try copyFile(path, to: previous) }
    return previous
  }

  /// Puts the version kept by a save with ``SaveOptions/keepsPrevious`` back in place of
  /// the workbook it replaced.
  public static func restore(_ path: String, previous: String) throws {
    guard rename(previous, path) == 0 else { throw OOXMLError.cannotWrite(file: path, reason: .verbatim(String(cString: strerror(errno)))) }
    flushFolder(of: path)
  }

  /// Removes the version a save kept (the change it made stands).
  public static func discard(previous: String) { unlink(previous) }

  /// Refuses to touch `path` while Excel or LibreOffice has it open (their lock files
  /// beside it: `~$NAME`, `.~lock.NAME#`).
  static func refuseIfLocked(_ path: String) throws {
    let (folder, name) = split(path)
    var candidates = ["~$" + name, ".~lock." + name + "#"]
    // Excel shortens the owner file's name of long file names by their first characters.
    if name.count > 2 { candidates += ["~$" + String(name.dropFirst(1)), "~$" + String(name.dropFirst(2))] }
    for candidate in candidates where access(folder + "/" + candidate, F_OK) == 0 {
      let program = candidate.hasPrefix("~$") ? "Excel" : "LibreOffice"
      throw OOXMLError.busy(file: path, reason: "it is open in \(program) (\(candidate)); close it and run again")
    }
  }

  /// A fresh temporary path beside `path`.
  static func temporaryPath(beside path: String) -> String {
    let (folder, name) = split(path)
    var random = UInt64(0)
    withUnsafeMutableBytes(of: &random) { _ = getentropy($0.baseAddress, $0.count) }
    return "\(folder)/.\(name).suivi-\(String(random, radix: 36)).tmp"
  }

  /// Flushes the file at `path` to disk.
  static func flush(_ path: String) throws {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { throw OOXMLError.cannotWrite(file: path, reason: .verbatim(String(cString: strerror(errno)))) }
    defer { close(descriptor) }
    guard fsync(descriptor) == 0 else { throw OOXMLError.cannotWrite(file: path, reason: .verbatim(String(cString: strerror(errno)))) }
  }

  /// Flushes a folder's entries (the rename) to disk.
  static func flushFolder(of path: String) {
    let descriptor = open(split(path).folder, O_RDONLY)
    guard descriptor >= 0 else { return }
    fsync(descriptor)
    close(descriptor)
  }

  /// Keeps the current version of `path` in the backup folder (a hard link when the file
  /// system allows, else a copy), and prunes old backups. Returns the backup's path.
  static func backUp(_ path: String, options: SaveOptions, now: time_t = time(nil)) throws -> String? {
    guard options.backupsKept > 0 else { return nil }
    let (folder, name) = split(path)
    let backups = options.backupFolder ?? folder + "/.suivi-backups"
    if mkdir(backups, 0o755) != 0 && errno != EEXIST {
      throw OOXMLError.cannotWrite(file: path, reason: "cannot create the backup folder \(backups): \(String(cString: strerror(errno)))")
    }
    let stem = name.hasSuffix(".xlsx") || name.hasSuffix(".xlsm") ? String(name.dropLast(5)) : name
    let ext = name.count > stem.count ? String(name.suffix(name.count - stem.count)) : ""
    // Within one second, backups are numbered after the highest number in use (not the
    // first free one: pruning frees low numbers, and they must not sort as older).
    let stamp = timestamp(now)
    let sameSecond = backupNames(folder: backups, stem: stem, ext: ext).map { age($0, stem: stem, ext: ext) }.filter { $0.0 == stamp }
    var attempt = (sameSecond.map(\.1).max() ?? 0) + 1
    var target = "\(backups)/\(stem).\(stamp)\(attempt == 1 ? "" : "-\(attempt)")\(ext)"
    while access(target, F_OK) == 0 {
      attempt += 1
      target = "\(backups)/\(stem).\(stamp)-\(attempt)\(ext)"
    }
    if link(path, target) != 0 { try copyFile(path, to: target) }
    prune(folder: backups, stem: stem, ext: ext, keep: options.backupsKept)
    return target
  }

  /// Renames `temporary` over `path`.
  static func replace(_ path: String, with temporary: String) throws {
    guard rename(temporary, path) == 0 else {
      let reason = Phrase.verbatim(String(cString: strerror(errno)))
      unlink(temporary)
      throw OOXMLError.cannotWrite(file: path, reason: reason)
    }
    flushFolder(of: path)
  }

  /// Removes temporary files a killed save left beside `path` (older than ten minutes).
  static func removeStaleTemporaries(beside path: String, now: time_t = time(nil)) {
    let (folder, name) = split(path)
    guard let directory = opendir(folder) else { return }
    defer { closedir(directory) }
    let prefix = ".\(name).suivi-"
    while let entry = readdir(directory) {
      let entryName = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
      guard entryName.hasPrefix(prefix) else { continue }
      let full = folder + "/" + entryName
      var status = stat()
      guard stat(full, &status) == 0 else { continue }
      #if canImport(Darwin)
        let modified = status.st_mtimespec.tv_sec
      #else
        let modified = status.st_mtim.tv_sec
      #endif
      if now - modified > 600 { unlink(full) }
    }
  }

  static func split(_ path: String) -> (folder: String, name: String) {
    guard let slash = path.lastIndex(of: "/") else { return (".", path) }
    let folder = String(path[..<slash])
    return (folder.isEmpty ? "/" : folder, String(path[path.index(after: slash)...]))
  }

  private static func timestamp(_ time: time_t) -> String {
    var value = time
    var parts = tm()
    localtime_r(&value, &parts)
    func two(_ number: Int32) -> String { number < 10 ? "0\(number)" : String(number) }
    return "\(parts.tm_year + 1900)\(two(parts.tm_mon + 1))\(two(parts.tm_mday))-\(two(parts.tm_hour))\(two(parts.tm_min))\(two(parts.tm_sec))"
  }

  static func copyFile(_ source: String, to target: String) throws {
    guard let input = fopen(source, "rb") else { throw OOXMLError.cannotWrite(file: source, reason: "cannot read it for a backup") }
    defer { fclose(input) }
    guard let output = fopen(target, "wbx") else { throw OOXMLError.cannotWrite(file: target, reason: .verbatim(String(cString: strerror(errno)))) }
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = fread(&buffer, 1, buffer.count, input)
      if count == 0 { break }
      guard fwrite(buffer, 1, count, output) == count else {
        fclose(output)
        unlink(target)
        throw OOXMLError.cannotWrite(file: target, reason: "cannot write the backup")
      }
    }
    guard fflush(output) == 0, fsync(fileno(output)) == 0, fclose(output) == 0 else {
      throw OOXMLError.cannotWrite(file: target, reason: "cannot write the backup")
    }
  }

  private static func prune(folder: String, stem: String, ext: String, keep: Int) {
    let names = backupNames(folder: folder, stem: stem, ext: ext)
    for name in names.sorted(by: { age($0, stem: stem, ext: ext) < age($1, stem: stem, ext: ext) }).dropLast(keep) {
      unlink(folder + "/" + name)
    }
  }

  /// The backups of `stem` in `folder`: `stem.YYYYMMDD-HHMMSS[-N]ext`.
  private static func backupNames(folder: String, stem: String, ext: String) -> [String] {
    guard let directory = opendir(folder) else { return [] }
    defer { closedir(directory) }
    var names: [String] = []
    while let entry = readdir(directory) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
      if name.hasPrefix(stem + "."), name.hasSuffix(ext), name.count >= stem.count + 16 + ext.count { names.append(name) }
    }
    return names
  }

  /// A backup's time stamp and number (none is 1), which order backups oldest first.
  private static func age(_ name: String, stem: String, ext: String) -> (String, Int) {
    let middle = name.dropFirst(stem.count + 1).dropLast(ext.count)
    let attempt = middle.count > 15 ? Int(middle.dropFirst(16)) ?? 0 : 1
    return (String(middle.prefix(15)), attempt)
  }
}
