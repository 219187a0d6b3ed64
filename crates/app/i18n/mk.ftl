# Зборовите на документите на Pathways (извештаи за економиите, регионална анализа), на македонски.
# Нацрт-превод.

## Values and sources

doc-yes = да
doc-no = не
doc-confidence-high = висока
doc-confidence-medium = средна
doc-confidence-low = ниска
doc-cite-confidence = ; веродостојност { $confidence }
doc-said-with-source = { $said } (Извор: { $source }.)
doc-sources-differ = Изворите се разликуваат. { $denies } ({ $denies_source }) — но { $reports } ({ $reports_source }).
doc-not-established = Не е утврдено:
doc-looked-in = Барано без резултат во: { $place }
doc-finding-draft = { $text } (нацрт, сè уште не е потврдено)
doc-flag-estimate = проценка
doc-flag-provisional = привремен податок
doc-flag-break = прекин на серијата
doc-and-list = { $init } и { $last }
doc-not-recorded = не е евидентирано
doc-unknown-date = непознат датум
doc-total = Вкупно
doc-women = Жени
doc-men = Мажи
doc-month = { $month ->
    [1] јануари
    [2] февруари
    [3] март
    [4] април
    [5] мај
    [6] јуни
    [7] јули
    [8] август
    [9] септември
    [10] октомври
    [11] ноември
   *[12] декември
}
doc-level-complete = целосна
doc-level-partial = делумна
doc-level-absent = не постои
doc-level-none = нема докази
doc-level-not-established = не е утврдено
doc-measure-flow = тек
doc-measure-stock = состојба
doc-measure-quota = квота
doc-measure-register = од регистарот за проверка
doc-dimension-score = { $score } ({ $with } од { $of } индикатори со докази)
doc-dimension-withheld = не се искажува: само { $with } од { $of } индикатори со докази
doc-yes-of-pathways = да ({ $yes } од { $n } патишта)
doc-yes-of-regulations = да ({ $yes } од { $n } прописи)
doc-origins-partial = { $named } — распределбата опфаќа { $share } од вкупниот број ({ $why }); уделите не се пресметуваат
doc-origins-other-series = можеби брои друга серија
doc-origins-partial-breakdown = делумна распределба
doc-none = ниедна

## What the sources say, theme by theme

doc-check-complete = { $check }: пропишано со закон и се применува во секој случај.
doc-check-partial = { $check }: постои, но е ограничено со закон или во практиката.
doc-check-absent = { $check }: таква проверка не постои.
doc-check-unknown = { $check }: не е утврдено дали и како се спроведува.
doc-a-consultation = консултација
doc-answer-citation = Одговор на лицето за контакт, { $round }
doc-movement-yes = Лицето за контакт наведува докази дека имателите на дозволи нерегуларно се движат понатаму кон ЕУ
doc-movement-cases = { " " }({ $n } познати случаи во последните 12 месеци)
doc-movement-routes = ; правци и обрасци: { $routes }
doc-movement-no = Лицето за контакт не наведува докази дека имателите на дозволи нерегуларно се движат понатаму кон ЕУ.
doc-movement-unknown = Лицето за контакт не знае дали имателите на дозволи нерегуларно се движат понатаму кон ЕУ.
doc-coo-yes = Лицето за контакт наведува аранжмани со земјите на потекло.
doc-coo-yes-with = Лицето за контакт наведува аранжмани со: { $countries }.
doc-coo-no = Лицето за контакт не наведува ниеден аранжман со ниедна земја на потекло.
doc-coo-unknown = Лицето за контакт не знае за аранжмани со земјите на потекло.

## Table columns

doc-col-institution = Институција
doc-col-kind = Вид
doc-col-stages = Фази
doc-col-mandate = Надлежност
doc-col-from = Од
doc-col-to = Кон
doc-col-description = Опис
doc-col-pathway = Пат
doc-col-type = Тип
doc-col-legal-basis = Правна основа
doc-col-quota = Квота
doc-col-lmt = Тест на пазарот на трудот
doc-col-employer-change = Промена на работодавач
doc-col-processing-time = Рок за обработка
doc-col-period = Период
doc-col-breakdown = Распределба
doc-col-value = Вредност
doc-col-note = Забелешка
doc-col-source = Извор
doc-col-source-date = Датум на изворот; веродостојност
doc-col-responsible = Одговорен
doc-col-mode = Дигитално или хартиено
doc-col-scope = Опфат
doc-col-authority = Надлежен орган
doc-col-licensing = Лиценцирање
doc-col-public-register = Јавен регистар
doc-col-fees-banned = Забрана на надоместоци за работниците
doc-col-notes = Забелешки
doc-col-dimension = Димензија
doc-col-score = Оценка
doc-col-indicator = Индикатор
doc-col-question = Прашање
doc-col-level = Ниво
doc-col-evidence = Докази
doc-col-abbreviation = Кратенка
doc-col-in-full = Целосен назив
doc-col-country-of-origin = Земја на потекло
doc-col-system = Систем
doc-col-what-it-does = Што прави
doc-col-wb-meaning = Што значи за Западен Балкан

