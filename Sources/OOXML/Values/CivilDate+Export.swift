/// The civil `Day` lives in its own module below OOXML and the ledger; a reader of
/// workbooks has it with `import OOXML`.
@_exported import CivilDate
