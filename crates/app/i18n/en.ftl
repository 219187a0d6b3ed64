# The words of Pathways' documents (country papers, regional analysis), in English: the
# reference every other locale follows id by id, with the same variables.

## Values and sources

doc-yes = yes
doc-no = no
doc-confidence-high = high
doc-confidence-medium = medium
doc-confidence-low = low
doc-cite-confidence = ; confidence { $confidence }
doc-said-with-source = { $said } (Source: { $source }.)
doc-sources-differ = Sources differ. { $denies } ({ $denies_source }) — but { $reports } ({ $reports_source }).
doc-not-established = Not established:
doc-looked-in = Looked for without result in: { $place }
doc-finding-draft = { $text } (draft, not yet validated)
doc-flag-estimate = estimate
doc-flag-provisional = provisional
doc-flag-break = break in series
doc-and-list = { $init } and { $last }
doc-not-recorded = not recorded
doc-unknown-date = an unknown date
doc-total = Total
doc-women = Women
doc-men = Men
doc-month = { $month ->
    [1] January
    [2] February
    [3] March
    [4] April
    [5] May
    [6] June
    [7] July
    [8] August
    [9] September
    [10] October
    [11] November
   *[12] December
}
doc-level-complete = complete
doc-level-partial = partial
doc-level-absent = absent
doc-level-none = no evidence
doc-level-not-established = not established
doc-measure-flow = flow
doc-measure-stock = stock
doc-measure-quota = quota
doc-measure-register = from the screening register
doc-dimension-score = { $score } ({ $with } of { $of } indicators with evidence)
doc-dimension-withheld = withheld: only { $with } of { $of } indicators with evidence
doc-yes-of-pathways = yes ({ $yes } of { $n } pathways)
doc-yes-of-regulations = yes ({ $yes } of { $n } regulations)
doc-origins-partial = { $named } — the breakdown adds up to { $share } of the total ({ $why }); no shares are drawn
doc-origins-other-series = it may count another series
doc-origins-partial-breakdown = a partial breakdown

## What the sources say, theme by theme

doc-check-complete = { $check }: in law and applied to every case.
doc-check-partial = { $check }: exists, but limited in law or in practice.
doc-check-absent = { $check }: no such check exists.
doc-check-unknown = { $check }: whether and how this is done is not established.
doc-a-consultation = a consultation
doc-answer-citation = Answer of the focal point, { $round }
doc-movement-yes = The focal point reports evidence that permit holders move on irregularly to the EU
doc-movement-cases = { " " }({ $n } cases known in the last 12 months)
doc-movement-routes = ; routes and patterns: { $routes }
doc-movement-no = The focal point reports no evidence that permit holders move on irregularly to the EU.
doc-movement-unknown = The focal point does not know whether permit holders move on irregularly to the EU.
doc-coo-yes = The focal point reports arrangements with Countries of Origin.
doc-coo-yes-with = The focal point reports arrangements with: { $countries }.
doc-coo-no = The focal point reports no arrangement with any Country of Origin.
doc-coo-unknown = The focal point does not know of arrangements with Countries of Origin.

## Table columns

doc-col-institution = Institution
doc-col-kind = Kind
doc-col-stages = Stages
doc-col-mandate = Mandate
doc-col-from = From
doc-col-to = To
doc-col-description = Description
doc-col-pathway = Pathway
doc-col-type = Type
doc-col-legal-basis = Legal basis
doc-col-quota = Quota
doc-col-lmt = Labour-market test
doc-col-employer-change = Change of employer
doc-col-processing-time = Processing time
doc-col-period = Period
doc-col-breakdown = Breakdown
doc-col-value = Value
doc-col-note = Note
doc-col-source = Source
doc-col-source-date = Source date; confidence
doc-col-responsible = Responsible
doc-col-mode = Digital or paper
doc-col-scope = Scope
doc-col-authority = Authority
doc-col-licensing = Licensing
doc-col-public-register = Public register
doc-col-fees-banned = Fees to workers banned
doc-col-notes = Notes
doc-col-dimension = Dimension
doc-col-score = Score
doc-col-indicator = Indicator
doc-col-question = Question
doc-col-level = Level
doc-col-evidence = Evidence
doc-col-abbreviation = Abbreviation
doc-col-in-full = In full
doc-col-country-of-origin = Country of Origin
doc-col-system = System
doc-col-what-it-does = What it does
doc-col-wb-meaning = What it means for the Western Balkans