## Abbreviations and the publication

doc-abbreviations = Кратенки
doc-abbreviations-table = Кратенки користени во овој документ
doc-about = За оваа публикација
doc-abbr-coo = ЗП
doc-abbr-coo-full = земја на потекло
doc-abbr-eu = ЕУ
doc-abbr-eu-full = Европска унија
doc-abbr-etf = ETF
doc-abbr-etf-full = Европска фондација за обука
doc-abbr-etias = ETIAS
doc-abbr-etias-full = Европски систем за информации и одобрение за патување
doc-abbr-ilo = МОТ
doc-abbr-ilo-full = Меѓународна организација на трудот
doc-abbr-iom = IOM
doc-abbr-iom-full = Меѓународна организација за миграција
doc-abbr-isco = ISCO
doc-abbr-isco-full = Меѓународна стандардна класификација на занимањата
doc-abbr-mou = МоР
doc-abbr-mou-full = меморандум за разбирање
doc-abbr-nace = NACE
doc-abbr-nace-full = Статистичка класификација на економските дејности во Европската заедница
doc-abbr-og = СВ
doc-abbr-og-full = Службен весник
doc-abbr-vis = VIS
doc-abbr-vis-full = Визен информациски систем

## The country paper

paper-title = { $name }: работна миграција на државјани на трети земји
paper-subtitle = Извештај за економијата — мапирање на проверките и соработката со земјите на потекло
paper-summary = Резиме
paper-summary-intro = Што покажуваат доказите за { $name }, тема по тема; секоја точка е разработена, со изворите, во деловите што следат. Регионалните наоди што се однесуваат на { $name } се наведени под Клучни наоди.
paper-summary-origins = Од каде доаѓаат работниците: { $origins } ({ $series }, { $period }).
paper-summary-no-origins = Не е објавена распределба на бројките за { $name } по државјанство: од кои земји на потекло доаѓаат работниците е познато само од евиденцијата на практиките и извештаите наведени подолу.
paper-summary-coo = Соработка со земјите на потекло: { $said }
paper-summary-coo-silent = Ниеден извор со кој располагаме не известува за договори или канали за верификација со земјите на потекло за { $name } (празнина во доказите).
paper-summary-onward = Понатамошно движење: { $said }
paper-summary-onward-silent = Ниеден извор со кој располагаме не известува за понатамошното движење на имателите на дозволи за { $name } (празнина во доказите).
paper-sources-disagree = Изворите не се согласуваат: { $reports } — додека { $denies }
paper-further-sources = { $n ->
    [one] уште { $n } извор подолу
   *[other] уште { $n } извори подолу
}
paper-scale-none = Не е пронајдена ниедна објавена бројка за странските работници во { $name } (празнина во доказите).
paper-scale = Обем: { $label } — { $value } во { $period } ({ $measure }; веродостојност { $confidence }).
paper-scale-was = Во { $period } изнесуваше { $value }.
paper-series-break = Прекин на серијата: „{ $new }“{ $from } ја замени „{ $old }“{ $last }; двете следат различни дефиниции и не се читаат како еден тренд.
paper-series-break-from = { " " }(од { $period })
paper-series-break-last = { " " }(последно известено за { $period })
paper-pathways-none = Законски патишта: ниеден не е евидентиран (празнина во доказите).
paper-pathways-summary = Законски патишта: евидентирани { $n } ({ $kinds }); { $single }. Се применува квота: { $quota }; тест на пазарот на трудот: { $lmt }; дозволена е промена на работодавачот: { $change }.
paper-pathways-single = постои единствена дозвола за престој и работа
paper-pathways-no-single = не е евидентирана единствена дозвола за престој и работа
paper-stages = Проверка, фаза по фаза: проверката е { $parts }.
paper-stages-at = { $status } во фазите: { $stages }
paper-stages-complete = целосна (пропишана и применета)
paper-stages-unknown = неутврдена во ниеден извор (празнина што треба да се провери)
paper-agencies-none = Агенции за вработување: не е евидентирано како се уредени (празнина во доказите).
paper-agencies-summary = Агенции за вработување: { $licensing } Јавен регистар на лиценцирани агенции: { $register }; забрана на надоместоци што им се наплаќаат на работниците: { $fees }.
paper-agencies-no-licensing = лиценцирањето не е евидентирано.
paper-measure-flow = { $unit } издадени или избројани во периодот
paper-measure-stock = { $unit } важечки на одреден ден (состојба)
paper-measure-quota = горна граница за { $unit } утврдена однапред, а не прилив
paper-measure-register = { $unit }, пресметано од регистарот за проверка

