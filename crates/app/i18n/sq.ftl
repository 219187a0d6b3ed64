# Fjalët e dokumenteve të Pathways (dokumentet e ekonomive, analiza rajonale), në shqip.
# Draft përkthimi.

## Values and sources

doc-yes = po
doc-no = jo
doc-confidence-high = e lartë
doc-confidence-medium = mesatare
doc-confidence-low = e ulët
doc-cite-confidence = ; besueshmëria { $confidence }
doc-said-with-source = { $said } (Burimi: { $source }.)
doc-sources-differ = Burimet ndryshojnë. { $denies } ({ $denies_source }) — por { $reports } ({ $reports_source }).
doc-not-established = E pavërtetuar:
doc-looked-in = Kërkuar pa rezultat në: { $place }
doc-finding-draft = { $text } (draft, ende e pavalidur)
doc-flag-estimate = vlerësim
doc-flag-provisional = e përkohshme
doc-flag-break = ndërprerje e serisë
doc-and-list = { $init } dhe { $last }
doc-not-recorded = e paregjistruar
doc-unknown-date = një datë e panjohur
doc-total = Gjithsej
doc-women = Gra
doc-men = Burra
doc-month = { $month ->
    [1] janar
    [2] shkurt
    [3] mars
    [4] prill
    [5] maj
    [6] qershor
    [7] korrik
    [8] gusht
    [9] shtator
    [10] tetor
    [11] nëntor
   *[12] dhjetor
}
doc-level-complete = e plotë
doc-level-partial = e pjesshme
doc-level-absent = mungon
doc-level-none = pa prova
doc-level-not-established = e pavërtetuar
doc-measure-flow = fluks
doc-measure-stock = gjendje
doc-measure-quota = kuotë
doc-measure-register = nga regjistri i kontrollit
doc-dimension-score = { $score } ({ $with } nga { $of } tregues me prova)
doc-dimension-withheld = nuk jepet: vetëm { $with } nga { $of } tregues me prova
doc-yes-of-pathways = po ({ $yes } nga { $n } rrugë)
doc-yes-of-regulations = po ({ $yes } nga { $n } rregullore)
doc-origins-partial = { $named } — ndarja përbën { $share } të totalit ({ $why }); nuk nxirren përqindje
doc-origins-other-series = mund të numërojë një seri tjetër
doc-origins-partial-breakdown = ndarje e pjesshme
doc-none = asnjë

## What the sources say, theme by theme

doc-check-complete = { $check }: e parashikuar me ligj dhe e zbatuar në çdo rast.
doc-check-partial = { $check }: ekziston, por e kufizuar me ligj ose në praktikë.
doc-check-absent = { $check }: një kontroll i tillë nuk ekziston.
doc-check-unknown = { $check }: nuk është vërtetuar nëse dhe si bëhet.
doc-a-consultation = një konsultim
doc-answer-citation = Përgjigje e pikës së kontaktit, { $round }
doc-movement-yes = Pika e kontaktit raporton prova se mbajtësit e lejeve lëvizin më tej në mënyrë të parregullt drejt BE-së
doc-movement-cases = { " " }({ $n } raste të njohura në 12 muajt e fundit)
doc-movement-routes = ; rrugët dhe modelet: { $routes }
doc-movement-no = Pika e kontaktit nuk raporton prova se mbajtësit e lejeve lëvizin më tej në mënyrë të parregullt drejt BE-së.
doc-movement-unknown = Pika e kontaktit nuk e di nëse mbajtësit e lejeve lëvizin më tej në mënyrë të parregullt drejt BE-së.
doc-coo-yes = Pika e kontaktit raporton marrëveshje me vendet e origjinës.
doc-coo-yes-with = Pika e kontaktit raporton marrëveshje me: { $countries }.
doc-coo-no = Pika e kontaktit nuk raporton asnjë marrëveshje me ndonjë vend origjine.
doc-coo-unknown = Pika e kontaktit nuk di për marrëveshje me vendet e origjinës.

## Table columns

doc-col-institution = Institucioni
doc-col-kind = Lloji
doc-col-stages = Fazat
doc-col-mandate = Mandati
doc-col-from = Nga
doc-col-to = Te
doc-col-description = Përshkrimi
doc-col-pathway = Rruga
doc-col-type = Tipi
doc-col-legal-basis = Baza ligjore
doc-col-quota = Kuota
doc-col-lmt = Testi i tregut të punës
doc-col-employer-change = Ndryshimi i punëdhënësit
doc-col-processing-time = Afati i shqyrtimit
doc-col-period = Periudha
doc-col-breakdown = Ndarja
doc-col-value = Vlera
doc-col-note = Shënim
doc-col-source = Burimi
doc-col-source-date = Data e burimit; besueshmëria
doc-col-responsible = Përgjegjësi
doc-col-mode = Digjitale apo në letër
doc-col-scope = Fushëveprimi
doc-col-authority = Autoriteti
doc-col-licensing = Licencimi
doc-col-public-register = Regjistri publik
doc-col-fees-banned = Tarifat për punëtorët të ndaluara
doc-col-notes = Shënime
doc-col-dimension = Dimensioni
doc-col-score = Pikët
doc-col-indicator = Treguesi
doc-col-question = Pyetja
doc-col-level = Niveli
doc-col-evidence = Provat
doc-col-abbreviation = Shkurtesa
doc-col-in-full = Emri i plotë
doc-col-country-of-origin = Vendi i origjinës
doc-col-system = Sistemi
doc-col-what-it-does = Çfarë bën
doc-col-wb-meaning = Çfarë do të thotë për Ballkanin Perëndimor

