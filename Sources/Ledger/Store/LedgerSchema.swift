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
    return migrator
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

      CREATE TRIGGER invoice_change_insert AFTER INSERT ON invoice BEGIN
        INSERT INTO invoice_change (number, tick) VALUES (NEW.number, (SELECT tick FROM change_clock))
          ON CONFLICT (number) DO UPDATE SET tick = excluded.tick;
      END;
      CREATE TRIGGER invoice_change_update AFTER UPDATE ON invoice BEGIN
        INSERT INTO invoice_change (number, tick) VALUES (NEW.number, (SELECT tick FROM change_clock))
          ON CONFLICT (number) DO UPDATE SET tick = excluded.tick;
      END;
      CREATE TRIGGER invoice_change_renumber AFTER UPDATE OF number ON invoice WHEN OLD.number <> NEW.number BEGIN
        INSERT INTO invoice_change (number, tick) VALUES (OLD.number, (SELECT tick FROM change_clock))
          ON CONFLICT (number) DO UPDATE SET tick = excluded.tick;
      END;
      CREATE TRIGGER invoice_change_delete AFTER DELETE ON invoice BEGIN
        INSERT INTO invoice_change (number, tick) VALUES (OLD.number, (SELECT tick FROM change_clock))
          ON CONFLICT (number) DO UPDATE SET tick = excluded.tick;
      END;
      -- A credit note changes what its invoice shows.
      CREATE TRIGGER credit_note_change_insert AFTER INSERT ON invoice WHEN NEW.creditedInvoiceId IS NOT NULL BEGIN
        INSERT INTO invoice_change (number, tick)
          SELECT number, (SELECT tick FROM change_clock) FROM invoice WHERE id = NEW.creditedInvoiceId
          ON CONFLICT (number) DO UPDATE SET tick = excluded.tick;
      END;
      CREATE TRIGGER credit_note_change_update AFTER UPDATE ON invoice
        WHEN NEW.creditedInvoiceId IS NOT NULL OR OLD.creditedInvoiceId IS NOT NULL BEGIN
        INSERT INTO invoice_change (number, tick)
          SELECT number, (SELECT tick FROM change_clock) FROM invoice WHERE id IN (NEW.creditedInvoiceId, OLD.creditedInvoiceId)
          ON CONFLICT (number) DO UPDATE SET tick = excluded.tick;
      END;
      CREATE TRIGGER credit_note_change_delete AFTER DELETE ON invoice WHEN OLD.creditedInvoiceId IS NOT NULL BEGIN
        INSERT INTO invoice_change (number, tick)
          SELECT number, (SELECT tick FROM change_clock) FROM invoice WHERE id = OLD.creditedInvoiceId
          ON CONFLICT (number) DO UPDATE SET tick = excluded.tick;
      END;

      CREATE TRIGGER allocation_change_insert AFTER INSERT ON allocation BEGIN
        INSERT INTO invoice_change (number, tick)
          SELECT number, (SELECT tick FROM change_clock) FROM invoice WHERE id = NEW.invoiceId
          ON CONFLICT (number) DO UPDATE SET tick = excluded.tick;
      END;
      CREATE TRIGGER allocation_change_update AFTER UPDATE ON allocation BEGIN
        INSERT INTO invoice_change (number, tick)
          SELECT number, (SELECT tick FROM change_clock) FROM invoice WHERE id IN (NEW.invoiceId, OLD.invoiceId)
          ON CONFLICT (number) DO UPDATE SET tick = excluded.tick;
      END;
      CREATE TRIGGER allocation_change_delete AFTER DELETE ON allocation BEGIN
        INSERT INTO invoice_change (number, tick)
          SELECT number, (SELECT tick FROM change_clock) FROM invoice WHERE id = OLD.invoiceId
          ON CONFLICT (number) DO UPDATE SET tick = excluded.tick;
      END;
      CREATE TRIGGER payment_change_update AFTER UPDATE ON payment BEGIN
        INSERT INTO invoice_change (number, tick)
          SELECT i.number, (SELECT tick FROM change_clock) FROM allocation a JOIN invoice i ON i.id = a.invoiceId
          WHERE a.paymentId IN (NEW.id, OLD.id)
          ON CONFLICT (number) DO UPDATE SET tick = excluded.tick;
      END;

      CREATE TRIGGER reminder_change_insert AFTER INSERT ON reminder BEGIN
        INSERT INTO invoice_change (number, tick)
          SELECT number, (SELECT tick FROM change_clock) FROM invoice WHERE id = NEW.invoiceId
          ON CONFLICT (number) DO UPDATE SET tick = excluded.tick;
      END;
      CREATE TRIGGER reminder_change_update AFTER UPDATE ON reminder BEGIN
        INSERT INTO invoice_change (number, tick)
          SELECT number, (SELECT tick FROM change_clock) FROM invoice WHERE id IN (NEW.invoiceId, OLD.invoiceId)
          ON CONFLICT (number) DO UPDATE SET tick = excluded.tick;
      END;
      CREATE TRIGGER reminder_change_delete AFTER DELETE ON reminder BEGIN
        INSERT INTO invoice_change (number, tick)
          SELECT number, (SELECT tick FROM change_clock) FROM invoice WHERE id = OLD.invoiceId
          ON CONFLICT (number) DO UPDATE SET tick = excluded.tick;
      END;

      CREATE TRIGGER client_change_update AFTER UPDATE ON client BEGIN
        INSERT INTO invoice_change (number, tick)
          SELECT number, (SELECT tick FROM change_clock) FROM invoice WHERE clientId IN (NEW.id, OLD.id)
          ON CONFLICT (number) DO UPDATE SET tick = excluded.tick;
      END;

      CREATE TRIGGER setting_change_insert AFTER INSERT ON setting BEGIN
        INSERT INTO invoice_change (number, tick) VALUES ('*', (SELECT tick FROM change_clock))
          ON CONFLICT (number) DO UPDATE SET tick = excluded.tick;
      END;
      CREATE TRIGGER setting_change_update AFTER UPDATE ON setting BEGIN
        INSERT INTO invoice_change (number, tick) VALUES ('*', (SELECT tick FROM change_clock))
          ON CONFLICT (number) DO UPDATE SET tick = excluded.tick;
      END;
      CREATE TRIGGER setting_change_delete AFTER DELETE ON setting BEGIN
        INSERT INTO invoice_change (number, tick) VALUES ('*', (SELECT tick FROM change_clock))
          ON CONFLICT (number) DO UPDATE SET tick = excluded.tick;
      END;
      """)
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
