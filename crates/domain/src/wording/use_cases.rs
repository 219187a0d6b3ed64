//! The problems the use cases find in a request — a closed round, a stale link, a case that
//! cannot move, an account that cannot change — worded in English by id (see the parent).

/// Each problem's id and its English wording, with `{name}` where a value goes. A value named
/// `case_state`, `response_state`, `link_state`, `role` or `kind` is a code's English label, which
/// the interface says with its own label for the code.
pub const TEXTS: &[(&str, &str)] = &[
    // Any request.
    (
        "unknown-code",
        "unknown {vocabulary} `{code}`; expected one of: {allowed}",
    ),
    (
        "not-vocab-country",
        "`{code}` is not a country of the vocabulary (ISO 3166-1 alpha-2)",
    ),
    ("not-economy-code", "`{code}` is not an economy code"),
    ("not-country-code", "`{code}` is not a country code"),
    (
        "not-economy-param",
        "`{value}` is not an economy: give ?economy= one of the six",
    ),
    ("date-passed", "{value} has passed"),
    ("day-in-future", "{value} is in the future: record what has happened"),
    ("not-valid-id", "{value} is not a valid id"),
    ("expected-object", "expected a JSON object"),
    ("version-required", "the version you edited is required (an integer)"),
    ("not-an-event", "not an event: {why}"),
    ("file-empty", "{file}: the file is empty"),
    ("no-file-uploaded", "no file was uploaded"),
    ("unknown-filter", "unknown filter; filters: {allowed}"),
    ("version-to-delete", "give the version you are deleting: ?version=N"),
    ("no-language", "no language `{code}`"),
    ("choose-role", "choose a role"),
    ("unknown-role", "unknown role `{code}`"),
    ("threshold-not-number", "{check}: `{value}` is not a number"),
    (
        "file-too-large",
        "{file}: {size} MB is more than the {max} MB a file may have",
    ),
    // The map.
    ("id-of-other-kind", "`{id}` is the id of a {kind}"),
    ("id-of-deleted", "`{id}` belongs to a deleted record"),
    (
        "institution-in-use",
        "institution `{id}` is still referred to by {list}; change or delete those first",
    ),
    // Questionnaires, rounds and responses.
    (
        "form-version-stored",
        "form `{form}` version `{version}` is already stored with different content: raise the version in the settings sheet",
    ),
    (
        "round-closed-answers",
        "the round is closed: answers can no longer change",
    ),
    ("round-closed", "the round is closed"),
    (
        "response-locked",
        "the response is {response_state}: it can change again only after an analyst resets it to draft",
    ),
    (
        "no-response-version",
        "version {version} of this response does not exist",
    ),
    ("response-already", "the response is already {response_state}"),
    ("response-already-draft", "the response is already a draft"),
    (
        "review-submitted-only",
        "only a submitted response can be reviewed; this one is {response_state}",
    ),
    (
        "say-issues",
        "say what the issues are: a comment on a question or a general note",
    ),
    ("round-title", "give the round a title"),
    ("choose-economy", "choose at least one economy"),
    ("no-instance", "there is no instance {number} to remove"),
    ("no-question", "no such question in this response"),
    ("calculated-answer", "this answer is filled in by the form, not by hand"),
    (
        "answer-contradicts-map",
        "the answer contradicts the map: choose to keep the map's value or replace it",
    ),
    // Validation exercises.
    ("exercise-closed", "the exercise is closed"),
    (
        "no-user-invite-first",
        "no user `{email}`: an administrator invites them first (Users)",
    ),
    ("not-exercise-part", "`{value}` is neither delegate nor observer"),
    (
        "delegate-not-focal-point",
        "{email} is not a focal point: delegates speak for an economy; invite them as an observer",
    ),
    (
        "open-between-rounds",
        "a round can be opened only between rounds (the exercise: {exercise_status})",
    ),
    ("all-items-decided", "every item is decided: close the exercise"),
    ("invite-delegate-first", "invite at least one delegate first"),
    ("no-round-open", "no round is open"),
    (
        "decide-between-rounds",
        "decide items between rounds, not while one is open",
    ),
    ("no-item", "no item `{value}`"),
    ("item-decided", "item `{value}` is already decided"),
    ("not-item-outcome", "`{value}` is not validated, amended or dropped"),
    ("amended-item-text", "an amended item needs its agreed wording"),
    ("close-round-first", "close the running round first"),
    (
        "exercise-thresholds",
        "the median threshold is between 1 and 9 and the IQR threshold between 0 and 8",
    ),
    (
        "exercise-panel",
        "the minimum panel to publish ratings is between 1 and 50 raters",
    ),
    (
        "finding-not-accepted",
        "finding `{value}` has not been accepted by an analyst",
    ),
    ("no-finding", "no finding `{value}`"),
    ("not-priority-area", "`{value}` is not a priority area"),
    ("choose-items", "choose at least one accepted finding or priority area"),
    // The analysis.
    ("finding-status", "`{value}` is not accepted, edited or rejected"),
    ("edited-finding-text", "an edited finding needs its new text"),
    (
        "finding-decided",
        "someone else decided on this finding since you opened it; reload to see their decision",
    ),
    // Accounts and sign-in.
    ("password-short", "must be at least {min} characters"),
    (
        "dead-link",
        "this link does not work (any more): it works once and for a few days; ask an administrator for a new one",
    ),
    ("role-needs-economy", "a {role} needs an economy"),
    ("liaison-needs-country", "a CoO liaison needs a Country of Origin"),
    (
        "role-without-scope",
        "only focal points and case officers have an economy, and CoO liaisons a country",
    ),
    ("has-account", "{email} already has an account"),
    ("disable-self", "you cannot disable your own account"),
    (
        "reset-self",
        "you cannot reset your own password here; ask another administrator",
    ),
    (
        "role-self",
        "you cannot change your own role; ask another administrator",
    ),
    ("say-which-user", "say which user (their e-mail address)"),
    ("not-email", "`{value}` is not an e-mail address"),
    ("token-days", "a token is valid for 1 to {max} days"),
    ("user-disabled", "{email} is disabled"),
    // Screening.
    ("request-answered", "this request has been answered already"),
    (
        "case-decision-stands",
        "the case is {case_state}: its decision stands as made and it is not edited",
    ),
    ("link-state-choice", "say same, different or unsure"),
    ("link-note-required", "say why (what differs, or what would settle it)"),
    (
        "link-decided",
        "this link was decided as {link_state} by someone else since you opened it; look again",
    ),
    ("case-closed-files", "the case is closed: it takes no new files"),
    (
        "query-no-documents",
        "a query to another economy carries no names, so no documents: ask in words",
    ),
    (
        "case-file-type",
        "{file}: a case file is a PDF, PNG or JPEG (scans and documents); this file's contents are not one",
    ),
    (
        "too-few-pairs",
        "{count} pairs confirmed the same person are there to learn from (a fifth of the decided pairs is held back to compare); at least {min} are needed",
    ),
    ("no-parameter-version", "{economy} has no parameter version {version}"),
    (
        "rules-note-required",
        "say why the rules change: it is kept with the version",
    ),
    (
        "rules-changed",
        "the rules of {economy} changed since you opened version {yours} (the current version is {current}): reload them",
    ),
    (
        "rules-saved-meanwhile",
        "someone saved version {version} of the rules of {economy} at the same time: reload them",
    ),
    (
        "case-not-decidable",
        "a case that is {case_state} cannot be decided; start its screening first",
    ),
    (
        "outcome-before-decision",
        "outcomes follow a decision: this case has not been decided",
    ),
    ("case-cannot-move", "a case cannot move from {case_state} to {to_state}"),
    (
        "case-cannot-move-decided",
        "a case cannot move from {case_state} to {to_state}; a case is decided with a decision and its reasons",
    ),
    (
        "no-federation-key",
        "no key for encoded registers has been added: an administrator adds the key the economies agreed with `pathways federation key add`",
    ),
    (
        "not-matched-record",
        "`{record}` is not a record of {economy} that this case matches",
    ),
];
