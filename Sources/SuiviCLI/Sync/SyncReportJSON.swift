import SheetSync

/// Sync reports for scripts: field names are stable (see the README).
enum SyncReportJSON {
  static func render(_ report: SyncReport) -> String {
    func string(_ text: String?) -> String { text.map(JSONText.string) ?? "null" }
    func list(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }
    func change(_ change: SyncReport.Change) -> String {
      "{\"invoice\":\(string(change.number)),\"column\":\(string(change.column.rawValue)),\"cell\":\(string(change.cell)),\"from\":\(string(change.from)),\"to\":\(string(change.to))}"
    }
    var counts: String = "{\"to_ledger\":\(report.toLedger.count),\"to_sheet\":\(report.toSheet.count),\"imported\":\(report.imported.count),"
    counts += "\"appended\":\(report.appended.count),\"numbered\":\(report.numbered.count),\"deleted_rows\":\(report.deletedRows.count),"
    counts += "\"skipped\":\(report.skipped.count),\"conflicts_raised\":\(report.raised.count),\"conflicts_closed\":\(report.closed.count),"
    counts += "\"conflicts_open\":\(report.open.count)}"
    var json: String = "{\"command\":\(string(report.command.rawValue)),\"file\":\(string(report.file)),\"sheet\":\(string(report.sheet)),"
    json += "\"other_tables\":\(list(report.otherTables.map { JSONText.string($0.description) })),"
    json += "\"dry_run\":\(report.dryRun),\"adopted\":\(report.adopted),\"copy_of\":\(string(report.copyOf)),\"moved_from\":\(string(report.movedFrom)),\"unchanged\":\(report.unchanged),\"saved\":\(report.saved),"
    json += "\"backup\":\(string(report.backup)),\"counts\":\(counts),"
    json += "\"to_ledger\":\(list(report.toLedger.map(change))),\"to_sheet\":\(list(report.toSheet.map(change))),"
    json += "\"imported\":\(list(report.imported.map(JSONText.string))),\"appended\":\(list(report.appended.map(JSONText.string))),"
    json += "\"numbered\":\(list(report.numbered.map { "{\"row\":\($0.row),\"invoice\":\(string($0.reason.description))}" })),"
    json += "\"renumbered\":\(list(report.renumbered.map { "{\"from\":\(string($0.from)),\"to\":\(string($0.to)),\"side\":\(string($0.side))}" })),"
    json += "\"deleted_rows\":\(list(report.deletedRows.map(JSONText.string))),"
    json += "\"skipped\":\(list(report.skipped.map { "{\"row\":\($0.row),\"reason\":\(string($0.reason.description))}" })),"
    json += "\"grouped\":\(list(report.grouped.map { "{\"invoice\":\(string($0.number)),\"rows\":[\($0.rows.map(String.init).joined(separator: ","))]}" })),"
    json += "\"ambiguous_columns\":\(list(report.ambiguousColumns.map(JSONText.string))),"
    json += "\"warnings\":\(list(report.warnings.map { JSONText.string($0.description) })),"
    json += "\"renamed_columns\":\(list(report.renamedColumns.map(JSONText.string))),"
    json += "\"conflicts\":\(list(report.open.map(conflictObject)))}\n"
    return json
  }

  static func conflictObject(_ conflict: SyncConflict) -> String {
    func string(_ text: String?) -> String { text.map(JSONText.string) ?? "null" }
    var json: String = "{\"id\":\(string(conflict.id)),\"file\":\(string(conflict.file)),\"invoice\":\(string(conflict.number)),"
    json += "\"column\":\(string(conflict.column)),\"cell\":\(string(conflict.cell)),\"kind\":\(string(conflict.kind.rawValue)),"
    json += "\"base\":\(string(conflict.base)),\"ledger\":\(string(conflict.ledger)),\"sheet\":\(string(conflict.sheet)),"
    json += "\"raised_at\":\(string(conflict.raisedAt)),\"resolution\":\(string(conflict.resolution?.rawValue))}"
    return json
  }

  static func conflicts(_ conflicts: [SyncConflict]) -> String {
    "{\"conflicts\":[" + conflicts.map(conflictObject).joined(separator: ",") + "]}\n"
  }
}
