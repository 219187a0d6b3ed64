//! The problems an importer finds in a file — the workbook reader's bounds, a register's, a
//! dataset's, a Kumu export's, a case list's, an encoded register's — worded in English by id
//! (see the parent). The file, sheet, line and column go beside the message, not in it.

/// Each problem's id and its English wording, with `{name}` where a value goes. The workbook
/// reader's (`sheet-*`) are `pathways_sheets::SheetError`'s own text, held to it by a test.
pub const TEXTS: &[(&str, &str)] = &[
    // The workbook and CSV reader's bounds.
    (
        "sheet-too-large",
        "the file is {size} bytes; at most {limit} bytes are read",
    ),
    (
        "sheet-unpacked",
        "the workbook unpacks to more than {limit} bytes; such a file is refused unread",
    ),
    ("sheet-parts", "the workbook holds more than {limit} parts"),
    (
        "sheet-sheets",
        "the workbook has {count} sheets; at most {limit} are read",
    ),
    (
        "sheet-beyond-grid",
        "sheet `{sheet}`: cell {cell} is beyond the {max_rows} rows and {max_cols} columns an upload may use",
    ),
    (
        "sheet-cells",
        "sheet `{sheet}`: the cells in use span more than the {limit} cells an upload may have; split the file",
    ),
    (
        "sheet-unreadable",
        "not a readable workbook (.xlsx, .xls or .ods): {why}",
    ),
    (
        "sheet-rows",
        "line {line}: more than the {limit} rows an upload may have; split the file",
    ),
    (
        "sheet-columns",
        "line {line}: {count} columns; at most {limit} are read",
    ),
    // Columns and rows of any table.
    (
        "missing-column-also",
        "missing column (the header row needs `{column}`; also read as: {names})",
    ),
    ("missing-column", "required column is missing"),
    (
        "missing-column-read",
        "missing column {columns} (the columns read are: {names})",
    ),
    (
        "missing-columns-read",
        "missing columns {columns} (the columns read are: {names})",
    ),
    ("unknown-column", "unknown column (expected: {names})"),
    ("unknown-column-some", "unknown column (expected some of: {names})"),
    ("unknown-column-are", "unknown column (the columns are: {names})"),
    ("cannot-read-header", "cannot read the header: {why}"),
    ("malformed-csv", "malformed CSV line: {why}"),
    ("listed-twice", "`{value}` is listed twice (also on line {line})"),
    // Registers of employers and agencies.
    ("licence-required", "a licence number is required"),
    (
        "licence-twice",
        "licence `{value}` is listed twice (also on line {line})",
    ),
    ("agency-name-required", "the agency's name is required"),
    (
        "licence-ends-before-start",
        "the licence ends ({end}) before it starts ({start})",
    ),
    ("registration-required", "the registration number is required"),
    ("employer-name-required", "the employer's name is required"),
    ("not-employee-count", "`{value}` is not a whole number of employees"),
    // A dataset (SDMX-CSV) and a Kumu workbook.
    (
        "not-obs-value",
        "`{value}` is not a number (use digits with a dot for decimals, no thousands separator)",
    ),
    (
        "duplicate-observation",
        "duplicate of row {line} (same indicator, area, period and breakdown)",
    ),
    ("sheet-missing", "sheet `{sheet}` is missing"),
    ("header-starts", "the header must start with {names}"),
    (
        "no-element-labelled",
        "no element labelled `{value}` in the file or the map",
    ),
    // A list of cases, an encoded register.
    (
        "case-of-other-economy",
        "a case of {given}: you import the cases of {economy}",
    ),
    (
        "encoded-too-large",
        "{size} MB: an encoded register is read up to {limit} MB",
    ),
    ("not-utf8", "not UTF-8 text: {why}"),
    (
        "encoded-no-origin",
        "line 1: not an economy's encoded register (its first line names the economy that exported it)",
    ),
    (
        "encoded-not-economy",
        "line 1: `{value}` is not an economy of the region",
    ),
    (
        "encoded-own",
        "line 1: this is your economy's own register; import the registers of other economies",
    ),
    (
        "encoded-other-parameters",
        "line 2: encoded with other parameters than this version of Pathways uses; ask for an export from a current version",
    ),
    (
        "encoded-other-key",
        "line 2: encoded under key {key}, which is not a key in use here; compare the fingerprints with the administrators",
    ),
];