## Abbreviations and the publication

doc-abbreviations = Shkurtesat
doc-abbreviations-table = Shkurtesat e përdorura në këtë dokument
doc-about = Rreth këtij botimi
doc-abbr-coo = VO
doc-abbr-coo-full = vendi i origjinës
doc-abbr-eu = BE
doc-abbr-eu-full = Bashkimi Evropian
doc-abbr-etf = ETF
doc-abbr-etf-full = Fondacioni Evropian i Trajnimit
doc-abbr-etias = ETIAS
doc-abbr-etias-full = Sistemi Evropian i Informacionit dhe Autorizimit të Udhëtimit
doc-abbr-ilo = ONP
doc-abbr-ilo-full = Organizata Ndërkombëtare e Punës
doc-abbr-iom = IOM
doc-abbr-iom-full = Organizata Ndërkombëtare për Migracionin
doc-abbr-isco = ISCO
doc-abbr-isco-full = Klasifikimi Ndërkombëtar Standard i Profesioneve
doc-abbr-mou = MM
doc-abbr-mou-full = memorandum mirëkuptimi
doc-abbr-nace = NACE
doc-abbr-nace-full = Klasifikimi statistikor i veprimtarive ekonomike në Komunitetin Evropian
doc-abbr-og = FZ
doc-abbr-og-full = Fletorja Zyrtare
doc-abbr-vis = VIS
doc-abbr-vis-full = Sistemi i Informacionit për Vizat

## The country paper