## Abbreviations and the publication

doc-abbreviations = Abbreviations
doc-abbreviations-table = Abbreviations used in this document
doc-about = About this publication
doc-abbr-coo = CoO
doc-abbr-coo-full = Country of Origin
doc-abbr-eu = EU
doc-abbr-eu-full = European Union
doc-abbr-etf = ETF
doc-abbr-etf-full = European Training Foundation
doc-abbr-etias = ETIAS
doc-abbr-etias-full = European Travel Information and Authorisation System
doc-abbr-ilo = ILO
doc-abbr-ilo-full = International Labour Organization
doc-abbr-iom = IOM
doc-abbr-iom-full = International Organization for Migration
doc-abbr-isco = ISCO
doc-abbr-isco-full = International Standard Classification of Occupations
doc-abbr-mou = MoU
doc-abbr-mou-full = memorandum of understanding
doc-abbr-nace = NACE
doc-abbr-nace-full = Statistical classification of economic activities in the European Community
doc-abbr-og = OG
doc-abbr-og-full = Official Gazette
doc-abbr-vis = VIS
doc-abbr-vis-full = Visa Information System

## The country paper

paper-title = { $name }: labour migration of third-country nationals
paper-subtitle = Country paper — mapping of screening and cooperation with Countries of Origin
paper-summary = Executive summary
paper-summary-intro = What the evidence on { $name } shows, theme by theme; each point is developed, with its sources, in the sections that follow. The regional findings that concern { $name } are listed under Key findings.
paper-summary-origins = Where the workers come from: { $origins } ({ $series }, { $period }).
paper-summary-no-origins = No breakdown of { $name }'s figures by citizenship has been published: which Countries of Origin the workers come from is known only from the practice records and reports cited below.
paper-summary-coo = Cooperation with Countries of Origin: { $said }
paper-summary-coo-silent = No source we hold reports on agreements or verification channels with Countries of Origin for { $name } (a gap in the evidence).
paper-summary-onward = Onward movement: { $said }
paper-summary-onward-silent = No source we hold reports on onward movement of permit holders for { $name } (a gap in the evidence).
paper-sources-disagree = Sources disagree: { $reports } — while { $denies }
paper-further-sources = { $n ->
    [one] { $n } further source below
   *[other] { $n } further sources below
}
paper-scale-none = No published figure on foreign workers in { $name } has been found (a gap in the evidence).
paper-scale = Scale: { $label } — { $value } in { $period } ({ $measure }; { $confidence } confidence).
paper-scale-was = It was { $value } in { $period }.
paper-series-break = Break in series: “{ $new }”{ $from } replaced “{ $old }”{ $last }; the two follow different definitions and are not read as one trend.
paper-series-break-from = { " " }(from { $period })
paper-series-break-last = { " " }(last reported for { $period })
paper-pathways-none = Legal pathways: none is recorded (a gap in the evidence).
paper-pathways-summary = Legal pathways: { $n } recorded ({ $kinds }); { $single }. A quota applies: { $quota }; a labour-market test: { $lmt }; a change of employer is allowed: { $change }.
paper-pathways-single = a single permit for residence and work exists
paper-pathways-no-single = no single permit for residence and work is recorded
paper-stages = Screening, stage by stage: the check is { $parts }.
paper-stages-at = { $status } at { $stages }
paper-stages-complete = complete (in law and applied)
paper-stages-unknown = not established by any source (a gap to verify)
paper-agencies-none = Recruitment agencies: how they are regulated is not recorded (a gap in the evidence).
paper-agencies-summary = Recruitment agencies: { $licensing } A public register of licensed agencies: { $register }; fees charged to workers banned: { $fees }.
paper-agencies-no-licensing = licensing is not recorded.
paper-measure-flow = { $unit } issued or counted in the period
paper-measure-stock = { $unit } valid on a date (a stock)
paper-measure-quota = a ceiling on { $unit } set in advance, not an inflow
paper-measure-register = { $unit }, computed from the screening register