paper-method = Метод и ограничувања
paper-method-confidence = { $high } со висока, { $medium } со средна, { $low } со ниска веродостојност
paper-method-intro = Извештајот се заснова на { $records ->
    [one] { $records } запис
   *[other] { $records } записи
} од мапата на програмата, од кои секој го наведува јавниот извор што читателот може да го отвори (закон, службен весник, страница на министерство, извештај или медиуми), со датумот и нашата оценка за веродостојноста ({ $confidence }):
paper-method-records = институции: { $institutions }, односи меѓу институциите: { $relationships }, законски патишта: { $pathways }, практики на проверка: { $practices }, прописи за агенциите за вработување: { $regulations } и објавени бројки: { $figures };
paper-method-answers = одобрените одговори на лицето за контакт на прашалникот за мапирање ({ $source })
paper-method-no-answers = сè уште нема одобрени одговори на лицето за контакт на прашалникот за мапирање
paper-method-events = { $n ->
    [0] сè уште ниеден наод не е изнесен на консултации или работилници.
    [one] { $n } наод изнесен на консултации и работилници.
   *[other] { $n } наоди изнесени на консултации и работилници.
}
paper-method-reading = За секоја фаза и тема сите извори се читаат заедно: што е познато (со изворот), во што изворите си противречат и што ниеден извор не утврдува. Тврдењето дека ништо не е известено се појавува само кога ниеден извор од кој било вид ништо не наведува. Секој индикатор од рамката за оценка се оценува од тие докази како целосен, делумен или непостоечки; индикатор без докази се искажува како таков, никогаш како непостоечки, а оценката на димензијата не се искажува кога помалку од половина од нејзините индикатори имаат докази.
paper-method-as-of = Докази заклучно со { $date }: датумот на најновиот извор; подоцнежните промени не се опфатени.
paper-method-figures = Бројките се наведени како што ги објавиле изворите, секоја според својата дефиниција (тек, состојба или квота); бројки со различни дефиниции никогаш не се собираат, квотите се горни граници а не приливи, а уделите се пресметуваат само од распределби што го опфаќаат вкупниот број.
paper-method-all-sourced = Секоја фаза и тема има барем еден извор што ја опишува.
paper-method-unknown = Ниеден извор не утврдува како се { $n ->
    [one] спроведува фазата
   *[other] спроведуваат фазите
} { $stages }: тоа се празнини во доказите што треба да се проверат, а не наоди за непостоење.
paper-method-drafts = Наодите се нацрти додека делегациите на економиите не ги потврдат; потврден, изменет или отфрлен наод е означен како таков.

paper-context = Контекст и бројки
paper-context-intro = Во { $name } { $n ->
    [one] { $n } евидентирана институција учествува
   *[other] { $n } евидентирани институции учествуваат
} во приемот и проверката на странските работници.
paper-context-no-decider = Не е евидентирано која институција одлучува за дозволите.
paper-context-decider = За дозволата одлучува: { $institutions }.
paper-context-demand = Побарувачката на работна сила ја проценува: { $institutions }.
paper-context-latest = { $label }: { $value } во { $period } — { $measure } (објавено { $published }; веродостојност { $confidence }).
paper-context-latest-intro = Најновата бројка од секоја објавена серија за { $name }:
paper-context-no-figure = За оваа економија не е објавена ниедна бројка за странските работници (празнина во доказите).
paper-context-note = Секоја бројка е прикажана според својот индикатор и дефиниција; бројки со различни дефиниции никогаш не се собираат.

