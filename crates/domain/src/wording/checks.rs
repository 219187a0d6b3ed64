//! What the screening checks say about a case — each check's explanation, the passport zone's
//! problems, how two records of a person compare — worded in English by id (see the parent).
//! An explanation is kept with the case as said on the day it was screened; the interface says
//! it again in the reader's words, list items included (records, comparisons, problems are
//! wordings of their own, joined by `; ` or `, `).

/// Each explanation's id and its English wording, with `{name}` where a value goes.
pub const TEXTS: &[(&str, &str)] = &[
    // The passport's machine-readable zone.
    (
        "check-mrz-none",
        "No machine-readable zone was entered: type or scan the two lines at the foot of the passport's data page.",
    ),
    ("check-mrz-unreadable", "The MRZ cannot be read: {why}."),
    (
        "check-mrz-holds",
        "The five check digits of the MRZ hold, and it agrees with the passport number {number}, the date of birth, the sex and the surname typed.",
    ),
    ("check-mrz-fails", "The MRZ does not hold: {problems}."),
    (
        "mrz-digit-number",
        "the check digit of the passport number (line 2, position {position}) is {printed}; the passport number gives {expected}",
    ),
    (
        "mrz-digit-birth",
        "the check digit of the date of birth (line 2, position {position}) is {printed}; the date of birth gives {expected}",
    ),
    (
        "mrz-digit-expiry",
        "the check digit of the expiry date (line 2, position {position}) is {printed}; the expiry date gives {expected}",
    ),
    (
        "mrz-digit-personal",
        "the check digit of the personal number (line 2, position {position}) is {printed}; the personal number gives {expected}",
    ),
    (
        "mrz-digit-composite",
        "the check digit of the whole line (composite) (line 2, position {position}) is {printed}; the whole line gives {expected}",
    ),
    (
        "mrz-differs-number",
        "the passport number in the passport's MRZ is {zone}; the case says {typed}",
    ),
    (
        "mrz-differs-birth",
        "the date of birth in the passport's MRZ is {zone}; the case says {typed}",
    ),
    (
        "mrz-differs-expiry",
        "the expiry date in the passport's MRZ is {zone}; the case says {typed}",
    ),
    (
        "mrz-differs-sex",
        "the sex in the passport's MRZ is {zone}; the case says {typed}",
    ),
    (
        "mrz-differs-surname",
        "the surname in the passport's MRZ is {zone}; the case says {typed}",
    ),
    // The passport's expiry against the contract.
    (
        "check-expiry-unknown",
        "The passport's expiry or the contract's end is not recorded yet.",
    ),
    (
        "check-expiry-pass",
        "The passport is valid until {expiry}, at least {days} days after the contract ends ({end}).",
    ),
    (
        "check-expiry-flag",
        "The passport expires on {expiry}, less than {days} days after the contract ends ({end}): the permit would outlast it.",
    ),
    // The employer.
    ("check-employer-none", "No employer is recorded on the case."),
    (
        "check-employer-no-register",
        "The economy's employer register has not been loaded: import it to check the employer.",
    ),
    (
        "check-employer-missing",
        "“{named}” is not in the employer register, by registration number or by name.",
    ),
    (
        "check-employer-active",
        "{name} (registration {id}) is registered and active.",
    ),
    (
        "check-employer-sanctioned",
        "{name} (registration {id}) is excluded from employing foreign workers after sanctions.",
    ),
    (
        "check-employer-inactive",
        "{name} (registration {id}) is inactive in the register.",
    ),
    (
        "check-employer-closed",
        "{name} (registration {id}) is closed in the register.",
    ),
    (
        "check-volume-unknown",
        "The employer is not found in a loaded register, so its size is not known.",
    ),
    (
        "check-volume-no-staff",
        "The register gives no number of employees for {name}.",
    ),
    (
        "check-volume-pass",
        "{name}: {count} permit applications in the 90 days to {day}, with {staff} employees on record (the rule allows {limit}: {ratio} per employee).",
    ),
    (
        "check-volume-flag",
        "{name}: {count} permit applications in the 90 days to {day}, with {staff} employees on record (the rule allows {limit}: {ratio} per employee): ask how the workers will be employed.",
    ),
    // The recruitment agencies, here and in the Country of Origin.
    ("check-local-none", "No local agency is named: the case records none."),
    (
        "check-local-no-register",
        "The economy's register of licensed agencies has not been loaded: import it to check the local agency.",
    ),
    (
        "check-local-missing",
        "“{named}” is not in the economy's register of licensed agencies, by licence number or by name.",
    ),
    (
        "check-local-valid",
        "{name} (licence {licence}) held a valid licence on {day}, the application date (the economy's register of licensed agencies).",
    ),
    (
        "check-local-invalid",
        "{name} (licence {licence}): {why}, so it could not place workers on {day} (the economy's register of licensed agencies).",
    ),
    (
        "check-coo-none",
        "No agency in the Country of Origin is named: the case records none.",
    ),
    (
        "check-coo-no-register",
        "{country}'s list of licensed recruitment agencies has not been loaded: import it to check the agency in the Country of Origin.",
    ),
    (
        "check-coo-missing",
        "“{named}” is not in {country}'s list of licensed recruitment agencies, by licence number or by name.",
    ),
    (
        "check-coo-valid",
        "{name} (licence {licence}) held a valid licence on {day}, the application date ({country}'s list of licensed recruitment agencies).",
    ),
    (
        "check-coo-invalid",
        "{name} (licence {licence}): {why}, so it could not place workers on {day} ({country}'s list of licensed recruitment agencies).",
    ),
    ("licence-is-suspended", "its licence is suspended"),
    ("licence-is-cancelled", "its licence is cancelled"),
    ("licence-is-expired", "its licence is expired"),
    ("licence-is-banned", "its licence is banned"),
    ("licence-starts", "its licence starts on {day}"),
    ("licence-ended", "its licence ended on {day}"),
    // Earlier records of the person, here and abroad.
    (
        "check-earlier-none",
        "No record of the economy's {count} cases and register records is the same person with a match probability of {threshold} or more.",
    ),
    (
        "check-earlier-confirmed",
        "Confirmed by an officer as the same person: {confirmed}.",
    ),
    (
        "check-earlier-suggested",
        "Records that may be the same person ({count}): {records}. Decide in the identity review queue before deciding the case.",
    ),
    (
        "check-earlier-both",
        "Confirmed by an officer as the same person: {confirmed}. Records that may be the same person ({count}): {records}. Decide in the identity review queue before deciding the case.",
    ),
    ("earlier-record", "{what} — {agreement}"),
    (
        "earlier-record-probability",
        "{what} — {agreement} — match probability {probability}",
    ),
    (
        "check-abroad-none",
        "No other economy's encoded register has been received: import one (or have an economy of this deployment publish its own) to look for earlier records abroad.",
    ),
    ("abroad-register", "{economy}: {count} records, exported on {day}"),
    (
        "check-abroad-pass",
        "No record of the encoded registers of {registers} is as close as a Dice similarity of {threshold} to this person's name, date of birth and passport.",
    ),
    ("abroad-hit", "a record of {economy} (Dice similarity {dice})"),
    (
        "check-abroad-flag",
        "Possible earlier records in another economy ({count}): {records}. The registers hold no names: ask the economy's officers from the case page, and they answer with what their law allows.",
    ),
    // A record of the person index, in words.
    ("record-case", "case {id} applied for on {day}: {outcome}"),
    ("record-permit", "an earlier permit of {day}"),
    ("record-permit-event", "an earlier permit of {day}: {event}"),
    ("record-entry-exit", "an entry or exit of {day}"),
    ("record-entry-exit-event", "an entry or exit of {day}: {event}"),
    ("record-absconding", "an absconding report of {day}"),
    ("record-absconding-event", "an absconding report of {day}: {event}"),
    ("record-other", "record {id}"),
    ("outcome-received", "received"),
    ("outcome-screening", "in screening"),
    ("outcome-awaiting-coo", "awaiting the Country of Origin"),
    ("outcome-ready-for-decision", "ready for decision"),
    ("outcome-decided", "decided"),
    ("outcome-closed", "closed"),
    ("outcome-grant", "granted"),
    ("outcome-refuse", "refused"),
    ("outcome-suspend", "suspended"),
    // How two records of a person compare, field by field.
    ("cmp-name-missing", "name missing on one side (no evidence)"),
    ("cmp-dob-missing", "date of birth missing on one side (no evidence)"),
    (
        "cmp-passport-missing",
        "passport number missing on one side (no evidence)",
    ),
    ("cmp-sex-missing", "sex missing on one side (no evidence)"),
    (
        "cmp-nationality-missing",
        "nationality missing on one side (no evidence)",
    ),
    ("cmp-name-exact", "names the same"),
    ("cmp-name-common", "names the same, but a common name (weak evidence)"),
    ("cmp-name-phonetic", "names sound alike (another transliteration)"),
    ("cmp-name-alike", "names alike (similarity at least {similarity})"),
    ("cmp-name-else", "different names"),
    ("cmp-dob-exact", "the same date of birth"),
    (
        "cmp-dob-1-january",
        "the same date of birth, 1 January (often written when only the year is known)",
    ),
    ("cmp-dob-swapped", "dates of birth with day and month swapped"),
    ("cmp-dob-day-month", "the same day and month of birth, another year"),
    ("cmp-dob-year", "the same year of birth only"),
    ("cmp-dob-else", "different dates of birth"),
    ("cmp-passport-exact", "the same passport number"),
    (
        "cmp-passport-ocr",
        "passport numbers the same but for characters a scanner confuses (O/0, I/1)",
    ),
    (
        "cmp-passport-edit",
        "passport numbers 1 character apart (a typo, or a renewed passport)",
    ),
    (
        "cmp-passport-edits",
        "passport numbers {count} characters apart (a typo, or a renewed passport)",
    ),
    (
        "cmp-passport-else",
        "different passport numbers (a renewed passport or another document)",
    ),
    ("cmp-sex-exact", "the same sex"),
    ("cmp-sex-else", "different sex"),
    ("cmp-nationality-exact", "the same nationality"),
    ("cmp-nationality-else", "different nationalities"),
];