paper-method = Method and limitations
paper-method-confidence = { $high } high, { $medium } medium, { $low } low
paper-method-intro = The paper rests on { $records ->
    [one] { $records } record
   *[other] { $records } records
} of the programme's map, each citing the public source a reader can open (law, gazette, ministry page, report or press) with its date and our confidence in it ({ $confidence }):
paper-method-records = { $institutions ->
    [one] { $institutions } institution
   *[other] { $institutions } institutions
}, { $relationships ->
    [one] { $relationships } relationship between institutions
   *[other] { $relationships } relationships between institutions
}, { $pathways ->
    [one] { $pathways } legal pathway
   *[other] { $pathways } legal pathways
}, { $practices ->
    [one] { $practices } screening practice
   *[other] { $practices } screening practices
}, { $regulations ->
    [one] { $regulations } regulation of recruitment agencies
   *[other] { $regulations } regulations of recruitment agencies
} and { $figures ->
    [one] { $figures } published figure
   *[other] { $figures } published figures
};
paper-method-answers = the focal point's approved answers to the mapping questionnaire ({ $source })
paper-method-no-answers = no approved answers of the focal point to the mapping questionnaire yet
paper-method-events = { $n ->
    [0] no finding raised at a consultation or workshop yet.
    [one] { $n } finding raised at consultations and workshops.
   *[other] { $n } findings raised at consultations and workshops.
}
paper-method-reading = For each stage and theme, every source is read together: what is known (with its source), what sources contradict, and what no source establishes. A statement that nothing is reported appears only when no source of any kind reports anything. Each indicator of the assessment framework is scored complete, partial or absent from that evidence; an indicator without evidence is reported as such, never as absent, and a dimension's score is withheld where fewer than half of its indicators have evidence.
paper-method-as-of = Evidence as of { $date }: the date of the newest source; later changes are not reflected.
paper-method-figures = Figures are as published by their sources, each under its own definition (flow, stock or quota); figures with different definitions are never added up, quotas are ceilings and not inflows, and shares are drawn only from breakdowns that account for their total.
paper-method-all-sourced = Every stage and theme has at least one source describing it.
paper-method-unknown = No source establishes how { $stages } { $n ->
    [one] is
   *[other] are
} done: these are gaps in the evidence to verify, not findings of absence.
paper-method-drafts = Findings are drafts until the economies' delegations validate them; a validated, amended or dropped finding is marked as such.

paper-context = Context and figures
paper-context-intro = In { $name }, { $n ->
    [one] { $n } recorded institution takes
   *[other] { $n } recorded institutions take
} part in admitting and screening foreign workers.
paper-context-no-decider = Which institution decides on permits is not recorded.
paper-context-decider = The permit decision rests with { $institutions }.
paper-context-demand = Labour demand is assessed by { $institutions }.
paper-context-latest = { $label }: { $value } in { $period } — { $measure } (published { $published }; { $confidence } confidence).
paper-context-latest-intro = The latest figure of each published series for { $name }:
paper-context-no-figure = No figure on foreign workers has been published for this economy (a gap in the evidence).
paper-context-note = Each figure is shown under its own indicator and definition; figures with different definitions are never added up.

