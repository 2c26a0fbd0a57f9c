import Foundation

#if FUZZING
  import CFuzzer
#endif

#if FUZZING
  /// libFuzzer's entry point (built with `-sanitize=fuzzer`: `scripts/fuzz`). The target is
  /// named by `SUIVI_FUZZ_TARGET`.
  let fuzzTarget: FuzzTarget = {
    guard let name = ProcessInfo.processInfo.environment["SUIVI_FUZZ_TARGET"], let target = FuzzTarget(rawValue: name) else {
      FileHandle.standardError.write(Data("SUIVI_FUZZ_TARGET must be one of \(FuzzTarget.allCases.map(\.rawValue))\n".utf8))
      exit(2)
    }
    return target
  }()

  @_cdecl("LLVMFuzzerTestOneInput")
  public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzTarget.run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
  }

  /// The program's entry point (SwiftPM links `main` to it): libFuzzer's driver.
  @_cdecl("suivi_fuzz_main")
  public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in fuzzOne(data, size) }
  }
#else
  /// Without libFuzzer: replays inputs through a target, as CI does with each target's
  /// regression inputs. `suivi-fuzz TARGET FILE|FOLDER...`; exit 0 when every input ran.
  @main
  struct Replay {
    static func main() {
      let arguments = CommandLine.arguments.dropFirst()
      guard let name = arguments.first, let target = FuzzTarget(rawValue: name) else {
        FileHandle.standardError.write(Data("usage: suivi-fuzz TARGET FILE|FOLDER... (TARGET: \(FuzzTarget.allCases.map(\.rawValue)))\n".utf8))
        exit(64)
      }
      var count = 0
      for path in arguments.dropFirst() {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { continue }
        let files = isFolder.boolValue
          ? ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted().map { "\(path)/\($0)" } : [path]
        for file in files {
          guard let data = FileManager.default.contents(atPath: file) else { continue }
          target.run([UInt8](data))
          count += 1
        }
      }
      print("\(name): \(count) inputs replayed")
    }
  }
#endif