paper-title = { $name }: migracioni i punës i shtetasve të vendeve të treta
paper-subtitle = Dokument për ekonominë — hartëzimi i kontrollit dhe i bashkëpunimit me vendet e origjinës
paper-summary = Përmbledhje ekzekutive
paper-summary-intro = Çfarë tregojnë provat për { $name }, temë pas teme; çdo pikë zhvillohet, me burimet e saj, në seksionet që vijojnë. Gjetjet rajonale që kanë të bëjnë me { $name } renditen te Gjetjet kryesore.
paper-summary-origins = Nga vijnë punëtorët: { $origins } ({ $series }, { $period }).
paper-summary-no-origins = Nuk është publikuar ndarje e shifrave për { $name } sipas shtetësisë: nga cilat vende origjine vijnë punëtorët dihet vetëm nga regjistrimet e praktikave dhe raportet e cituara më poshtë.
paper-summary-coo = Bashkëpunimi me vendet e origjinës: { $said }
paper-summary-coo-silent = Asnjë burim që kemi nuk raporton për marrëveshje ose kanale verifikimi me vendet e origjinës për { $name } (boshllëk në prova).
paper-summary-onward = Lëvizja e mëtejshme: { $said }
paper-summary-onward-silent = Asnjë burim që kemi nuk raporton për lëvizjen e mëtejshme të mbajtësve të lejeve për { $name } (boshllëk në prova).
paper-sources-disagree = Burimet nuk pajtohen: { $reports } — ndërsa { $denies }
paper-further-sources = { $n ->
    [one] edhe { $n } burim më poshtë
   *[other] edhe { $n } burime më poshtë
}
paper-scale-none = Nuk është gjetur asnjë shifër e publikuar për punëtorët e huaj në { $name } (boshllëk në prova).
paper-scale = Shkalla: { $label } — { $value } në { $period } ({ $measure }; besueshmëri { $confidence }).
paper-scale-was = Në { $period } ishte { $value }.
paper-series-break = Ndërprerje e serisë: „{ $new }”{ $from } zëvendësoi „{ $old }”{ $last }; të dyja ndjekin përkufizime të ndryshme dhe nuk lexohen si një prirje e vetme.
paper-series-break-from = { " " }(nga { $period })
paper-series-break-last = { " " }(raportuar për herë të fundit për { $period })
paper-pathways-none = Rrugët ligjore: asnjë e regjistruar (boshllëk në prova).
paper-pathways-summary = Rrugët ligjore: { $n } të regjistruara ({ $kinds }); { $single }. Zbatohet kuotë: { $quota }; test i tregut të punës: { $lmt }; lejohet ndryshimi i punëdhënësit: { $change }.
paper-pathways-single = ekziston leja unike për qëndrim dhe punë
paper-pathways-no-single = nuk është regjistruar leje unike për qëndrim dhe punë
paper-stages = Kontrolli, fazë pas faze: kontrolli është { $parts }.
paper-stages-at = { $status } në: { $stages }
paper-stages-complete = i plotë (me ligj dhe i zbatuar)
paper-stages-unknown = i pavërtetuar nga asnjë burim (boshllëk për t'u verifikuar)
paper-agencies-none = Agjencitë e rekrutimit: nuk është regjistruar si rregullohen (boshllëk në prova).
paper-agencies-summary = Agjencitë e rekrutimit: { $licensing } Regjistër publik i agjencive të licencuara: { $register }; tarifat e ngarkuara punëtorëve të ndaluara: { $fees }.
paper-agencies-no-licensing = licencimi nuk është regjistruar.
paper-measure-flow = { $unit } të lëshuara ose të numëruara në periudhë
paper-measure-stock = { $unit } të vlefshme në një datë (gjendje)
paper-measure-quota = një tavan për { $unit } i caktuar paraprakisht, jo fluks
paper-measure-register = { $unit }, të llogaritura nga regjistri i kontrollit

paper-method = Metoda dhe kufizimet
paper-method-confidence = { $high } me besueshmëri të lartë, { $medium } mesatare, { $low } të ulët
paper-method-intro = Dokumenti mbështetet në { $records ->
    [one] { $records } regjistrim
   *[other] { $records } regjistrime
} të hartës së programit, secili duke cituar burimin publik që lexuesi mund ta hapë (ligj, fletore zyrtare, faqe ministrie, raport ose shtyp), me datën dhe besueshmërinë tonë në të ({ $confidence }):
paper-method-records = institucione: { $institutions }, marrëdhënie ndërmjet institucioneve: { $relationships }, rrugë ligjore: { $pathways }, praktika kontrolli: { $practices }, rregullore për agjencitë e rekrutimit: { $regulations } dhe shifra të publikuara: { $figures };
paper-method-answers = përgjigjet e miratuara të pikës së kontaktit në pyetësorin e hartëzimit ({ $source })
paper-method-no-answers = ende asnjë përgjigje e miratuar e pikës së kontaktit në pyetësorin e hartëzimit
paper-method-events = { $n ->
    [0] ende asnjë gjetje e ngritur në konsultime ose seminare.
    [one] { $n } gjetje e ngritur në konsultime dhe seminare.
   *[other] { $n } gjetje të ngritura në konsultime dhe seminare.
}
paper-method-reading = Për çdo fazë dhe temë, të gjitha burimet lexohen së bashku: çfarë dihet (me burimin e saj), çfarë kundërshtojnë burimet dhe çfarë nuk vërteton asnjë burim. Pohimi se asgjë nuk raportohet shfaqet vetëm kur asnjë burim i çfarëdo lloji nuk raporton asgjë. Çdo tregues i kornizës së vlerësimit vlerësohet si i plotë, i pjesshëm ose mungon nga ato prova; një tregues pa prova raportohet si i tillë, kurrë si mungesë, dhe pikët e një dimensioni nuk jepen kur më pak se gjysma e treguesve të tij kanë prova.
paper-method-as-of = Provat deri më { $date }: data e burimit më të ri; ndryshimet e mëvonshme nuk pasqyrohen.
paper-method-figures = Shifrat jepen siç i publikojnë burimet, secila sipas përkufizimit të vet (fluks, gjendje ose kuotë); shifrat me përkufizime të ndryshme nuk mblidhen kurrë, kuotat janë tavane dhe jo flukse, dhe përqindjet nxirren vetëm nga ndarjet që përbëjnë totalin e tyre.
paper-method-all-sourced = Çdo fazë dhe temë ka të paktën një burim që e përshkruan.
paper-method-unknown = Asnjë burim nuk vërteton si { $n ->
    [one] kryhet faza
   *[other] kryhen fazat
} { $stages }: këto janë boshllëqe në prova për t'u verifikuar, jo gjetje mungese.
paper-method-drafts = Gjetjet janë draft derisa delegacionet e ekonomive t'i validojnë; një gjetje e validuar, e ndryshuar ose e hequr shënohet si e tillë.

paper-context = Konteksti dhe shifrat
paper-context-intro = Në { $name }, { $n ->
    [one] { $n } institucion i regjistruar merr
   *[other] { $n } institucione të regjistruara marrin
} pjesë në pranimin dhe kontrollin e punëtorëve të huaj.
paper-context-no-decider = Nuk është regjistruar cili institucion vendos për lejet.
paper-context-decider = Vendimi për lejen i takon: { $institutions }.
paper-context-demand = Kërkesën për fuqi punëtore e vlerëson: { $institutions }.
paper-context-latest = { $label }: { $value } në { $period } — { $measure } (publikuar { $published }; besueshmëri { $confidence }).
paper-context-latest-intro = Shifra më e fundit e secilës seri të publikuar për { $name }:
paper-context-no-figure = Për këtë ekonomi nuk është publikuar asnjë shifër për punëtorët e huaj (boshllëk në prova).
paper-context-note = Çdo shifër paraqitet sipas treguesit dhe përkufizimit të vet; shifrat me përkufizime të ndryshme nuk mblidhen kurrë.

paper-institutions = Struktura institucionale
paper-network-caption = Harta e aktorëve: marrëdhëniet ndërmjet institucioneve në { $name }
paper-network-title = Marrëdhëniet ndërmjet institucioneve në { $name }
paper-network-definition = Institucionet e ekonomisë (dhe institucionet e jashtme me të cilat lidhen), të lidhura me shkëmbim të dhënash, marrëveshje, mbikëqyrje, referim, bashkëpunim ose pëlqim, siç janë regjistruar me burimet e tyre.
paper-grid = Rrjeta fuqi / interes
paper-grid-keep-satisfied = mbaji të kënaqur
paper-grid-manage-closely = menaxho nga afër
paper-grid-monitor = monitoro
paper-grid-keep-informed = mbaji të informuar
paper-grid-interest = interesi
paper-grid-power = fuqia
paper-grid-definition = Fuqia dhe interesi në një shkallë 1–5 (vlerësim i analistëve), si në rrjetën e Mendelow.
paper-institutions-table = Institucionet dhe mandatet e tyre
paper-relationships-table = Marrëdhëniet ndërmjet institucioneve
paper-pathways = Rrugët ligjore
paper-pathways-table = Rrugët ligjore për punëtorët e huaj
paper-inflows = Fluksi i punëtorëve të huaj
paper-series-definition = Përkufizimi ({ $measure }): { $definition }
paper-partial-breakdown = Ndarja sipas shtetësisë për { $period } përbën { $share } të totalit: ndarje e pjesshme, nga e cila nuk nxirren përqindje.
paper-no-figure = Për këtë ekonomi nuk është gjetur asnjë shifër (boshllëk në prova).
paper-screening = Kontrolli dhe verifikimi, fazë pas faze
paper-stage-silent = Asnjë burim që kemi nuk e përshkruan këtë fazë (boshllëk në prova).
paper-check-table = Si organizohet kontrolli
paper-agencies = Roli i agjencive të rekrutimit
paper-agencies-table = Rregullimi i agjencive të rekrutimit
paper-coo = Bashkëpunimi me vendet e origjinës
paper-coo-channels = Marrëveshjet, lidhjet dhe kanalet e verifikimit
paper-coo-pre-departure = Verifikimi në vendin e origjinës para nisjes
paper-coo-silent = Asnjë burim që kemi nuk e përshkruan këtë për { $name } (boshllëk në prova).
paper-coo-systems = Sistemet e vendeve të origjinës
paper-systems-table = Sistemet e menaxhimit të emigracionit dhe të verifikimit të vendeve të origjinës
paper-systems-note = Vendet e origjinës shtetasit e të cilave shfaqen në shifrat e { $name }, ose regjistrimet e sistemeve të të cilave e përmendin.
paper-challenges = Sfidat institucionale
paper-challenges-none = Nuk është identifikuar asnjë sfidë institucionale.
paper-secondary = Modelet e migracionit dytësor
paper-secondary-intro = Nëse mbajtësit e lejeve lëvizin më tej në mënyrë të parregullt, kryesisht drejt BE-së: çfarë raportojnë regjistrimet e fazës së daljes, përgjigjet e pikës së kontaktit dhe konsultimet.
paper-secondary-silent = Asnjë burim që kemi — regjistrime praktikash, statistika, përgjigje në pyetësor ose konsultime — nuk raporton për lëvizjen e mëtejshme nga { $name }.
paper-gaps = Boshllëqet
paper-gaps-intro = Çfarë mungon në { $name }, në dy lista të ndara: boshllëqet në politika dhe praktikë, të cilave u përgjigjen rekomandimet, dhe boshllëqet në provat tona, që janë pyetje për institucionet e ekonomisë para se të nxirret ndonjë përfundim.
paper-gaps-policy = Boshllëqet në politika dhe praktikë
paper-gaps-policy-none = Asnjë kontroll nuk është regjistruar si mungesë ose i pjesshëm, dhe asnjë tregues si mungesë.
paper-gaps-evidence = Boshllëqet në prova
paper-gaps-evidence-none = Çdo fazë ka një burim dhe çdo tregues ka prova.
paper-gap-absent = { $stage }: { $check } — një kontroll i tillë nuk ekziston.
paper-gap-partial = { $stage }: { $check } — ekziston, por i kufizuar me ligj ose në praktikë.
paper-gap-unknown = { $stage }: asnjë burim nuk vërteton nëse dhe si kontrollohet.
paper-gap-unknown-looked = { $stage }: asnjë burim nuk vërteton nëse dhe si kontrollohet (kërkuar në: { $looked }).
paper-gap-indicators-no = Tregues me përgjigje „jo” sipas provave që kemi ({ $n } nga { $total }): { $indicators }.
paper-gap-indicators-unknown = Tregues ende pa prova ({ $n } nga { $total }): { $indicators }.
paper-key = Gjetjet kryesore, praktikat e mira dhe rekomandimet
paper-key-findings = Gjetjet kryesore
paper-key-findings-none = Ende asnjë gjetje.
paper-good-practices = Praktikat e mira
paper-good-practices-none = Asnjë praktikë nuk është regjistruar si e plotë.
paper-recommendations = Rekomandimet
paper-recommendations-intro = Veprime nga katalogu i ndërhyrjeve të programit që u përgjigjen treguesve më të dobët të kësaj ekonomie, secili me institucionin me mandat në fazën që prek. Ato janë propozime që delegacionet t'i validojnë, jo angazhime.
paper-recommendations-none = Asnjë tregues nuk mungon, nuk është i pjesshëm ose pa prova: nuk propozohet asnjë veprim.
paper-recommendation = { $title }. { $description } Përgjegjës: { $responsible }. U përgjigjet: { $stages }; matet me „{ $indicator }” (sot: { $today }).
paper-recommendation-no-lead = asnjë institucion nuk është regjistruar me mandat në këto faza (për t'u caktuar)
paper-scores = Pikët e treguesve
paper-scores-dimensions = Pikët sipas dimensionit (0–100)
paper-scores-dimensions-note = Mesatarja e treguesve të dimensionit që kanë prova (mungon 0, e pjesshme 50, e plotë 100); nuk jepet kur më pak se gjysma e tyre kanë prova, sepse një pikë e tillë tregon më shumë për boshllëqet e hartës sonë sesa për ekonominë.
paper-scores-indicators = Treguesit (i plotë, i pjesshëm, mungon ose pa prova)
paper-scores-indicators-note = Ekonomitë krahasohen tregues pas treguesi, nuk renditen.
paper-sources = Burimet
paper-source-facts = { $source } ({ $n ->
    [one] { $n } fakt
   *[other] { $n } fakte
})

## Around the text (cover, running heads, annex)

doc-label-kicker = Pathways · Qeverisja e migracionit të punës në Ballkanin Perëndimor
doc-label-contents = Përmbajtja
doc-label-draft = Draft
doc-label-draft-note = Jo përfundimtar: ajo mbi të cilën mbështetet nuk është ende e gjitha e validuar nga delegacionet e ekonomive.
doc-label-evidence-as-of = Provat deri më
doc-label-generated = Gjeneruar nga Pathways nga provat aktuale; çdo shifër mban burimin dhe përkufizimin e saj.
doc-label-notes = Shënime
doc-label-compared = Ekonomitë krahasohen, nuk renditen kurrë: pikët tregojnë ku një praktikë mungon, është e pjesshme ose e plotë, secila e gjurmueshme deri te provat e saj.
doc-label-page = Faqja
doc-label-of = nga
doc-label-about-sheet = Rreth
doc-label-data-sheet = Të dhënat
doc-data-economy = Ekonomia
doc-data-measure = Masa
doc-data-unit = Njësia
doc-data-period-code = Periudha (siç është regjistruar)
doc-data-citizenship = Shtetësia
doc-data-sector = Sektori
doc-data-sex = Gjinia
doc-data-flag = Shënja
doc-data-source-date = Data e burimit
doc-data-confidence = Besueshmëria
doc-data-definition = Përkufizimi

## Units of the indicators

doc-unit-agencies = agjenci
doc-unit-applications = aplikime
doc-unit-days = ditë
doc-unit-decisions = vendime
doc-unit-declarations = deklarata
doc-unit-opinions = mendime
doc-unit-permits = leje
doc-unit-persons = persona
doc-unit-reports = raporte
doc-unit-requests = kërkesa

## Said only in a translated paper

paper-method-language = Regjistrimet e hartës (emrat e institucioneve, mandatet, përshkrimet e praktikave, burimet), gjetjet dhe provat pas pikëve të çdo treguesi citohen siç janë regjistruar, në anglisht; titujt, tabelat, grafikët dhe teksti rreth tyre janë në gjuhën e këtij dokumenti.

## Notifications and their e-mails, in each recipient's language

notice-query-subject = Pyetje nga { $from } për një nga regjistrimet tuaja, afati { $due }
notice-query = Autoriteti i lejeve i { $from } gjeti se një nga regjistrimet e ekonomisë suaj mund të jetë i njëjti person me një aplikues të tyre (ngjashmëria Dice { $dice }) dhe pyet çfarë mund t'u thoni deri më { $due }.
notice-query-overdue-subject = Afati kaloi: pyetje nga { $from }, afati { $due }
notice-query-overdue = Pyetja e { $from } për një nga regjistrimet tuaja kishte afat { $due } dhe ende nuk ka përgjigje.
notice-verify-subject = Kërkesë për verifikim nga { $from }: { $what }, afati { $due }
notice-verify = Autoriteti i lejeve i { $from } i kërkon autoritetit tuaj të verifikojë: { $what }, deri më { $due }.
notice-verify-overdue-subject = Afati kaloi: kërkesë për verifikim nga { $from }, afati { $due }
notice-verify-overdue = Kërkesa e { $from } për verifikim (objekti: { $what }) kishte afat { $due } dhe ende nuk ka përgjigje.
notice-answered-subject = { $country } iu përgjigj një kërkese për verifikim: { $said }
notice-answered = { $country } iu përgjigj kërkesës suaj për verifikim (objekti: { $what }): { $said }.
notice-unanswered-subject = Afati kaloi: { $country } nuk i është përgjigjur kërkesës suaj, afati { $due }
notice-unanswered = { $country } nuk i është përgjigjur kërkesës suaj për verifikim (objekti: { $what }), afati { $due }; pikave të saj të kontaktit iu kujtua.
notice-verify-demand_letter = letra e kërkesës (oferta e punës)
notice-verify-agency_licence = licenca e agjencisë
notice-verify-emigration_clearance = leja e emigrimit
notice-verify-police_clearance = vërtetimi i gjendjes penale
notice-verify-qualification = kualifikimi
notice-verify-identity = identiteti
notice-outcome-confirmed = e konfirmuar
notice-outcome-not_confirmed = e pakonfirmuar
notice-outcome-cannot_verify = nuk mund të verifikohet
notice-action-drafted = Një veprim i udhërrëfyesit „{ $title }” u hartua për { $economy }: shihni për çfarë do të raportoni.
notice-action-changed = Një veprim i udhërrëfyesit „{ $title }” u ndryshua për { $economy }: shihni për çfarë do të raportoni.
notice-progress = { $economy } raportoi përparim për „{ $title }”: { $status }.
notice-progress-region = Rajoni raportoi përparim për „{ $title }”: { $status }.
notice-status-not_started = pa filluar
notice-status-limited = i kufizuar
notice-status-substantial = i konsiderueshëm
notice-status-complete = i përfunduar
notice-status-none = nuk ka prova të disponueshme
notice-round-open = Raundi { $round } i „{ $title }” është i hapur: ju lutemi vlerësoni elementet.
notice-round-closed-all = Raundi { $round } i „{ $title }” u mbyll: për çdo element është vendosur; shihni rezultatet.
notice-round-closed = Raundi { $round } i „{ $title }” u mbyll: elemente me konsensus: { $agreed }; kalojnë në raundin tjetër: { $open }.
notice-exercise-closed = „{ $title }” u mbyll: të validuara { $validated }, të ndryshuara { $amended }, të hequra { $dropped }; shihni rezultatet.
notice-round-reminder = Kujtesë: raundi { $round } i „{ $title }” pret vlerësimet tuaja.
notice-response-submitted = { $economy } dorëzoi përgjigjen e saj për „{ $round }”: pret shqyrtimin tuaj.
notice-response-sent-back = Përgjigja juaj për „{ $round }” u kthye me komente: shihni çfarë duhet rregulluar.
notice-response-approved = Përgjigja juaj për „{ $round }” u miratua.
notice-response-rejected = Përgjigja juaj për „{ $round }” u refuzua.
notice-response-draft = Përgjigja juaj për „{ $round }” është sërish draft: mund ta ndryshoni.

## The regional comparative analysis

regional-title = Migracioni i punës i shtetasve të vendeve të treta në Ballkanin Perëndimor
regional-subtitle = Analizë krahasuese rajonale e kontrollit dhe e bashkëpunimit me vendet e origjinës
regional-summary-intro = Kjo analizë krahason si { $economies } pranojnë dhe kontrollojnë punëtorët e huaj nga vendet e treta, fazë pas faze, mbi { $n } tregues në gjashtë dimensione, dhe paraqet dobësitë e përbashkëta, boshllëqet procedurale, prirjet ndërsektoriale, fushat prioritare për ndërhyrje të synuara dhe rekomandimet. Çfarë tregojnë provat në rajon:
regional-summary-note = Ekonomitë krahasohen, nuk renditen. Shifrat paraqiten sipas përkufizimeve të tyre dhe nuk mblidhen kurrë ndërmjet ekonomive.
regional-scale = Shkalla: lejet e punës për punëtorët e huaj në rajon shkuan nga { $figures }, siç i raportojnë burimet e tyre — shuma të shifrave kombëtare me përkufizime të ndryshme, të cituara në krahasimin e flukseve pranë shifrës më të fundit të çdo ekonomie sipas përkufizimit të vet.
regional-figure-in = { $figure } në { $period }
regional-figure-to = { " " }në{ " " }
regional-origins-none = Origjina: { $n } nga gjashtë ekonomitë publikojnë ndarje sipas shtetësisë; asnjë shtetësi nuk është ndër më të mëdhatë në dy prej tyre.
regional-origins = Origjina: { $n } nga gjashtë ekonomitë publikojnë ndarje sipas shtetësisë; ndër më të mëdhatë në dy ose më shumë prej tyre: { $shared }.
regional-weakest = { $stage } (mungon në { $absent }, e pjesshme në { $partial }, e pavërtetuar në { $unknown })
regional-screening = Kontrolli: fazat që kanë më shumë nevojë për ndërhyrje, sipas formulës së prioritetit, janë { $stages }.
regional-coo = Bashkëpunimi me vendet e origjinës: një marrëveshje ose kanal funksional është regjistruar për { $with }; për { $without } asnjë burim nuk e vërteton (boshllëk për t'u verifikuar me ekonomitë).
regional-onward = Lëvizja e mëtejshme: burimet raportojnë se mbajtësit e lejeve lëvizin më tej, kryesisht drejt BE-së, nga: { $moving }.
regional-onward-quiet = Lëvizja e mëtejshme: burimet raportojnë se mbajtësit e lejeve lëvizin më tej, kryesisht drejt BE-së, nga: { $moving }; asnjë burim nuk raporton për këtë për { $quiet }.
regional-facet-yes = po në: { $economies }
regional-facet-no = jo në: { $economies }
regional-facet-unknown = e paregjistruar për { $economies }
regional-facet-quota = Kuota
regional-facet-register = Regjistri publik i agjencive të licencuara
regional-facet-fees = Ndalimi i tarifave të ngarkuara punëtorëve
regional-pathways = Rrugët ligjore dhe agjencitë: leja unike për qëndrim dhe punë ekziston në: { $single }. { $quota }. { $register }. { $fees }.
regional-in-place = ekziston
regional-no-source = Asnjë burim që kemi nuk raporton për këtë (boshllëk në prova).
regional-coo-compared = Bashkëpunimi me vendet e origjinës — krahasim
regional-coo-table = Marrëveshjet, lidhjet dhe verifikimi me vendet e origjinës, sipas ekonomisë
regional-col-check-today = Kontrolli sot
regional-col-sources-say = Çfarë thonë burimet
regional-coo-note = „E pavërtetuar” do të thotë se asnjë burim që kemi nuk e vërteton: boshllëk për t'u verifikuar, jo gjetje mungese.
regional-onward-compared = Lëvizja e mëtejshme — krahasim
regional-onward-table = Lëvizja e mëtejshme e mbajtësve të lejeve dhe zbulimi i saj, sipas ekonomisë
regional-col-sources-report = Çfarë raportojnë burimet
regional-col-detection = Zbulimi në dalje
regional-onward-note = Burimet e çdo ekonomie, me datat e tyre, janë në dokumentin e saj.
regional-recommendation = { $title }. { $description } Prek { $concerns }: { $economies }. U përgjigjet: { $stages }; matet me „{ $indicator }”.
regional-all-six = të gjashtë ekonomitë
regional-some-of-six = { $n } nga gjashtë ekonomitë
regional-recommendations-intro = Veprime nga katalogu i ndërhyrjeve të programit, më të nevojshmet së pari: secili u përgjigjet një treguesi që mungon, është i pjesshëm ose i pavërtetuar në ekonomitë e përmendura. Ato janë propozime që delegacionet t'i validojnë në udhërrëfyesin e përbashkët, jo angazhime.
regional-recommendations-none = Asnjë tregues nuk është i dobët në asnjë ekonomi: nuk propozohet asnjë veprim.
regional-method-intro = Analiza mbështetet në { $records } regjistrime të hartës së programit në gjashtë ekonomitë ({ $figures } prej tyre shifra të publikuara), secili duke cituar burimin publik që lexuesi mund ta hapë me datën dhe besueshmërinë tonë në të, në përgjigjet e miratuara të pikave të kontaktit në pyetësor aty ku një raund është miratuar, dhe në gjetjet e ngritura në konsultime dhe seminare. Provat e çdo ekonomie paraqiten në dokumentin e saj.
regional-method-as-of = Provat deri më { $date }: data e burimit më të ri.
regional-method-compared = Ekonomitë krahasohen, nuk renditen; shifrat ndjekin përkufizimin e çdo burimi dhe nuk mblidhen kurrë ndërmjet ekonomive ose treguesve. Shumat rajonale citohen vetëm siç i japin burimet e tyre.
regional-method-gaps = Një kontroll që asnjë burim nuk e vërteton llogaritet si boshllëk për t'u verifikuar — te dobësitë e përbashkëta, boshllëqet procedurale dhe formula e prioritetit — kurrë si kontroll ekzistues.
regional-method-withheld = Pikët e dimensioneve që mbështeten në më pak se gjysmën e treguesve të tyre nuk jepen.
regional-method-drafts = Gjetjet janë draft derisa delegacionet t'i validojnë në një ushtrim validimi; rezultatet e tij raportohen më poshtë sapo të jetë vendosur.
regional-matrix = Praktikat e kontrollit: fazë × ekonomi
regional-matrix-caption = Statusi i kontrollit në çdo fazë dhe temë, sipas ekonomisë
regional-matrix-title = Fazë × ekonomi
regional-matrix-definition = I plotë: me ligj dhe i zbatuar në çdo rast; i pjesshëm: ekziston, por i kufizuar me ligj ose në praktikë; mungon: nuk ka; i panjohur / pa prova: i pavërtetuar. Praktikat e çdo ekonomie janë regjistruar me burimet e tyre në dokumentin e saj.
regional-matrix-table = Statusi i kontrollit në çdo fazë (i plotë, i pjesshëm, mungon, i panjohur)
doc-col-stage = Faza
doc-level-unknown = e panjohur
regional-scores = Pikët e treguesve sipas dimensionit
regional-scores-caption = Pikët sipas dimensionit dhe ekonomisë (0–100)
regional-scores-title = Pikët sipas dimensionit
regional-scores-definition = Mesatarja e treguesve të dimensionit që kanë prova (mungon 0, e pjesshme 50, e plotë 100), e paraqitur vetëm kur të paktën gjysma e tyre kanë prova. Ekonomitë krahasohen krah për krah, nuk renditen.
regional-scores-table = Pikët mesatare të treguesve me prova (0–100), me numrin e atyre që kanë prova; nuk jepen kur kanë më pak se gjysma
regional-col-stage-or-theme = Faza ose tema
regional-col-absent = Mungon
regional-col-partial = E pjesshme
regional-col-not-established = E pavërtetuar
regional-col-findings = Gjetjet
regional-col-priority = Prioriteti
regional-col-delegations = Delegacionet
regional-priorities = Fushat prioritare për ndërhyrje të synuara
regional-priority-formula = prioriteti = 2 × (ekonomitë ku kontrolli mungon) + 1 × (ekonomitë ku është i pjesshëm) + 1 × (ekonomitë ku është i pavërtetuar: boshllëk për t'u verifikuar, jo shenjë se gjithçka është në rregull) + 1 × (gjetjet për fazën, përfshirë ato të ngritura në ngjarje)
regional-priorities-table = Fazat dhe temat të renditura sipas formulës së mësipërme
regional-annex = Shtojca e të dhënave
regional-annex-table = Çdo shifër e përdorur, siç është raportuar
regional-col-indicator-unit-measure = Treguesi (njësia; masa)
regional-annex-note = Masa: fluks (e lëshuar në periudhë), gjendje (e vlefshme në një datë) ose kuotë (tavani i caktuar). Çdo shifër është sipas përkufizimit të treguesit të vet; asnjë nuk i shtohet një tjetre.
regional-shared = Dobësitë e përbashkëta
regional-shared-none = Asnjë dobësi e përbashkët.
regional-gaps = Boshllëqet procedurale
regional-gaps-none = Asnjë boshllëk procedural.
regional-trends = Prirjet ndërsektoriale
regional-trends-none = Asnjë prirje mbi pragjet.
regional-as-reported = Ballkani Perëndimor (siç raporton burimi)
regional-outcome-validated = e validuar
regional-outcome-amended-to = e ndryshuar: { $text }
regional-outcome-amended = e ndryshuar
regional-outcome-dropped = e hequr
regional-outcome-none = nuk iu paraqit delegacioneve
regional-priority-area = Fushë prioritare: { $stage }
regional-amended-to = { $item } — ndryshuar në: { $text }
regional-validation = Validimi nga delegacionet
regional-validation-intro = Delegacionet e ekonomive vlerësuan gjetjet dhe fushat prioritare që iu paraqitën në një ushtrim validimi (konsensus Delphi; rregulli dhe raundet janë në regjistrin e ushtrimit). Gjetjet: të validuara { $findings_validated }, të ndryshuara { $findings_amended }, të hequra { $findings_dropped }. Fushat prioritare: të validuara { $priorities_validated }, të ndryshuara { $priorities_amended }, të hequra { $priorities_dropped }. Gjetjet e validuara dhe të ndryshuara shfaqen më lart në formulimin e rënë dakord pa shenjën e draftit; të hequrat nuk ndikojnë më në prioritetet.
regional-validation-amended = Të ndryshuara nga delegacionet
regional-validation-dropped = Të hequra nga delegacionet
regional-inflows = Fluksi — krahasim
regional-inflows-intro = Në rajon, siç është raportuar: { $figures }. Këto janë shuma të vetë burimeve të shifrave kombëtare me përkufizime të ndryshme, jo statistikë e harmonizuar.
regional-latest-table = Shifra më e fundit e çdo ekonomie, sipas përkufizimit të vet
regional-col-latest = Shifra më e fundit
regional-col-counts = Çfarë numëron
regional-col-source-confidence = Burimi; besueshmëria
regional-no-figure = asnjë shifër e publikuar (boshllëk)
regional-latest-note = Shifrat ndryshojnë në atë që numërojnë (leje, leje unike, leje qëndrimi për punë, persona) dhe në periudhë; ato tregojnë rendin e madhësisë së çdo ekonomie dhe nuk duhen renditur ose mbledhur. Përkufizimet janë në dokumentin e çdo ekonomie dhe në shtojcën e të dhënave.
regional-series-table = Çdo seri e raportuar, sipas ekonomisë
regional-col-totals = Totalet sipas periudhës
regional-series-note = Kuotat janë tavane të caktuara nga qeveritë, jo flukse; gjendjet numërojnë lejet e vlefshme në një datë.
regional-no-breakdown = asnjë ndarje sipas shtetësisë e publikuar (boshllëk)
regional-origins-table = Nga vijnë punëtorët: shtetësitë kryesore, aty ku publikohet ndarja
regional-col-series-period = Seria dhe periudha
regional-col-citizenships = Shtetësitë kryesore
regional-origins-note = Përqindjet merren vetëm nga ndarjet që përbëjnë 95–105 % të totalit të tyre; ndarjet e tjera përmenden me numrat e tyre. Përmenden { $n } më të mëdhatë.
regional-pathways-compared = Rrugët ligjore — krahasim
regional-pathways-table = Rrugët ligjore për punëtorët e huaj, sipas ekonomisë
regional-col-pathways-recorded = Rrugë të regjistruara
regional-col-single-permit = Leja unike
regional-pathways-note = Rrugët, bazat ligjore dhe burimet e çdo ekonomie janë në dokumentin e saj.
regional-agencies-compared = Agjencitë e rekrutimit — krahasim
regional-agencies-table = Rregullimi i agjencive të rekrutimit, sipas ekonomisë
regional-col-abuses = Abuzime të dokumentuara
regional-none-recorded = asnjë e regjistruar
regional-matrix-desc = { $rows } rreshta me { $columns } kolona; çdo qelizë jep statusin me fjalë
regional-scores-desc = Pikët nga 0 deri në 100 sipas dimensionit dhe ekonomisë; tabela pranë jep numrat