paper-institutions = Institutional set-up
paper-network-caption = Stakeholder map: relationships between institutions in { $name }
paper-network-title = Relationships between institutions in { $name }
paper-network-definition = Institutions of the economy (and outside institutions they relate to), linked by data exchange, agreements, oversight, referral, cooperation or consent, as recorded with their sources.
paper-grid = Power / interest grid
paper-grid-keep-satisfied = keep satisfied
paper-grid-manage-closely = manage closely
paper-grid-monitor = monitor
paper-grid-keep-informed = keep informed
paper-grid-interest = interest
paper-grid-power = power
paper-grid-definition = Power and interest on a 1–5 scale (analysts' assessment), as in a Mendelow grid.
paper-institutions-table = Institutions and their mandates
paper-relationships-table = Relationships between institutions
paper-pathways = Legal pathways
paper-pathways-table = Legal pathways for foreign workers
paper-inflows = Inflows of foreign workers
paper-series-definition = Definition ({ $measure }): { $definition }
paper-partial-breakdown = The breakdown by citizenship for { $period } covers { $share } of the total: a partial breakdown, from which no shares are drawn.
paper-no-figure = No figure has been found for this economy (a gap in the evidence).
paper-screening = Screening and verification, stage by stage
paper-stage-silent = No source we hold describes this stage (a gap in the evidence).
paper-check-table = How the check is organised
paper-agencies = Role of recruitment agencies
paper-agencies-table = Regulation of recruitment agencies
paper-coo = Cooperation with Countries of Origin
paper-coo-channels = Agreements, liaison and verification channels
paper-coo-pre-departure = Verification in the Country of Origin before departure
paper-coo-silent = No source we hold describes this for { $name } (a gap in the evidence).
paper-coo-systems = Systems of the Countries of Origin
paper-systems-table = Emigration-management and verification systems of the Countries of Origin
paper-systems-note = The Countries of Origin whose citizens appear in { $name }'s figures, or whose systems' records name it.
paper-challenges = Institutional challenges
paper-challenges-none = No institutional challenge has been identified.
paper-secondary = Patterns of secondary migration
paper-secondary-intro = Whether permit holders move on irregularly, mostly towards the EU: what the exit stage's records, the focal point's answers and the consultations report.
paper-secondary-silent = No source we hold — practice records, statistics, questionnaire answers or consultations — reports on onward movement from { $name }.
paper-gaps = Gaps
paper-gaps-intro = What is missing in { $name }, kept in two lists: gaps in policy and practice, which the recommendations answer, and gaps in our evidence, which are questions for the economy's institutions to answer before any conclusion is drawn.
paper-gaps-policy = Gaps in policy and practice
paper-gaps-policy-none = No check is recorded as absent or partial, and no indicator as absent.
paper-gaps-evidence = Gaps in the evidence
paper-gaps-evidence-none = Every stage has a source, and every indicator has evidence.
paper-gap-absent = { $stage }: { $check } — no such check exists.
paper-gap-partial = { $stage }: { $check } — exists, but limited in law or in practice.
paper-gap-unknown = { $stage }: no source establishes whether and how it is checked.
paper-gap-unknown-looked = { $stage }: no source establishes whether and how it is checked (looked in: { $looked }).
paper-gap-indicators-no = Indicators answered “no” on the evidence we hold ({ $n } of { $total }): { $indicators }.
paper-gap-indicators-unknown = Indicators without evidence yet ({ $n } of { $total }): { $indicators }.
paper-key = Key findings, good practices and recommendations
paper-key-findings = Key findings
paper-key-findings-none = No finding yet.
paper-good-practices = Good practices
paper-good-practices-none = No practice is recorded as complete.
paper-recommendations = Recommendations
paper-recommendations-intro = Actions from the programme's catalogue of interventions that answer this economy's weakest indicators, each with the institution mandated at the stage it concerns. They are proposals for the delegations to validate, not commitments.
paper-recommendations-none = No indicator is absent, partial or without evidence: no action is proposed.
paper-recommendation = { $title }. { $description } Responsible: { $responsible }. Answers: { $stages }; measured by “{ $indicator }” (today: { $today }).
paper-recommendation-no-lead = no institution is recorded with a mandate at these stages (to be designated)
paper-scores = Indicator scores
paper-scores-dimensions = Scores by dimension (0–100)
paper-scores-dimensions-note = The mean of the dimension's indicators that have evidence (absent 0, partial 50, complete 100); withheld where fewer than half of them have evidence, since such a score says more about the gaps in our map than about the economy.
paper-scores-indicators = Indicators (complete, partial, absent, or no evidence)
paper-scores-indicators-note = Economies are compared indicator by indicator, not ranked.
paper-sources = Sources
paper-source-facts = { $source } ({ $n } facts)
doc-none = none

## Around the text (cover, running heads, annex)

doc-label-kicker = Pathways · Labour migration governance in the Western Balkans
doc-label-contents = Contents
doc-label-draft = Draft
doc-label-draft-note = Not final: what it rests on is not yet all validated by the economies' delegations.
doc-label-evidence-as-of = Evidence as of
doc-label-generated = Generated by Pathways from the current evidence; every figure carries its source and definition.
doc-label-notes = Notes
doc-label-compared = The economies are compared, never ranked: scores show where a practice is absent, partial or complete, each traceable to its evidence.
doc-label-page = Page
doc-label-of = of
doc-label-about-sheet = About
doc-label-data-sheet = Data
doc-data-economy = Economy
doc-data-measure = Measure
doc-data-unit = Unit
doc-data-period-code = Period (as recorded)
doc-data-citizenship = Citizenship
doc-data-sector = Sector
doc-data-sex = Sex
doc-data-flag = Flag
doc-data-source-date = Source date
doc-data-confidence = Confidence
doc-data-definition = Definition

## Units of the indicators

doc-unit-agencies = agencies
doc-unit-applications = applications
doc-unit-days = days
doc-unit-decisions = decisions
doc-unit-declarations = declarations
doc-unit-opinions = opinions
doc-unit-permits = permits
doc-unit-persons = persons
doc-unit-reports = reports
doc-unit-requests = requests

## Said only in a translated paper

paper-method-language = Records of the map (names of institutions, mandates, descriptions of practices, sources), the findings and the evidence behind each indicator's score are quoted as they were recorded, in English; the headings, tables, figures and the text around them are in the language of this paper.

## Notifications and their e-mails, in each recipient's language

notice-query-subject = Query from { $from } about one of your records, due { $due }
notice-query = The permit authority of { $from } found that one of your economy's records may be the same person as an applicant of theirs (Dice similarity { $dice }), and asks what you can tell them by { $due }.
notice-query-overdue-subject = Overdue: query from { $from }, due { $due }
notice-query-overdue = The query of { $from } about one of your records was due on { $due } and has no answer yet.
notice-verify-subject = Verification request from { $from }: { $what }, due { $due }
notice-verify = The permit authority of { $from } asks your authority to verify a { $what } by { $due }.
notice-verify-overdue-subject = Overdue: verification request from { $from }, due { $due }
notice-verify-overdue = The request of { $from } to verify a { $what } was due on { $due } and has no answer yet.
notice-answered-subject = { $country } answered a verification request: { $said }
notice-answered = { $country } answered your request to verify a { $what }: { $said }.
notice-unanswered-subject = Overdue: { $country } has not answered your request, due { $due }
notice-unanswered = { $country } has not answered your request to verify a { $what }, due { $due }; its liaisons were reminded.
notice-verify-demand_letter = demand letter
notice-verify-agency_licence = agency licence
notice-verify-emigration_clearance = emigration clearance
notice-verify-police_clearance = police clearance
notice-verify-qualification = qualification
notice-verify-identity = identity
notice-outcome-confirmed = confirmed
notice-outcome-not_confirmed = not confirmed
notice-outcome-cannot_verify = cannot verify
notice-action-drafted = A roadmap action “{ $title }” was drafted for { $economy }: see what you will report on.
notice-action-changed = A roadmap action “{ $title }” was changed for { $economy }: see what you will report on.
notice-progress = { $economy } reported progress on “{ $title }”: { $status }.
notice-progress-region = The region reported progress on “{ $title }”: { $status }.
notice-status-not_started = not started
notice-status-limited = limited
notice-status-substantial = substantial
notice-status-complete = complete
notice-status-none = no evidence available
notice-round-open = Round { $round } of “{ $title }” is open: please rate the items.
notice-round-closed-all = Round { $round } of “{ $title }” closed: every item is decided; see the outcomes.
notice-round-closed = Round { $round } of “{ $title }” closed: { $agreed } item(s) reached consensus, { $open } go to the next round.
notice-exercise-closed = “{ $title }” is closed: { $validated } item(s) validated, { $amended } amended, { $dropped } dropped; see the outcomes.
notice-round-reminder = Reminder: round { $round } of “{ $title }” is waiting for your ratings.
notice-response-submitted = { $economy } submitted its response to “{ $round }”: it waits for your review.
notice-response-sent-back = Your response to “{ $round }” was sent back with comments: see what to fix.
notice-response-approved = Your response to “{ $round }” was approved.
notice-response-rejected = Your response to “{ $round }” was rejected.
notice-response-draft = Your response to “{ $round }” is a draft again: you can change it.

## The regional comparative analysis

regional-title = Labour migration of third-country nationals in the Western Balkans
regional-subtitle = Regional comparative analysis of screening and cooperation with Countries of Origin
regional-summary-intro = This analysis compares how { $economies } admit and screen foreign workers from third countries, stage by stage, on { $n } indicators in six dimensions, and sets out the shared vulnerabilities, procedural gaps, cross-cutting trends, priority areas for targeted intervention and recommendations. What the evidence shows across the region:
regional-summary-note = The economies are compared, not ranked. Figures are shown under their own definitions and never added up across economies.
regional-scale = Scale: work permits for foreign workers across the region went from { $figures }, as their sources report them — aggregates of national figures with different definitions, cited in the comparison of inflows beside each economy's latest figure under its own definition.
regional-figure-in = { $figure } in { $period }
regional-figure-to = { " " }to{ " " }
regional-origins-none = Origins: { $n } of the six economies publish a breakdown by citizenship; no citizenship is among the largest in two of them.
regional-origins = Origins: { $n } of the six economies publish a breakdown by citizenship; among the largest in two or more of them: { $shared }.
regional-weakest = { $stage } (absent in { $absent }, partial in { $partial }, not established in { $unknown })
regional-screening = Screening: the stages most in need of intervention, by the priority formula, are { $stages }.
regional-coo = Cooperation with Countries of Origin: a working agreement or channel is recorded for { $with }; for { $without } none is established by any source (a gap to verify with the economies).
regional-onward = Onward movement: sources report permit holders moving on, mostly towards the EU, from { $moving }.
regional-onward-quiet = Onward movement: sources report permit holders moving on, mostly towards the EU, from { $moving }; no source reports on it for { $quiet }.
regional-facet-yes = yes in { $economies }
regional-facet-no = no in { $economies }
regional-facet-unknown = not recorded for { $economies }
regional-facet-quota = A quota
regional-facet-register = A public register of licensed agencies
regional-facet-fees = A ban on fees charged to workers
regional-pathways = Legal pathways and agencies: a single permit for residence and work exists in { $single }. { $quota }. { $register }. { $fees }.
regional-in-place = in place
regional-no-source = No source we hold reports on it (a gap in the evidence).
regional-coo-compared = Cooperation with Countries of Origin compared
regional-coo-table = Agreements, liaison and verification with Countries of Origin, economy by economy
regional-col-check-today = The check today
regional-col-sources-say = What the sources say
regional-coo-note = “Not established” means no source we hold establishes it: a gap to verify, not a finding of absence.
regional-onward-compared = Onward movement compared
regional-onward-table = Onward movement of permit holders and its detection, economy by economy
regional-col-sources-report = What the sources report
regional-col-detection = Detection at exit
regional-onward-note = Each economy's sources, with their dates, are in its country paper.
regional-recommendation = { $title }. { $description } Concerns { $concerns }: { $economies }. Answers: { $stages }; measured by “{ $indicator }”.
regional-all-six = all six economies
regional-some-of-six = { $n } of the six economies
regional-recommendations-intro = Actions from the programme's catalogue of interventions, the most widely needed first: each answers an indicator that is absent, partial or not established in the economies named. They are proposals for the delegations to validate in the joint roadmap, not commitments.
regional-recommendations-none = No indicator is weak in any economy: no action is proposed.
regional-method-intro = The analysis rests on { $records } records of the programme's map across the six economies ({ $figures } of them published figures), each citing the public source a reader can open with its date and our confidence in it, on the focal points' approved questionnaire answers where a round has been approved, and on the findings raised at consultations and workshops. Each economy's evidence is set out in its country paper.
regional-method-as-of = Evidence as of { $date }: the date of the newest source.
regional-method-compared = Economies are compared, not ranked; figures follow each source's definition and are never added up across economies or indicators. Regional totals are quoted only as their sources state them.
regional-method-gaps = A check that no source establishes counts as a gap to verify — in the shared vulnerabilities, the procedural gaps and the priority formula — never as a check in place.
regional-method-withheld = Dimension scores resting on fewer than half of their indicators are withheld.
regional-method-drafts = Findings are drafts until the delegations validate them in a validation exercise; its outcomes are reported below once it has decided.
regional-matrix = Screening practices: stage × economy
regional-matrix-caption = Status of the check at each stage and theme, by economy
regional-matrix-title = Stage × economy
regional-matrix-definition = Complete: in law and applied to every case; partial: exists but limited in law or practice; absent: none; unknown / no evidence: not established. Each economy's practices are recorded with their sources in its country paper.
regional-matrix-table = Status of the check at each stage (complete, partial, absent, unknown)
doc-col-stage = Stage
doc-level-unknown = unknown
regional-scores = Indicator scores by dimension
regional-scores-caption = Scores by dimension and economy (0–100)
regional-scores-title = Scores by dimension
regional-scores-definition = The mean of the indicators of the dimension that have evidence (absent 0, partial 50, complete 100), drawn only where at least half of them have evidence. Economies are compared side by side, not ranked.
regional-scores-table = Mean score of the indicators with evidence (0–100), with how many have evidence; withheld where fewer than half do
regional-col-stage-or-theme = Stage or theme
regional-col-absent = Absent
regional-col-partial = Partial
regional-col-not-established = Not established
regional-col-findings = Findings
regional-col-priority = Priority
regional-col-delegations = Delegations
regional-priorities = Priority areas for targeted intervention
regional-priority-formula = priority = 2 × (economies where the check is absent) + 1 × (economies where it is partial) + 1 × (economies where it is not established: a gap to verify, not a sign that all is well) + 1 × (findings on the stage, including those raised at events)
regional-priorities-table = Stages and themes ranked by the formula above
regional-annex = Data annex
regional-annex-table = Every figure used, as reported
regional-col-indicator-unit-measure = Indicator (unit; measure)
regional-annex-note = Measure: flow (issued in the period), stock (valid on a date) or quota (the ceiling set). Each figure is under its own indicator's definition; none is added to another.
regional-shared = Shared vulnerabilities
regional-shared-none = No shared vulnerability.
regional-gaps = Procedural gaps
regional-gaps-none = No procedural gap.
regional-trends = Cross-cutting trends
regional-trends-none = No trend beyond the thresholds.
regional-as-reported = Western Balkans (as reported by the source)
regional-outcome-validated = validated
regional-outcome-amended-to = amended: { $text }
regional-outcome-amended = amended
regional-outcome-dropped = dropped
regional-outcome-none = not put to the delegations
regional-priority-area = Priority area: { $stage }
regional-amended-to = { $item } — amended to: { $text }
regional-validation = Validation by the delegations
regional-validation-intro = The economies' delegations rated the findings and priority areas put to them in a validation exercise (a Delphi consensus; the rule and the rounds are in the exercise's record). Findings: { $findings_validated } validated, { $findings_amended } amended, { $findings_dropped } dropped. Priority areas: { $priorities_validated } validated, { $priorities_amended } amended, { $priorities_dropped } dropped. Validated and amended findings appear above in their agreed wording without the draft mark; dropped ones no longer weigh on the priorities.
regional-validation-amended = Amended by the delegations
regional-validation-dropped = Dropped by the delegations
regional-inflows = Inflows compared
regional-inflows-intro = Across the region, as reported: { $figures }. These are the sources' own aggregates of national figures with different definitions, not a harmonised statistic.
regional-latest-table = Latest figure of each economy, under its own definition
regional-col-latest = Latest figure
regional-col-counts = What it counts
regional-col-source-confidence = Source; confidence
regional-no-figure = no figure published (a gap)
regional-latest-note = The figures differ in what they count (permits, single permits, residence permits for work, persons) and in period; they show each economy's order of magnitude and are not to be ranked or added up. Definitions are in each country paper and in the data annex.
regional-series-table = Every reported series, by economy
regional-col-totals = Totals by period
regional-series-note = Quotas are ceilings set by governments, not inflows; stocks count permits valid on a date.
regional-no-breakdown = no breakdown by citizenship published (a gap)
regional-origins-table = Where the workers come from: the main citizenships, where a breakdown is published
regional-col-series-period = Series and period
regional-col-citizenships = Main citizenships
regional-origins-note = Shares are taken only from breakdowns that account for 95–105 % of their total; other breakdowns are named with their counts. The { $n } largest are named.
regional-pathways-compared = Legal pathways compared
regional-pathways-table = Legal pathways for foreign workers, economy by economy
regional-col-pathways-recorded = Pathways recorded
regional-col-single-permit = Single permit
regional-pathways-note = Each economy's pathways, legal bases and sources are in its country paper.
regional-agencies-compared = Recruitment agencies compared
regional-agencies-table = Regulation of recruitment agencies, economy by economy
regional-col-abuses = Documented abuses
regional-none-recorded = none recorded
regional-matrix-desc = { $rows } rows by { $columns } columns; each cell gives the status in words
regional-scores-desc = Scores from 0 to 100 per dimension and economy; the table beside it gives the numbers