paper-institutions = Институционална поставеност
paper-network-caption = Мапа на засегнати страни: односи меѓу институциите во { $name }
paper-network-title = Односи меѓу институциите во { $name }
paper-network-definition = Институциите на економијата (и надворешните институции со кои се поврзани), поврзани со размена на податоци, договори, надзор, упатување, соработка или согласност, како што се евидентирани со изворите.
paper-grid = Мрежа на моќ и интерес
paper-grid-keep-satisfied = одржувај задоволни
paper-grid-manage-closely = управувај одблизу
paper-grid-monitor = следи
paper-grid-keep-informed = информирај редовно
paper-grid-interest = интерес
paper-grid-power = моќ
paper-grid-definition = Моќ и интерес на скала од 1 до 5 (оценка на аналитичарите), како во мрежата на Менделоу.
paper-institutions-table = Институциите и нивните надлежности
paper-relationships-table = Односи меѓу институциите
paper-pathways = Законски патишта
paper-pathways-table = Законски патишта за странски работници
paper-inflows = Приливи на странски работници
paper-series-definition = Дефиниција ({ $measure }): { $definition }
paper-partial-breakdown = Распределбата по државјанство за { $period } опфаќа { $share } од вкупниот број: делумна распределба, од која уделите не се пресметуваат.
paper-no-figure = За оваа економија не е пронајдена ниедна бројка (празнина во доказите).
paper-screening = Проверка и верификација, фаза по фаза
paper-stage-silent = Ниеден извор со кој располагаме не ја опишува оваа фаза (празнина во доказите).
paper-check-table = Како е организирана проверката
paper-agencies = Улогата на агенциите за вработување
paper-agencies-table = Уредување на агенциите за вработување
paper-coo = Соработка со земјите на потекло
paper-coo-channels = Договори, врски и канали за верификација
paper-coo-pre-departure = Верификација во земјата на потекло пред заминување
paper-coo-silent = Ниеден извор со кој располагаме не го опишува ова за { $name } (празнина во доказите).
paper-coo-systems = Системи на земјите на потекло
paper-systems-table = Системи на земјите на потекло за управување со иселувањето и за верификација
paper-systems-note = Земјите на потекло чии државјани се појавуваат во бројките за { $name }, или чии системи ја спомнуваат.
paper-challenges = Институционални предизвици
paper-challenges-none = Не е утврден ниеден институционален предизвик.
paper-secondary = Обрасци на секундарна миграција
paper-secondary-intro = Дали имателите на дозволи нерегуларно се движат понатаму, главно кон ЕУ: што наведуваат записите за фазата на излез, одговорите на лицето за контакт и консултациите.
paper-secondary-silent = Ниеден извор со кој располагаме — записи за практики, статистика, одговори на прашалникот или консултации — не известува за понатамошно движење од { $name }.
paper-gaps = Празнини
paper-gaps-intro = Што недостасува во { $name }, во две одделни листи: празнини во политиките и практиката, на кои одговараат препораките, и празнини во нашите докази, што се прашања на кои институциите на економијата треба да одговорат пред да се изведе каков било заклучок.
paper-gaps-policy = Празнини во политиките и практиката
paper-gaps-policy-none = Ниедна проверка не е евидентирана како непостоечка или делумна, ниту некој индикатор како непостоечки.
paper-gaps-evidence = Празнини во доказите
paper-gaps-evidence-none = Секоја фаза има извор и секој индикатор има докази.
paper-gap-absent = { $stage }: { $check } — таква проверка не постои.
paper-gap-partial = { $stage }: { $check } — постои, но е ограничено со закон или во практиката.
paper-gap-unknown = { $stage }: ниеден извор не утврдува дали и како се проверува.
paper-gap-unknown-looked = { $stage }: ниеден извор не утврдува дали и како се проверува (барано во: { $looked }).
paper-gap-indicators-no = Индикатори со одговор „не“ според доказите со кои располагаме ({ $n } од { $total }): { $indicators }.
paper-gap-indicators-unknown = Индикатори сè уште без докази ({ $n } од { $total }): { $indicators }.
paper-key = Клучни наоди, добри практики и препораки
paper-key-findings = Клучни наоди
paper-key-findings-none = Сè уште нема наоди.
paper-good-practices = Добри практики
paper-good-practices-none = Ниедна практика не е евидентирана како целосна.
paper-recommendations = Препораки
paper-recommendations-intro = Мерки од каталогот на интервенции на програмата што одговараат на најслабите индикатори на оваа економија, секоја со институцијата надлежна за фазата на која се однесува. Тоа се предлози што делегациите треба да ги потврдат, а не обврски.
paper-recommendations-none = Ниеден индикатор не е непостоечки, делумен или без докази: не се предлага ниедна мерка.
paper-recommendation = { $title }. { $description } Одговорен: { $responsible }. Одговара на: { $stages }; се мери со „{ $indicator }“ (денес: { $today }).
paper-recommendation-no-lead = ниедна институција не е евидентирана како надлежна за овие фази (треба да се определи)
paper-scores = Оценки на индикаторите
paper-scores-dimensions = Оценки по димензии (0–100)
paper-scores-dimensions-note = Просек на индикаторите на димензијата што имаат докази (не постои 0, делумно 50, целосно 100); не се искажува кога помалку од половина од нив имаат докази, бидејќи таква оценка повеќе кажува за празнините во нашата мапа отколку за економијата.
paper-scores-indicators = Индикатори (целосен, делумен, не постои или без докази)
paper-scores-indicators-note = Економиите се споредуваат индикатор по индикатор, не се рангираат.
paper-sources = Извори
paper-source-facts = { $source } ({ $n ->
    [one] { $n } податок
   *[other] { $n } податоци
})

