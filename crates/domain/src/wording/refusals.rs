//! Why a role may not do what it asked (`AppError::Forbidden`), worded in English by id; a
//! refusal may end with its reason in parentheses, itself a wording (`reason-*`, see
//! [`super::refusal`]).

/// Each refusal's id and its English wording, with `{name}` where a value goes.
pub const TEXTS: &[(&str, &str)] = &[
    (
        "refuse-verification",
        "verification requests are the case officers' and the CoO liaisons'",
    ),
    (
        "refuse-create-case",
        "only the economy's case officers create its cases",
    ),
    (
        "refuse-list-cases",
        "cases are listed for their economy's case officers only",
    ),
    (
        "refuse-other-cases",
        "you screen the cases of {economy}, not of {other}",
    ),
    (
        "refuse-publish-figures",
        "screening figures are published by analysts and admins",
    ),
    (
        "refuse-identity-links",
        "an economy's case officers review its identity links",
    ),
    ("refuse-purge", "purges are run by admins and by the server"),
    (
        "refuse-export-cases",
        "an economy's cases are exported by its case officers",
    ),
    (
        "refuse-agency-list",
        "a Country of Origin's agency list is loaded by its liaisons and by case officers",
    ),
    (
        "refuse-load-registers",
        "only {scope}'s case officers load its registers",
    ),
    (
        "refuse-train",
        "an economy's case officers (or an admin) train its linkage parameters",
    ),
    (
        "refuse-set-rules",
        "the screening rules of {economy} are set by its case officers",
    ),
    (
        "refuse-read-rules",
        "an economy's screening rules are read by its case officers, analysts and admins",
    ),
    ("refuse-import-cases", "an economy's case officers import its cases"),
    ("refuse-manage-keys", "the deployment's administrators manage its keys"),
    (
        "refuse-read-keys",
        "the keys are the administrators' and the case officers'",
    ),
    ("refuse-create-token", "you may only create tokens for yourself"),
    ("refuse-list-tokens", "you may only list your own tokens"),
    (
        "refuse-read-event",
        "you may not read this event (economies {economies})",
    ),
    ("refuse-event-files", "you may not read this event's files"),
    ("refuse-draft-action", "only analysts draft roadmap actions"),
    (
        "refuse-edit-action",
        "only analysts edit roadmap actions; focal points report progress",
    ),
    ("refuse-delete-action", "only analysts delete roadmap actions"),
    (
        "refuse-report-progress",
        "you may not report progress on an action of {economy}",
    ),
    (
        "refuse-report-progress-region",
        "you may not report progress on an action of the region (analysts report on regional actions)",
    ),
    ("refuse-run-exercise", "only analysts run validation exercises"),
    (
        "refuse-rate",
        "only the delegates invited to this exercise rate its items",
    ),
    (
        "refuse-import-data",
        "you may not import data (viewers cannot make changes)",
    ),
    ("refuse-change-data", "you may not change data of {economy}"),
    ("refuse-round-responses", "you may not read the responses of this round"),
    ("refuse-decide-findings", "only analysts and admins decide on findings"),
    ("refuse-list-users", "only admins may list users"),
    ("refuse-disable-users", "only admins may disable or enable users"),
    ("refuse-audit-log", "only admins and analysts may read the audit log"),
    ("refuse-add-users", "only admins may add users"),
    ("refuse-invite-users", "only admins may invite users"),
    ("refuse-reset-passwords", "only admins may reset passwords"),
    ("refuse-change-roles", "only admins may change roles"),
    // A map record's: created, edited, moved into an economy, deleted.
    ("refuse-data-create", "you may not create data of {owner}"),
    ("refuse-data-create-region", "you may not create data of the region"),
    ("refuse-data-edit", "you may not edit data of {owner}"),
    ("refuse-data-edit-region", "you may not edit data of the region"),
    ("refuse-data-move", "you may not move a record into the data of {owner}"),
    (
        "refuse-data-move-region",
        "you may not move a record into the data of the region",
    ),
    ("refuse-data-delete", "you may not delete data of {owner}"),
    ("refuse-data-delete-region", "you may not delete data of the region"),
    // An event's (a consultation, a workshop).
    ("refuse-event-record", "you may not record events of {owner}"),
    ("refuse-event-edit", "you may not edit events of {owner}"),
    ("refuse-event-move", "you may not move events into {owner}"),
    ("refuse-event-delete", "you may not delete events of {owner}"),
    ("refuse-event-attach", "you may not attach files to events of {owner}"),
    (
        "refuse-event-region",
        "events of several economies are recorded by analysts",
    ),
    // A questionnaire's, a round's and a response's.
    ("refuse-open-rounds", "you may not open rounds"),
    ("refuse-close-rounds", "you may not close or reopen rounds"),
    ("refuse-see-responses", "you may not see the responses of this round"),
    ("refuse-add-questionnaires", "you may not add questionnaires"),
    ("refuse-list-questionnaires", "you may not list questionnaires"),
    ("refuse-read-response", "you may not read the response of {economy}"),
    (
        "refuse-answer-response",
        "you may not answer for the response of {economy}",
    ),
    ("refuse-submit-response", "you may not submit the response of {economy}"),
    ("refuse-review-response", "you may not review the response of {economy}"),
    // The reason a refusal ends with, by the role of the one refused.
    ("reason-focal-point", "you are a focal point for {economy}"),
    ("reason-case-officer", "you are a case officer for {economy}"),
    ("reason-coo-liaison", "you are a CoO liaison for {country}"),
    ("reason-viewer", "viewers cannot make changes"),
    ("reason-analyst", "you are an analyst"),
    ("reason-admin", "you are an admin"),
];
