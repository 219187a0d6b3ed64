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
