import CivilDate
import GRDB

/// The ledger's schema, as named migrations.
///
/// A migration is never edited once committed: a change is a new migration appended
/// to ``migrator``. Dates are ISO 8601 text, money integer cents, rates basis points.
enum LedgerSchema {
  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1: clients, invoices, payments, allocations, reminders, journal, settings") { db in
      try createClients(db)
      try createInvoices(db)
      try createPayments(db)
      try createReminders(db)
      try createJournal(db)
      try db.create(table: "setting") { table in
        table.primaryKey("key", .text)
        table.column("value", .text).notNull()
      }
    }
    migrator.registerMigration("v2: invoice change ticks") { db in
      try createChangeTicks(db)
    }
    migrator.registerMigration("v3: invoice numbers as issued, in any series; numbers seen in trackers; amounts as stated") { db in
      try numbersAsIssued(db)
    }
    migrator.registerMigration("v4: the sync's state (bindings, bases, conflicts, runs, digests, mappings)") { db in
      try createSyncState(db)
    }
    migrator.registerMigration("v5: open and flagged conflicts found without a scan") { db in
      try db.execute(sql: "CREATE INDEX IF NOT EXISTS sync_conflict_state ON sync_conflict (binding_id, closed, flagged)")
    }
    migrator.registerMigration("v6: dates within 1900-01-01 … 9999-12-31") { db in
      try boundDates(db)
    }
    migrator.registerMigration("v7: the ECB rate by half-year") { db in
      try ecbRateByHalfYear(db)
    }
    migrator.registerMigration("v8: promises to pay, dispute history") { db in
      try promisesAndDisputes(db)
    }
    migrator.registerMigration("v9: the clients selected for follow-up") { db in
      // Every client followed until a person says otherwise (`client follow NAME off`).
      try db.execute(sql: "ALTER TABLE client ADD COLUMN followed INTEGER NOT NULL DEFAULT 1")
    }
    migrator.registerMigration("v10: drafts submitted to the client for approval") { db in
      // The 48 hours run from the submission (seed 002). A draft of an earlier version was
      // counted from its date: its submission is its date.
      try db.execute(sql: """
        ALTER TABLE invoice ADD COLUMN submittedOn TEXT;
        UPDATE invoice SET submittedOn = issueDate WHERE needsApproval = 1 AND approvedOn IS NULL;
        """)
      try boundDates(db, columns: [("invoice", ["submittedOn"])])
    }
    migrator.registerMigration("v11: the documents made, kept ten years (C. com. L123-22)") { db in
      try db.execute(sql: """
        CREATE TABLE document (
          id INTEGER PRIMARY KEY,
          kind TEXT NOT NULL,
          title TEXT NOT NULL,
          path TEXT NOT NULL UNIQUE,
          sha256 TEXT NOT NULL,
          size INTEGER NOT NULL,
          madeOn TEXT NOT NULL,
          madeAt TEXT NOT NULL,
          keepUntil TEXT NOT NULL,
          clientId INTEGER REFERENCES client(id),
          level INTEGER,
          amount INTEGER NOT NULL,
          language TEXT NOT NULL,
          invoices TEXT NOT NULL,
          source TEXT NOT NULL
        );
        CREATE INDEX document_client ON document (clientId, madeOn);
        """)
    }
    migrator.registerMigration("v12: the send log (each send of a document, and its delivery over time)") { db in
      try db.execute(sql: """
        CREATE TABLE sending (
          id INTEGER PRIMARY KEY,
          documentId INTEGER REFERENCES document(id),
          path TEXT NOT NULL,
          channel TEXT NOT NULL,
          recipient TEXT NOT NULL,
          sentOn TEXT NOT NULL,
          tracking TEXT,
          message TEXT,
          replaces INTEGER REFERENCES sending(id)
        );
        CREATE TABLE sending_status (
          id INTEGER PRIMARY KEY,
          sendingId INTEGER NOT NULL REFERENCES sending(id),
          status TEXT NOT NULL,
          day TEXT NOT NULL,
          reason TEXT,
          at TEXT NOT NULL
        );
        CREATE INDEX sending_document ON sending (documentId);
        CREATE INDEX sending_status_sending ON sending_status (sendingId, id);
        """)
    }
    migrator.registerMigration("v13: bank statements' movements, their matches, the clients' IBANs") { db in
      try db.execute(sql: """
        CREATE TABLE bank_movement (
          id INTEGER PRIMARY KEY,
          identity TEXT NOT NULL UNIQUE,
          account TEXT NOT NULL,
          bookedOn TEXT NOT NULL,
          valueOn TEXT,
          amount INTEGER NOT NULL,
          label TEXT NOT NULL,
          remittance TEXT NOT NULL,
          payer TEXT,
          payerIBAN TEXT,
          bankReference TEXT,
          file TEXT NOT NULL,
          line INTEGER NOT NULL,
          importedAt TEXT NOT NULL,
          state TEXT NOT NULL,
          paymentId INTEGER,
          proposals TEXT NOT NULL DEFAULT '',
          reverses INTEGER REFERENCES bank_movement(id)
        );
        CREATE INDEX bank_movement_state ON bank_movement (state, bookedOn);
        CREATE TABLE client_iban (
          clientId INTEGER NOT NULL REFERENCES client(id),
          iban TEXT NOT NULL,
          PRIMARY KEY (clientId, iban)
        );
        """)
    }
    migrator.registerMigration("v14: a payment typed twice found by its day and amount, not by reading them all") { db in
      // (The duplicate check compares payers without case: the payer index cannot serve it.)
      try db.execute(sql: "CREATE INDEX payment_received ON payment (receivedOn, amount)")
    }
    return migrator
  }

  /// `penalty.ecb_rate`, one flat rate for every day, becomes the rate of the half-year it
  /// was last set in (``DatedRates``), unless it is that half-year's shipped rate: the
  /// shipped table says the rate of every other half-year.
  private static func ecbRateByHalfYear(_ db: Database) throws {
    guard let value = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'penalty.ecb_rate'") else { return }
    let at = try String.fetchOne(
      db, sql: "SELECT at FROM journal WHERE entity = 'setting' AND key = 'penalty.ecb_rate' ORDER BY id DESC LIMIT 1")
    let now = try String.fetchOne(db, sql: "SELECT date('now')") ?? ""
    if let day = Day.iso(String((at ?? now).prefix(10))), let rate = try? Cents.parse(value, field: "penalty.ecb_rate", requirePositive: false) {
      let half = HalfYear(containing: day)
      if DatedRates.ecbMainRefinancing.rates[half]?.basisPoints != rate.value {
        try db.execute(sql: "INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)", arguments: ["rate.ecb.\(half)", value])
      }
    }
    try db.execute(sql: "DELETE FROM setting WHERE key = 'penalty.ecb_rate'")
  }

  /// v8: the day a client promised to pay, on the reminder that obtained the promise; and
  /// the disputes that ended, each with its first and last day (the dispute open now is
  /// the invoice's `disputedOn`), so that a past day inside one shows *Litige*.
  private static func promisesAndDisputes(_ db: Database) throws {
    let tick = "(SELECT tick FROM change_clock)"
    let record = "INSERT INTO invoice_change (number, tick) SELECT number, \(tick) FROM invoice WHERE id = %@ ON CONFLICT (number) DO UPDATE SET tick = excluded.tick;"
    try db.execute(
      sql: """
        ALTER TABLE reminder ADD COLUMN promisedOn TEXT;
        CREATE TABLE dispute_period (
          id INTEGER PRIMARY KEY, invoiceId INTEGER NOT NULL REFERENCES invoice(id) ON DELETE CASCADE,
          fromDay TEXT NOT NULL, toDay TEXT NOT NULL, CHECK (fromDay <= toDay));
        CREATE INDEX dispute_period_invoice ON dispute_period (invoiceId);
        CREATE TRIGGER dispute_period_change_insert AFTER INSERT ON dispute_period BEGIN \(record.replacingOccurrences(of: "%@", with: "NEW.invoiceId")) END;
        CREATE TRIGGER dispute_period_change_delete AFTER DELETE ON dispute_period BEGIN \(record.replacingOccurrences(of: "%@", with: "OLD.invoiceId")) END;
        """)
    try boundDates(db, columns: [("reminder", ["promisedOn"]), ("dispute_period", ["fromDay", "toDay"])])
  }

  /// The marker of the error the triggers raise (``LedgerError/dateOutOfRange(field:day:)``).
  static let dateOutOfRangeMarker = "suivi: date out of range: "

  /// Triggers that refuse a date outside ``Day/supported`` however it is written (the
  /// commands refuse it first, with the option it came from; these keep any other path
  /// from storing one). A date already stored is left as it is, and an update that does
  /// not change it is not refused: a ledger written before stays usable.
  private static func boundDates(_ db: Database, columns dated: [(table: String, columns: [String])]? = nil) throws {
    // (v6 bounds the columns it knew; a later migration, those it adds.)
    let v6 = [("invoice", ["issueDate", "dueDate", "approvedOn", "sentOn", "voidedOn", "disputedOn"]), ("payment", ["receivedOn"]), ("reminder", ["sentOn"])]
    for (table, columns) in dated ?? v6 {
      for column in columns {
        let outside = "(NEW.\(column) IS NOT NULL AND NOT (length(NEW.\(column)) = 10 AND NEW.\(column) BETWEEN '1900-01-01' AND '9999-12-31'))"
        let raise = "SELECT RAISE(ABORT, '\(dateOutOfRangeMarker)\(table).\(column)');"
        try db.execute(sql: "CREATE TRIGGER \(table)_\(column)_bounded_insert BEFORE INSERT ON \(table) WHEN \(outside) BEGIN \(raise) END")
        try db.execute(
          sql: "CREATE TRIGGER \(table)_\(column)_bounded_update BEFORE UPDATE OF \(column) ON \(table) WHEN NEW.\(column) IS NOT OLD.\(column) AND \(outside) BEGIN \(raise) END")
      }
    }
  }

  /// The state of the sync with tracker files (SheetSync's, kept in the ledger file so that
  /// a sync's ledger changes and the state they leave commit together): the bindings of
  /// tracker files, each synced row's base (both sides' values at the last sync, encoded by
  /// SheetSync), the conflicts, a journal of runs, each binding's sheet digest and a
  /// person's mapping of a tracker. `IF NOT EXISTS`: ledgers synced before this migration
  /// have them already, made by the sync itself, the same.
  private static func createSyncState(_ db: Database) throws {
    try db.execute(sql: """
      CREATE TABLE IF NOT EXISTS sync_binding (
        id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, sheet TEXT, checksum TEXT, journal_id INTEGER NOT NULL DEFAULT 0,
        as_of TEXT, push_pending INTEGER NOT NULL DEFAULT 0, tracker_id TEXT, synced_at TEXT);
      CREATE TABLE IF NOT EXISTS sync_base (
        binding_id INTEGER NOT NULL REFERENCES sync_binding(id) ON DELETE CASCADE, number TEXT NOT NULL,
        sheet_values TEXT NOT NULL, ledger_values TEXT NOT NULL, PRIMARY KEY (binding_id, number));
      CREATE TABLE IF NOT EXISTS sync_conflict (
        binding_id INTEGER NOT NULL REFERENCES sync_binding(id) ON DELETE CASCADE, id TEXT NOT NULL, number TEXT NOT NULL,
        col TEXT NOT NULL, kind TEXT NOT NULL, base TEXT, ledger TEXT, sheet TEXT, cell TEXT, raised_at TEXT NOT NULL,
        resolution TEXT, decided TEXT, resolved_at TEXT, closed INTEGER NOT NULL DEFAULT 0, flagged INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (binding_id, id));
      CREATE TABLE IF NOT EXISTS sync_run (
        id INTEGER PRIMARY KEY, binding_id INTEGER NOT NULL REFERENCES sync_binding(id) ON DELETE CASCADE, command TEXT NOT NULL,
        at TEXT NOT NULL, checksum_before TEXT, checksum_after TEXT, counts TEXT NOT NULL, open_conflicts INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS sync_digest (
        binding_id INTEGER PRIMARY KEY REFERENCES sync_binding(id) ON DELETE CASCADE,
        context BLOB NOT NULL, facts BLOB NOT NULL, rows BLOB NOT NULL);
      CREATE TABLE IF NOT EXISTS sync_mapping (path TEXT PRIMARY KEY, mapping TEXT NOT NULL);
      """)
  }

  /// Which invoices changed since a moment, whatever command changed them: every write
  /// that can change what an invoice shows (the invoice, its client's name, its payments'
  /// allocations, dates and methods, its credit notes, its reminders, the settings)
  /// records the invoice's number with the clock's current tick, by trigger. A reader
  /// that advanced the clock (``LedgerSession/advanceChangeClock()``) later asks for the
  /// numbers recorded at its tick or after (``LedgerSession/invoicesChanged(since:)``).
  /// A change to the settings is recorded as `*`: every invoice.
  private static func createChangeTicks(_ db: Database) throws {
    try db.execute(sql: """
      CREATE TABLE change_clock (id INTEGER PRIMARY KEY CHECK (id = 1), tick INTEGER NOT NULL);
      INSERT INTO change_clock (id, tick) VALUES (1, 1);
      CREATE TABLE invoice_change (number TEXT PRIMARY KEY, tick INTEGER NOT NULL) WITHOUT ROWID;
      CREATE INDEX invoice_change_tick ON invoice_change (tick);
      """)
    try createChangeTriggers(db)
  }

  /// The triggers of ``createChangeTicks(_:)``.
  private static func createChangeTriggers(_ db: Database) throws {
    /// A trigger that records, at the clock's tick, the invoice numbers each of `sources`
    /// gives (`VALUES (…)`, or a `SELECT` of numbers with a `WHERE`).
    func trigger(_ name: String, _ event: String, when condition: String? = nil, _ sources: [String]) throws {
      let statements = sources.map {
        "INSERT INTO invoice_change (number, tick) \($0) ON CONFLICT (number) DO UPDATE SET tick = excluded.tick;"
      }
      try db.execute(sql: "CREATE TRIGGER \(name) AFTER \(event)\(condition.map { " WHEN \($0)" } ?? "") BEGIN \(statements.joined(separator: " ")) END")
    }
    let tick = "(SELECT tick FROM change_clock)"
    func numbers(where condition: String) -> String { "SELECT number, \(tick) FROM invoice WHERE \(condition)" }
    // The invoice itself (and its old number when renumbered).
    try trigger("invoice_change_insert", "INSERT ON invoice", ["VALUES (NEW.number, \(tick))"])
    try trigger("invoice_change_update", "UPDATE ON invoice", ["VALUES (NEW.number, \(tick))"])
    try trigger("invoice_change_renumber", "UPDATE OF number ON invoice", when: "OLD.number <> NEW.number", ["VALUES (OLD.number, \(tick))"])
    try trigger("invoice_change_delete", "DELETE ON invoice", ["VALUES (OLD.number, \(tick))"])
    // A credit note changes what its invoice shows.
    try trigger("credit_note_change_insert", "INSERT ON invoice", when: "NEW.creditedInvoiceId IS NOT NULL", [numbers(where: "id = NEW.creditedInvoiceId")])
    try trigger(
      "credit_note_change_update", "UPDATE ON invoice", when: "NEW.creditedInvoiceId IS NOT NULL OR OLD.creditedInvoiceId IS NOT NULL",
      [numbers(where: "id IN (NEW.creditedInvoiceId, OLD.creditedInvoiceId)")])
    try trigger("credit_note_change_delete", "DELETE ON invoice", when: "OLD.creditedInvoiceId IS NOT NULL", [numbers(where: "id = OLD.creditedInvoiceId")])
    // Payments: their allocations, and a payment's own day or method.
    try trigger("allocation_change_insert", "INSERT ON allocation", [numbers(where: "id = NEW.invoiceId")])
    try trigger("allocation_change_update", "UPDATE ON allocation", [numbers(where: "id IN (NEW.invoiceId, OLD.invoiceId)")])
    try trigger("allocation_change_delete", "DELETE ON allocation", [numbers(where: "id = OLD.invoiceId")])
    try trigger(
      "payment_change_update", "UPDATE ON payment",
      ["SELECT i.number, \(tick) FROM allocation a JOIN invoice i ON i.id = a.invoiceId WHERE a.paymentId IN (NEW.id, OLD.id)"])
    // Reminders, a client's name, the settings (every invoice: `*`).
    try trigger("reminder_change_insert", "INSERT ON reminder", [numbers(where: "id = NEW.invoiceId")])
    try trigger("reminder_change_update", "UPDATE ON reminder", [numbers(where: "id IN (NEW.invoiceId, OLD.invoiceId)")])
    try trigger("reminder_change_delete", "DELETE ON reminder", [numbers(where: "id = OLD.invoiceId")])
    try trigger("client_change_update", "UPDATE ON client", [numbers(where: "clientId IN (NEW.id, OLD.id)")])
    for event in ["INSERT", "UPDATE", "DELETE"] {
      try trigger("setting_change_\(event.lowercased())", "\(event) ON setting", ["VALUES ('*', \(tick))"])
    }
  }

  /// v3: amounts as a tracker states them: HT, VAT and rate may be unknown (`NULL`), the
  /// TTC never is (``InvoiceAmounts``). A credit note may name no invoice (a tracker's
  /// negative row: the client's *avoir*). A number is kept as issued (any shape: `F-2026-00004401`, `151`, a UUID), unique
  /// whatever its letter case; its place in a series (``NumberSeries``) is its stem and
  /// counter, `NULL` for a number that ends with no digits. Numbers a tracker shows on rows
  /// the ledger did not take are kept in `reserved_number`, so that a number Suivi issues
  /// never collides with one the business wrote.
  ///
  /// SQLite cannot change a column's constraints: the table is made anew, its rows copied
  /// (`FA-240001` has the stem `FA-24` and the counter 1), and the triggers that name it
  /// dropped before and made again after.
  private static func numbersAsIssued(_ db: Database) throws {
    let triggers = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger'")
    for name in triggers { try db.execute(sql: "DROP TRIGGER \(name)") }
    try db.create(table: "invoice_v3") { table in
      table.autoIncrementedPrimaryKey("id")
      table.column("number", .text).notNull().unique().collate(.nocase)
      table.column("series", .text)
      table.column("counter", .integer)
      table.column("kind", .text).notNull().check { ["invoice", "credit_note"].contains($0) }
      table.column("clientId", .integer).notNull().references("client", onDelete: .restrict)
      table.column("issueDate", .text).notNull()
      table.column("dueDate", .text).notNull()
      table.column("service", .text)
      table.column("ht", .integer).check { $0 >= 0 }
      table.column("vatRate", .integer).check { $0 >= 0 && $0 <= 10_000 }
      table.column("vat", .integer).check { $0 >= 0 }
      table.column("ttc", .integer).notNull().check { $0 > 0 }
      table.column("notes", .text)
      table.column("needsApproval", .boolean).notNull().defaults(to: false)
      table.column("approvedOn", .text)
      table.column("sentOn", .text)
      table.column("voidedOn", .text)
      table.column("disputedOn", .text)
      table.column("creditedInvoiceId", .integer).references("invoice", onDelete: .restrict)
      table.check(sql: "(ht IS NULL) = (vat IS NULL)")
      table.check(sql: "ht IS NULL OR ttc = ht + vat")
      table.check(sql: "kind = 'credit_note' OR creditedInvoiceId IS NULL")
      table.check(sql: "(series IS NULL) = (counter IS NULL)")
    }
    try db.execute(sql: """
      INSERT INTO invoice_v3 (id, number, series, counter, kind, clientId, issueDate, dueDate, service, ht, vatRate, vat, ttc, notes,
        needsApproval, approvedOn, sentOn, voidedOn, disputedOn, creditedInvoiceId)
      SELECT id, number, prefix || '-' || printf('%02d', year), sequence, kind, clientId, issueDate, dueDate, service, ht, vatRate, vat,
        ttc, notes, needsApproval, approvedOn, sentOn, voidedOn, disputedOn, creditedInvoiceId FROM invoice;
      DROP TABLE invoice;
      ALTER TABLE invoice_v3 RENAME TO invoice;
      CREATE INDEX invoice_on_clientId ON invoice (clientId);
      CREATE INDEX invoice_on_creditedInvoiceId ON invoice (creditedInvoiceId);
      CREATE INDEX invoice_series ON invoice (series, counter);
      CREATE TABLE reserved_number (number TEXT PRIMARY KEY COLLATE NOCASE, seenIn TEXT NOT NULL) WITHOUT ROWID;
      """)
    try createChangeTriggers(db)
  }

  private static func createClients(_ db: Database) throws {
    try db.create(table: "client") { table in
      table.autoIncrementedPrimaryKey("id")
      table.column("name", .text).notNull().unique().collate(.nocase)
      table.column("email", .text)
      table.column("phone", .text)
      table.column("address", .text)
      table.column("termsDays", .integer).notNull().defaults(to: 30).check { $0 >= 0 }
      table.column("endOfMonth", .boolean).notNull().defaults(to: false)
      table.column("isConsumer", .boolean).notNull().defaults(to: false)
    }
  }

  private static func createInvoices(_ db: Database) throws {
    try db.create(table: "invoice") { table in
      table.autoIncrementedPrimaryKey("id")
      table.column("number", .text).notNull().unique()
      table.column("prefix", .text).notNull()
      table.column("year", .integer).notNull()
      table.column("sequence", .integer).notNull()
      table.column("kind", .text).notNull().check { ["invoice", "credit_note"].contains($0) }
      table.column("clientId", .integer).notNull().indexed().references("client", onDelete: .restrict)
      table.column("issueDate", .text).notNull()
      table.column("dueDate", .text).notNull()
      table.column("service", .text)
      table.column("ht", .integer).notNull().check { $0 >= 0 }
      table.column("vatRate", .integer).notNull().check { $0 >= 0 && $0 <= 10_000 }
      table.column("vat", .integer).notNull().check { $0 >= 0 }
      table.column("ttc", .integer).notNull().check { $0 > 0 }
      table.column("notes", .text)
      table.column("needsApproval", .boolean).notNull().defaults(to: false)
      table.column("approvedOn", .text)
      table.column("sentOn", .text)
      table.column("voidedOn", .text)
      table.column("disputedOn", .text)
      table.column("creditedInvoiceId", .integer).indexed().references("invoice", onDelete: .restrict)
      table.uniqueKey(["prefix", "year", "sequence"])
      table.check(sql: "ttc = ht + vat")
      table.check(sql: "(kind = 'credit_note') = (creditedInvoiceId IS NOT NULL)")
    }
  }

  private static func createPayments(_ db: Database) throws {
    try db.create(table: "payment") { table in
      table.autoIncrementedPrimaryKey("id")
      table.column("clientId", .integer).notNull().indexed().references("client", onDelete: .restrict)
      table.column("receivedOn", .text).notNull()
      table.column("amount", .integer).notNull().check { $0 > 0 }
      table.column("method", .text).notNull()
      table.column("payer", .text).notNull()
      table.column("reference", .text)
      table.column("note", .text)
    }
    try db.create(index: "payment_duplicate", on: "payment", columns: ["payer", "amount", "receivedOn"])
    try db.create(table: "allocation") { table in
      table.autoIncrementedPrimaryKey("id")
      table.column("paymentId", .integer).notNull().indexed().references("payment", onDelete: .restrict)
      table.column("invoiceId", .integer).notNull().indexed().references("invoice", onDelete: .restrict)
      table.column("amount", .integer).notNull().check { $0 > 0 }
      table.uniqueKey(["paymentId", "invoiceId"])
    }
  }

  private static func createReminders(_ db: Database) throws {
    try db.create(table: "reminder") { table in
      table.autoIncrementedPrimaryKey("id")
      table.column("invoiceId", .integer).notNull().references("invoice", onDelete: .restrict)
      table.column("level", .integer).notNull().check { $0 >= 1 }
      table.column("channel", .text).notNull()
      table.column("sentOn", .text).notNull()
      table.column("note", .text)
      table.column("outcome", .text)
      table.uniqueKey(["invoiceId", "level"])
    }
  }

  private static func createJournal(_ db: Database) throws {
    try db.create(table: "journal") { table in
      table.autoIncrementedPrimaryKey("id")
      table.column("entity", .text).notNull()
      table.column("key", .text).notNull()
      table.column("field", .text)
      table.column("old", .text)
      table.column("new", .text)
      table.column("at", .text).notNull()
      table.column("command", .text).notNull()
    }
  }
}