## Around the text (cover, running heads, annex)

doc-label-kicker = Pathways · Управување со работната миграција на Западен Балкан
doc-label-contents = Содржина
doc-label-draft = Нацрт
doc-label-draft-note = Не е конечно: сè на што се заснова сè уште не е потврдено од делегациите на економиите.
doc-label-evidence-as-of = Докази заклучно со
doc-label-generated = Изработено од Pathways од тековните докази; секоја бројка го носи својот извор и дефиниција.
doc-label-notes = Забелешки
doc-label-compared = Економиите се споредуваат, никогаш не се рангираат: оценките покажуваат каде практиката не постои, е делумна или целосна, и секоја може да се следи до своите докази.
doc-label-page = Страница
doc-label-of = од
doc-label-about-sheet = За документот
doc-label-data-sheet = Податоци
doc-data-economy = Економија
doc-data-measure = Мерка
doc-data-unit = Единица
doc-data-period-code = Период (како е запишан)
doc-data-citizenship = Државјанство
doc-data-sector = Сектор
doc-data-sex = Пол
doc-data-flag = Ознака
doc-data-source-date = Датум на изворот
doc-data-confidence = Веродостојност
doc-data-definition = Дефиниција

## Units of the indicators

doc-unit-agencies = агенции
doc-unit-applications = барања
doc-unit-days = денови
doc-unit-decisions = одлуки
doc-unit-declarations = пријави
doc-unit-opinions = мислења
doc-unit-permits = дозволи
doc-unit-persons = лица
doc-unit-reports = извештаи
doc-unit-requests = барања

## Said only in a translated paper

paper-method-language = Записите од мапата (називи на институциите, надлежности, описи на практиките, извори), наодите и доказите зад оценката на секој индикатор се наведени како што се евидентирани, на англиски; насловите, табелите, графиконите и текстот околу нив се на јазикот на овој извештај.

## Notifications and their e-mails, in each recipient's language

notice-query-subject = Барање од { $from } за еден од вашите записи, рок { $due }
notice-query = Органот за дозволи на { $from } утврди дека еден од записите на вашата економија можеби се однесува на истото лице како еден од нивните баратели (Dice сличност { $dice }) и прашува што можете да им кажете до { $due }.
notice-query-overdue-subject = Истечен рок: барање од { $from }, рок { $due }
notice-query-overdue = Барањето на { $from } за еден од вашите записи имаше рок { $due } и сè уште нема одговор.
notice-verify-subject = Барање за верификација од { $from }: { $what }, рок { $due }
notice-verify = Органот за дозволи на { $from } бара од вашиот орган да верификува: { $what }, до { $due }.
notice-verify-overdue-subject = Истечен рок: барање за верификација од { $from }, рок { $due }
notice-verify-overdue = Барањето на { $from } за верификација (предмет: { $what }) имаше рок { $due } и сè уште нема одговор.
notice-answered-subject = { $country } одговори на барање за верификација: { $said }
notice-answered = { $country } одговори на вашето барање за верификација (предмет: { $what }): { $said }.
notice-unanswered-subject = Истечен рок: { $country } не одговори на вашето барање, рок { $due }
notice-unanswered = { $country } не одговори на вашето барање за верификација (предмет: { $what }), рок { $due }; нејзините лица за контакт беа потсетени.
notice-verify-demand_letter = писмо за побарувачка (понуда за работа)
notice-verify-agency_licence = лиценца на агенцијата
notice-verify-emigration_clearance = одобрение за иселување
notice-verify-police_clearance = уверение за неосудуваност
notice-verify-qualification = квалификација
notice-verify-identity = идентитет
notice-outcome-confirmed = потврдено
notice-outcome-not_confirmed = не е потврдено
notice-outcome-cannot_verify = не може да се верификува
notice-action-drafted = Мерка од патоказот „{ $title }“ е подготвена за { $economy }: видете за што ќе известувате.
notice-action-changed = Мерка од патоказот „{ $title }“ е изменета за { $economy }: видете за што ќе известувате.
notice-progress = { $economy } извести за напредок на „{ $title }“: { $status }.
notice-progress-region = Регионот извести за напредок на „{ $title }“: { $status }.
notice-status-not_started = не е започнато
notice-status-limited = ограничен напредок
notice-status-substantial = значаен напредок
notice-status-complete = завршено
notice-status-none = нема достапни докази
notice-round-open = Кругот { $round } од „{ $title }“ е отворен: ве молиме оценете ги ставките.
notice-round-closed-all = Кругот { $round } од „{ $title }“ е затворен: за секоја ставка е одлучено; видете ги исходите.
notice-round-closed = Кругот { $round } од „{ $title }“ е затворен: ставки со консензус: { $agreed }; во следниот круг одат: { $open }.
notice-exercise-closed = „{ $title }“ е затворена: потврдени { $validated }, изменети { $amended }, отфрлени { $dropped }; видете ги исходите.
notice-round-reminder = Потсетник: кругот { $round } од „{ $title }“ ги чека вашите оценки.
notice-response-submitted = { $economy } го поднесе својот одговор на „{ $round }“: чека ваш преглед.
notice-response-sent-back = Вашиот одговор на „{ $round }“ е вратен со коментари: видете што треба да се поправи.
notice-response-approved = Вашиот одговор на „{ $round }“ е одобрен.
notice-response-rejected = Вашиот одговор на „{ $round }“ е одбиен.
notice-response-draft = Вашиот одговор на „{ $round }“ повторно е нацрт: можете да го менувате.

## The regional comparative analysis

regional-title = Работна миграција на државјани на трети земји на Западен Балкан
regional-subtitle = Регионална споредбена анализа на проверките и соработката со земјите на потекло
regional-summary-intro = Оваа анализа споредува како { $economies } примаат и проверуваат странски работници од трети земји, фаза по фаза, според { $n } индикатори во шест димензии, и ги изнесува заедничките ранливости, процедуралните празнини, општите трендови, приоритетните области за насочени интервенции и препораките. Што покажуваат доказите во регионот:
regional-summary-note = Економиите се споредуваат, не се рангираат. Бројките се прикажани според сопствените дефиниции и никогаш не се собираат меѓу економиите.
regional-scale = Обем: работните дозволи за странски работници во регионот пораснаа од { $figures }, како што ги известуваат нивните извори — збирови на национални бројки со различни дефиниции, наведени во споредбата на приливите покрај најновата бројка на секоја економија според нејзината дефиниција.
regional-figure-in = { $figure } во { $period }
regional-figure-to = { " " }на{ " " }
regional-origins-none = Потекло: { $n } од шесте економии објавуваат распределба по државјанство; ниедно државјанство не е меѓу најбројните во две од нив.
regional-origins = Потекло: { $n } од шесте економии објавуваат распределба по државјанство; меѓу најбројните во две или повеќе од нив: { $shared }.
regional-weakest = { $stage } (не постои во { $absent }, делумна во { $partial }, не е утврдено во { $unknown })
regional-screening = Проверка: фазите на кои најмногу им е потребна интервенција, според формулата за приоритет, се { $stages }.
regional-coo = Соработка со земјите на потекло: функционален договор или канал е евидентиран за { $with }; за { $without } ниеден извор не го утврдува (празнина што треба да се провери со економиите).
regional-onward = Понатамошно движење: изворите известуваат дека имателите на дозволи се движат понатаму, главно кон ЕУ, од: { $moving }.
regional-onward-quiet = Понатамошно движење: изворите известуваат дека имателите на дозволи се движат понатаму, главно кон ЕУ, од: { $moving }; ниеден извор не известува за тоа за { $quiet }.
regional-facet-yes = да во: { $economies }
regional-facet-no = не во: { $economies }
regional-facet-unknown = не е евидентирано за { $economies }
regional-facet-quota = Квота
regional-facet-register = Јавен регистар на лиценцирани агенции
regional-facet-fees = Забрана на надоместоци што им се наплаќаат на работниците
regional-pathways = Законски патишта и агенции: единствена дозвола за престој и работа постои во: { $single }. { $quota }. { $register }. { $fees }.
regional-in-place = постои
regional-no-source = Ниеден извор со кој располагаме не известува за тоа (празнина во доказите).
regional-coo-compared = Соработка со земјите на потекло — споредба
regional-coo-table = Договори, врски и верификација со земјите на потекло, по економии
regional-col-check-today = Проверката денес
regional-col-sources-say = Што велат изворите
regional-coo-note = „Не е утврдено“ значи дека ниеден извор со кој располагаме не го утврдува: празнина што треба да се провери, а не наод за непостоење.
regional-onward-compared = Понатамошно движење — споредба
regional-onward-table = Понатамошно движење на имателите на дозволи и неговото откривање, по економии
regional-col-sources-report = Што известуваат изворите
regional-col-detection = Откривање при излез
regional-onward-note = Изворите на секоја економија, со нивните датуми, се во нејзиниот извештај.
regional-recommendation = { $title }. { $description } Се однесува на { $concerns }: { $economies }. Одговара на: { $stages }; се мери со „{ $indicator }“.
regional-all-six = сите шест економии
regional-some-of-six = { $n } од шесте економии
regional-recommendations-intro = Мерки од каталогот на интервенции на програмата, најпрвин најпотребните: секоја одговара на индикатор што не постои, е делумен или не е утврден во наведените економии. Тоа се предлози што делегациите треба да ги потврдат во заедничкиот патоказ, а не обврски.
regional-recommendations-none = Ниеден индикатор не е слаб во ниедна економија: не се предлага ниедна мерка.
regional-method-intro = Анализата се заснова на { $records } записи од мапата на програмата во шесте економии (од нив { $figures } објавени бројки), од кои секој го наведува јавниот извор што читателот може да го отвори, со датумот и нашата оценка за веродостојноста, на одобрените одговори на лицата за контакт на прашалникот каде што кругот е одобрен, и на наодите изнесени на консултации и работилници. Доказите на секоја економија се изложени во нејзиниот извештај.
regional-method-as-of = Докази заклучно со { $date }: датумот на најновиот извор.
regional-method-compared = Економиите се споредуваат, не се рангираат; бројките ја следат дефиницијата на секој извор и никогаш не се собираат меѓу економии или индикатори. Регионалните збирови се наведуваат само како што ги даваат нивните извори.
regional-method-gaps = Проверка што ниеден извор не ја утврдува се смета како празнина што треба да се провери — во заедничките ранливости, процедуралните празнини и формулата за приоритет — никогаш како постоечка проверка.
regional-method-withheld = Оценките на димензиите што се засноваат на помалку од половина од нивните индикатори не се искажуваат.
regional-method-drafts = Наодите се нацрти додека делегациите не ги потврдат во вежба за потврдување; нејзините исходи се наведени подолу откако ќе се одлучи.
regional-matrix = Практики на проверка: фаза × економија
regional-matrix-caption = Статус на проверката во секоја фаза и тема, по економии
regional-matrix-title = Фаза × економија
regional-matrix-definition = Целосна: пропишана со закон и се применува во секој случај; делумна: постои, но е ограничена со закон или во практиката; не постои: ја нема; непознато / нема докази: не е утврдено. Практиките на секоја економија се евидентирани со изворите во нејзиниот извештај.
regional-matrix-table = Статус на проверката во секоја фаза (целосна, делумна, не постои, непознато)
doc-col-stage = Фаза
doc-level-unknown = непознато
regional-scores = Оценки на индикаторите по димензии
regional-scores-caption = Оценки по димензии и економии (0–100)
regional-scores-title = Оценки по димензии
regional-scores-definition = Просек на индикаторите на димензијата што имаат докази (не постои 0, делумно 50, целосно 100), прикажан само кога барем половина од нив имаат докази. Економиите се споредуваат една до друга, не се рангираат.
regional-scores-table = Просечна оценка на индикаторите со докази (0–100), со бројот на оние што имаат докази; не се искажува кога ги има помалку од половина
regional-col-stage-or-theme = Фаза или тема
regional-col-absent = Не постои
regional-col-partial = Делумна
regional-col-not-established = Не е утврдено
regional-col-findings = Наоди
regional-col-priority = Приоритет
regional-col-delegations = Делегации
regional-priorities = Приоритетни области за насочени интервенции
regional-priority-formula = приоритет = 2 × (економии каде што проверката не постои) + 1 × (економии каде што е делумна) + 1 × (економии каде што не е утврдена: празнина што треба да се провери, а не знак дека сè е во ред) + 1 × (наоди за фазата, вклучително и оние изнесени на настани)
regional-priorities-table = Фази и теми рангирани според формулата погоре
regional-annex = Прилог со податоци
regional-annex-table = Секоја користена бројка, како што е објавена
regional-col-indicator-unit-measure = Индикатор (единица; мерка)
regional-annex-note = Мерка: тек (издадено во периодот), состојба (важечко на одреден ден) или квота (утврдената горна граница). Секоја бројка е според дефиницијата на својот индикатор; ниедна не се додава на друга.
regional-shared = Заеднички ранливости
regional-shared-none = Нема заедничка ранливост.
regional-gaps = Процедурални празнини
regional-gaps-none = Нема процедурална празнина.
regional-trends = Општи трендови
regional-trends-none = Нема тренд над праговите.
regional-as-reported = Западен Балкан (како што известува изворот)
regional-outcome-validated = потврдено
regional-outcome-amended-to = изменето: { $text }
regional-outcome-amended = изменето
regional-outcome-dropped = отфрлено
regional-outcome-none = не е изнесено пред делегациите
regional-priority-area = Приоритетна област: { $stage }
regional-amended-to = { $item } — изменето во: { $text }
regional-validation = Потврдување од делегациите
regional-validation-intro = Делегациите на економиите ги оценија наодите и приоритетните области изнесени во вежба за потврдување (Делфи консензус; правилото и круговите се во записот на вежбата). Наоди: потврдени { $findings_validated }, изменети { $findings_amended }, отфрлени { $findings_dropped }. Приоритетни области: потврдени { $priorities_validated }, изменети { $priorities_amended }, отфрлени { $priorities_dropped }. Потврдените и изменетите наоди се прикажани погоре во договорената формулација без ознака за нацрт; отфрлените повеќе не влијаат на приоритетите.
regional-validation-amended = Изменети од делегациите
regional-validation-dropped = Отфрлени од делегациите
regional-inflows = Приливи — споредба
regional-inflows-intro = Во регионот, како што е објавено: { $figures }. Ова се збирови на национални бројки со различни дефиниции што ги направиле самите извори, а не усогласена статистика.
regional-latest-table = Најновата бројка на секоја економија, според сопствената дефиниција
regional-col-latest = Најнова бројка
regional-col-counts = Што брои
regional-col-source-confidence = Извор; веродостојност
regional-no-figure = нема објавена бројка (празнина)
regional-latest-note = Бројките се разликуваат по тоа што бројат (дозволи, единствени дозволи, дозволи за престој заради работа, лица) и по периодот; го покажуваат редот на големина на секоја економија и не треба да се рангираат или собираат. Дефинициите се во извештајот на секоја економија и во прилогот со податоци.
regional-series-table = Секоја објавена серија, по економии
regional-col-totals = Вкупно по периоди
regional-series-note = Квотите се горни граници што ги утврдуваат владите, а не приливи; состојбите ги бројат дозволите важечки на одреден ден.
regional-no-breakdown = нема објавена распределба по државјанство (празнина)
regional-origins-table = Од каде доаѓаат работниците: главните државјанства, каде што е објавена распределба
regional-col-series-period = Серија и период
regional-col-citizenships = Главни државјанства
regional-origins-note = Уделите се земаат само од распределби што опфаќаат 95–105 % од вкупниот број; другите распределби се наведени со бројките. Наведени се { $n } најбројни.
regional-pathways-compared = Законски патишта — споредба
regional-pathways-table = Законски патишта за странски работници, по економии
regional-col-pathways-recorded = Евидентирани патишта
regional-col-single-permit = Единствена дозвола
regional-pathways-note = Патиштата, правните основи и изворите на секоја економија се во нејзиниот извештај.
regional-agencies-compared = Агенции за вработување — споредба
regional-agencies-table = Уредување на агенциите за вработување, по економии
regional-col-abuses = Документирани злоупотреби
regional-none-recorded = ниедна не е евидентирана
regional-matrix-desc = { $rows } редови и { $columns } колони; секоја ќелија го дава статусот со зборови
regional-scores-desc = Оценки од 0 до 100 по димензии и економии; табелата до неа ги дава бројките
