# Riječi dokumenata Pathways (izvještaji o ekonomijama, regionalna analiza), bosanski.
# Nacrt prijevoda.

## Values and sources

doc-yes = da
doc-no = ne
doc-confidence-high = visoka
doc-confidence-medium = srednja
doc-confidence-low = niska
doc-cite-confidence = ; pouzdanost { $confidence }
doc-said-with-source = { $said } (Izvor: { $source }.)
doc-sources-differ = Izvori se razlikuju. { $denies } ({ $denies_source }) — ali { $reports } ({ $reports_source }).
doc-not-established = Nije utvrđeno:
doc-looked-in = Traženo bez rezultata u: { $place }
doc-finding-draft = { $text } (nacrt, još nije potvrđeno)
doc-flag-estimate = procjena
doc-flag-provisional = privremeni podatak
doc-flag-break = prekid serije
doc-and-list = { $init } i { $last }
doc-not-recorded = nije evidentirano
doc-unknown-date = nepoznatog datuma
doc-total = Ukupno
doc-women = Žene
doc-men = Muškarci
doc-month = { $month ->
    [1] januar
    [2] februar
    [3] mart
    [4] april
    [5] maj
    [6] jun
    [7] jul
    [8] avgust
    [9] septembar
    [10] oktobar
    [11] novembar
   *[12] decembar
}
doc-level-complete = potpuna
doc-level-partial = djelimična
doc-level-absent = ne postoji
doc-level-none = nema dokaza
doc-level-not-established = nije utvrđeno
doc-measure-flow = tok
doc-measure-stock = stanje
doc-measure-quota = kvota
doc-measure-register = iz registra provjere
doc-dimension-score = { $score } ({ $with } od { $of } indikatora sa dokazima)
doc-dimension-withheld = ne iskazuje se: samo { $with } od { $of } indikatora sa dokazima
doc-yes-of-pathways = da ({ $yes } od { $n } puteva)
doc-yes-of-regulations = da ({ $yes } od { $n } propisa)
doc-origins-partial = { $named } — raščlanjavanje obuhvata { $share } ukupnog broja ({ $why }); udjeli se ne izračunavaju
doc-origins-other-series = možda broji drugu seriju
doc-origins-partial-breakdown = djelimično raščlanjavanje
doc-none = nijedna

## What the sources say, theme by theme

doc-check-complete = { $check }: propisano zakonom i primjenjuje se u svakom slučaju.
doc-check-partial = { $check }: postoji, ali je ograničeno zakonom ili u praksi.
doc-check-absent = { $check }: takva provjera ne postoji.
doc-check-unknown = { $check }: nije utvrđeno da li se i kako provodi.
doc-a-consultation = konsultacije
doc-answer-citation = Odgovor kontakt osobe, { $round }
doc-movement-yes = Kontakt osoba navodi dokaze da se imaoci dozvola neregularno kreću dalje ka EU
doc-movement-cases = { " " }({ $n } poznatih slučajeva u posljednjih 12 mjeseci)
doc-movement-routes = ; pravci i obrasci: { $routes }
doc-movement-no = Kontakt osoba ne navodi dokaze da se imaoci dozvola neregularno kreću dalje ka EU.
doc-movement-unknown = Kontakt osoba ne zna da li se imaoci dozvola neregularno kreću dalje ka EU.
doc-coo-yes = Kontakt osoba navodi aranžmane sa zemljama porijekla.
doc-coo-yes-with = Kontakt osoba navodi aranžmane sa: { $countries }.
doc-coo-no = Kontakt osoba ne navodi nijedan aranžman ni sa jednom zemljom porijekla.
doc-coo-unknown = Kontakt osoba ne zna za aranžmane sa zemljama porijekla.

## Table columns

doc-col-institution = Institucija
doc-col-kind = Vrsta
doc-col-stages = Faze
doc-col-mandate = Nadležnost
doc-col-from = Od
doc-col-to = Ka
doc-col-description = Opis
doc-col-pathway = Put
doc-col-type = Tip
doc-col-legal-basis = Pravni osnov
doc-col-quota = Kvota
doc-col-lmt = Test tržišta rada
doc-col-employer-change = Promjena poslodavca
doc-col-processing-time = Rok obrade
doc-col-period = Period
doc-col-breakdown = Raščlanjavanje
doc-col-value = Vrijednost
doc-col-note = Napomena
doc-col-source = Izvor
doc-col-source-date = Datum izvora; pouzdanost
doc-col-responsible = Odgovorni
doc-col-mode = Digitalno ili papirno
doc-col-scope = Obuhvat
doc-col-authority = Nadležni organ
doc-col-licensing = Licenciranje
doc-col-public-register = Javni registar
doc-col-fees-banned = Zabrana naknada radnicima
doc-col-notes = Napomene
doc-col-dimension = Dimenzija
doc-col-score = Ocjena
doc-col-indicator = Indikator
doc-col-question = Pitanje
doc-col-level = Nivo
doc-col-evidence = Dokazi
doc-col-abbreviation = Skraćenica
doc-col-in-full = Puni naziv
doc-col-country-of-origin = Zemlja porijekla
doc-col-system = Sistem
doc-col-what-it-does = Čemu služi
doc-col-wb-meaning = Značaj za Zapadni Balkan

## Abbreviations and the publication

doc-abbreviations = Skraćenice
doc-abbreviations-table = Skraćenice korišćene u ovom dokumentu
doc-about = O ovoj publikaciji
doc-abbr-coo = ZP
doc-abbr-coo-full = zemlja porijekla
doc-abbr-eu = EU
doc-abbr-eu-full = Evropska unija
doc-abbr-etf = ETF
doc-abbr-etf-full = Evropska fondacija za obuku
doc-abbr-etias = ETIAS
doc-abbr-etias-full = Evropski sistem za informacije o putovanjima i odobrenje putovanja
doc-abbr-ilo = MOR
doc-abbr-ilo-full = Međunarodna organizacija rada
doc-abbr-iom = IOM
doc-abbr-iom-full = Međunarodna organizacija za migracije
doc-abbr-isco = ISCO
doc-abbr-isco-full = Međunarodna standardna klasifikacija zanimanja
doc-abbr-mou = MoU
doc-abbr-mou-full = memorandum o razumijevanju
doc-abbr-nace = NACE
doc-abbr-nace-full = Statistička klasifikacija ekonomskih djelatnosti u Evropskoj zajednici
doc-abbr-og = SG
doc-abbr-og-full = Službeni glasnik
doc-abbr-vis = VIS
doc-abbr-vis-full = Vizni informacioni sistem

## The country paper

paper-title = { $name }: radne migracije državljana trećih zemalja
paper-subtitle = Izvještaj o ekonomiji — mapiranje provjera i saradnje sa zemljama porijekla
paper-summary = Rezime
paper-summary-intro = Šta dokazi o ekonomiji { $name } pokazuju, tema po temu; svaka tačka je razrađena, sa izvorima, u poglavljima koja slijede. Regionalni nalazi koji se tiču ekonomije { $name } navedeni su pod Ključni nalazi.
paper-summary-origins = Odakle radnici dolaze: { $origins } ({ $series }, { $period }).
paper-summary-no-origins = Raščlanjavanje podataka za { $name } po državljanstvu nije objavljeno: iz kojih zemalja porijekla radnici dolaze poznato je samo iz evidencije praksi i izvještaja navedenih u nastavku.
paper-summary-coo = Saradnja sa zemljama porijekla: { $said }
paper-summary-coo-silent = Nijedan izvor kojim raspolažemo ne govori o sporazumima ili kanalima provjere sa zemljama porijekla za { $name } (praznina u dokazima).
paper-summary-onward = Dalje kretanje: { $said }
paper-summary-onward-silent = Nijedan izvor kojim raspolažemo ne govori o daljem kretanju imalaca dozvola za { $name } (praznina u dokazima).
paper-sources-disagree = Izvori se ne slažu: { $reports } — dok { $denies }
paper-further-sources = { $n ->
    [one] još { $n } izvor u nastavku
    [few] još { $n } izvora u nastavku
   *[other] još { $n } izvora u nastavku
}
paper-scale-none = Nije pronađen nijedan objavljen podatak o stranim radnicima za { $name } (praznina u dokazima).
paper-scale = Obim: { $label } — { $value } u periodu { $period } ({ $measure }; pouzdanost { $confidence }).
paper-scale-was = U periodu { $period } iznosio je { $value }.
paper-series-break = Prekid serije: „{ $new }”{ $from } zamijenila je „{ $old }”{ $last }; dvije serije slijede različite definicije i ne čitaju se kao jedan trend.
paper-series-break-from = { " " }(od { $period })
paper-series-break-last = { " " }(posljednji podatak za { $period })
paper-pathways-none = Zakoniti putevi: nijedan nije evidentiran (praznina u dokazima).
paper-pathways-summary = Zakoniti putevi: evidentirano { $n } ({ $kinds }); { $single }. Primjenjuje se kvota: { $quota }; test tržišta rada: { $lmt }; dozvoljena je promjena poslodavca: { $change }.
paper-pathways-single = postoji jedinstvena dozvola za boravak i rad
paper-pathways-no-single = jedinstvena dozvola za boravak i rad nije evidentirana
paper-stages = Provjera, faza po faza: provjera je { $parts }.
paper-stages-at = { $status } u fazama: { $stages }
paper-stages-complete = potpuna (propisana i primijenjena)
paper-stages-unknown = neutvrđena ni u jednom izvoru (praznina koju treba provjeriti)
paper-agencies-none = Agencije za zapošljavanje: način njihovog uređenja nije evidentiran (praznina u dokazima).
paper-agencies-summary = Agencije za zapošljavanje: { $licensing } Javni registar licenciranih agencija: { $register }; zabrana naknada koje se naplaćuju radnicima: { $fees }.
paper-agencies-no-licensing = licenciranje nije evidentirano.
paper-measure-flow = { $unit } izdate ili prebrojane u periodu
paper-measure-stock = { $unit } važeće na određeni dan (stanje)
paper-measure-quota = gornja granica za { $unit } utvrđena unapred, a ne priliv
paper-measure-register = { $unit }, izračunato iz registra provjere

paper-method = Metod i ograničenja
paper-method-confidence = { $high } visoke, { $medium } srednje, { $low } niske pouzdanosti
paper-method-intro = Izvještaj se zasniva na { $records ->
    [one] { $records } zapisu
   *[other] { $records } zapisa
} mape programa, od kojih svaki navodi javni izvor koji čitalac može otvoriti (zakon, službeni glasnik, stranicu ministarstva, izvještaj ili medije), sa datumom i našom procjenom pouzdanosti ({ $confidence }):
paper-method-records = institucije: { $institutions }, odnosi između institucija: { $relationships }, zakoniti putevi: { $pathways }, prakse provjere: { $practices }, propisi o agencijama za zapošljavanje: { $regulations } i objavljeni podaci: { $figures };
paper-method-answers = odobreni odgovori kontakt osobe na upitnik za mapiranje ({ $source })
paper-method-no-answers = još nema odobrenih odgovora kontakt osobe na upitnik za mapiranje
paper-method-events = { $n ->
    [0] još nijedan nalaz nije iznet na konsultacijama ili radionicama.
    [one] { $n } nalaz iznet na konsultacijama i radionicama.
    [few] { $n } nalaza izneta na konsultacijama i radionicama.
   *[other] { $n } nalaza iznetih na konsultacijama i radionicama.
}
paper-method-reading = Za svaku fazu i temu svi izvori se čitaju zajedno: šta je poznato (sa izvorom), u čemu se izvori proturječe i šta nijedan izvor ne utvrđuje. Tvrdnja da ništa nije zabilježeno javlja se samo kada nijedan izvor bilo koje vrste ništa ne navodi. Svaki indikator okvira za procjenu ocjenjuje se iz tih dokaza kao potpun, djelimičan ili nepostojeći; indikator bez dokaza iskazuje se kao takav, nikada kao nepostojeći, a ocjena dimenzije se ne iskazuje kada manje od polovine njenih indikatora ima dokaze.
paper-method-as-of = Dokazi zaključno sa { $date }: datum najnovijeg izvora; kasnije promjene nisu obuhvaćene.
paper-method-figures = Podaci su navedeni onako kako su ih objavili izvori, svaki prema vlastitoj definiciji (tok, stanje ili kvota); podaci različitih definicija se nikada ne sabiraju, kvote su gornje granice a ne prilivi, a udjeli se izračunavaju samo iz raščlanjavanja koja obuhvataju ukupan broj.
paper-method-all-sourced = Svaka faza i tema ima bar jedan izvor koji je opisuje.
paper-method-unknown = Nijedan izvor ne utvrđuje kako se { $n ->
    [one] provodi faza
   *[other] provode faze
} { $stages }: to su praznine u dokazima koje treba provjeriti, a ne nalazi o nepostojanju.
paper-method-drafts = Nalazi su nacrti dok ih delegacije ekonomija ne potvrde; potvrđen, izmenjen ili odbačen nalaz je tako i označen.

paper-context = Kontekst i podaci
paper-context-intro = U ekonomiji { $name } u prijemu i provjeri stranih radnika { $n ->
    [one] učestvuje { $n } evidentirana institucija
    [few] učestvuju { $n } evidentirane institucije
   *[other] učestvuje { $n } evidentiranih institucija
}.
paper-context-no-decider = Nije evidentirano koja institucija odlučuje o dozvolama.
paper-context-decider = O dozvoli odlučuje: { $institutions }.
paper-context-demand = Potražnju za radnom snagom procjenjuje: { $institutions }.
paper-context-latest = { $label }: { $value } u periodu { $period } — { $measure } (objavljeno { $published }; pouzdanost { $confidence }).
paper-context-latest-intro = Najnoviji podatak svake objavljene serije za { $name }:
paper-context-no-figure = Za ovu ekonomiju nije objavljen nijedan podatak o stranim radnicima (praznina u dokazima).
paper-context-note = Svaki podatak je prikazan uz vlastiti indikator i definiciju; podaci različitih definicija se nikada ne sabiraju.

paper-institutions = Institucionalni okvir
paper-network-caption = Mapa zainteresovanih strana: odnosi između institucija u ekonomiji { $name }
paper-network-title = Odnosi između institucija u ekonomiji { $name }
paper-network-definition = Institucije ekonomije (i vanjske institucije sa kojima su povezane), povezane razmjenom podataka, sporazumima, nadzorom, upućivanjem, saradnjom ili saglasnošću, kako je evidentirano sa izvorima.
paper-grid = Mreža moći i interesa
paper-grid-keep-satisfied = održavati zadovoljnim
paper-grid-manage-closely = blisko sarađivati
paper-grid-monitor = pratiti
paper-grid-keep-informed = redovno informisati
paper-grid-interest = interes
paper-grid-power = moć
paper-grid-definition = Moć i interes na skali od 1 do 5 (procjena analitičara), kao u Mendelovoj mreži.
paper-institutions-table = Institucije i njihove nadležnosti
paper-relationships-table = Odnosi između institucija
paper-pathways = Zakoniti putevi
paper-pathways-table = Zakoniti putevi za strane radnike
paper-inflows = Prilivi stranih radnika
paper-series-definition = Definicija ({ $measure }): { $definition }
paper-partial-breakdown = Raščlanjavanje po državljanstvu za { $period } obuhvata { $share } ukupnog broja: djelimično raščlanjavanje, iz kojeg se udjeli ne izračunavaju.
paper-no-figure = Za ovu ekonomiju nije pronađen nijedan podatak (praznina u dokazima).
paper-screening = Provjera i verifikacija, faza po faza
paper-stage-silent = Nijedan izvor kojim raspolažemo ne opisuje ovu fazu (praznina u dokazima).
paper-check-table = Kako je provjera organizovana
paper-agencies = Uloga agencija za zapošljavanje
paper-agencies-table = Uređenje agencija za zapošljavanje
paper-coo = Saradnja sa zemljama porijekla
paper-coo-channels = Sporazumi, veze i kanali provjere
paper-coo-pre-departure = Provjera u zemlji porijekla prije polaska
paper-coo-silent = Nijedan izvor kojim raspolažemo ovo ne opisuje za { $name } (praznina u dokazima).
paper-coo-systems = Sistemi zemalja porijekla
paper-systems-table = Sistemi zemalja porijekla za upravljanje iseljavanjem i provjeru
paper-systems-note = Zemlje porijekla čiji se državljani pojavljuju u podacima za { $name } ili čiji ih sistemi spominju.
paper-challenges = Institucionalni izazovi
paper-challenges-none = Nije utvrđen nijedan institucionalni izazov.
paper-secondary = Obrasci sekundarnih migracija
paper-secondary-intro = Da li se imaoci dozvola neregularno kreću dalje, uglavnom ka EU: šta navode zapisi o fazi izlaska, odgovori kontakt osobe i konsultacije.
paper-secondary-silent = Nijedan izvor kojim raspolažemo — zapisi o praksama, statistika, odgovori na upitnik ili konsultacije — ne govori o daljem kretanju iz ekonomije { $name }.
paper-gaps = Praznine
paper-gaps-intro = Šta nedostaje u ekonomiji { $name }, u dvije odvojene liste: praznine u politikama i praksi, na koje odgovaraju preporuke, i praznine u našim dokazima, a to su pitanja na koja institucije ekonomije treba da odgovore prije izvođenja bilo kakvog zaključka.
paper-gaps-policy = Praznine u politikama i praksi
paper-gaps-policy-none = Nijedna provjera nije evidentirana kao nepostojeća ili djelimična, niti ijedan indikator kao nepostojeći.
paper-gaps-evidence = Praznine u dokazima
paper-gaps-evidence-none = Svaka faza ima izvor i svaki indikator ima dokaze.
paper-gap-absent = { $stage }: { $check } — takva provjera ne postoji.
paper-gap-partial = { $stage }: { $check } — postoji, ali je ograničeno zakonom ili u praksi.
paper-gap-unknown = { $stage }: nijedan izvor ne utvrđuje da li se i kako provjera provodi.
paper-gap-unknown-looked = { $stage }: nijedan izvor ne utvrđuje da li se i kako provjera provodi (traženo u: { $looked }).
paper-gap-indicators-no = Indikatori sa odgovorom „ne” na osnovu dokaza kojima raspolažemo ({ $n } od { $total }): { $indicators }.
paper-gap-indicators-unknown = Indikatori još bez dokaza ({ $n } od { $total }): { $indicators }.
paper-key = Ključni nalazi, dobre prakse i preporuke
paper-key-findings = Ključni nalazi
paper-key-findings-none = Još nema nalaza.
paper-good-practices = Dobre prakse
paper-good-practices-none = Nijedna praksa nije evidentirana kao potpuna.
paper-recommendations = Preporuke
paper-recommendations-intro = Mjere iz kataloga intervencija programa koje odgovaraju na najslabije indikatore ove ekonomije, svaka sa institucijom nadležnom za fazu na koju se odnosi. To su predlozi koje delegacije treba da potvrde, a ne obaveze.
paper-recommendations-none = Nijedan indikator nije nepostojeći, djelimičan ili bez dokaza: ne predlaže se nijedna mjera.
paper-recommendation = { $title }. { $description } Odgovorni: { $responsible }. Odgovara na: { $stages }; mjeri se pitanjem „{ $indicator }” (danas: { $today }).
paper-recommendation-no-lead = nijedna institucija nije evidentirana kao nadležna za ove faze (treba je odrediti)
paper-scores = Ocjene indikatora
paper-scores-dimensions = Ocjene po dimenzijama (0–100)
paper-scores-dimensions-note = Prosjek indikatora dimenzije koji imaju dokaze (ne postoji 0, djelimično 50, potpuno 100); ne iskazuje se kada manje od polovine njih ima dokaze, jer bi takva ocjena više govorila o prazninama naše mape nego o ekonomiji.
paper-scores-indicators = Indikatori (potpun, djelimičan, ne postoji ili bez dokaza)
paper-scores-indicators-note = Ekonomije se upoređuju indikator po indikator, a ne rangiraju.
paper-sources = Izvori
paper-source-facts = { $source } ({ $n ->
    [one] { $n } podatak
    [few] { $n } podatka
   *[other] { $n } podataka
})

## Around the text (cover, running heads, annex)

doc-label-kicker = Pathways · Upravljanje radnim migracijama na Zapadnom Balkanu
doc-label-contents = Sadržaj
doc-label-draft = Nacrt
doc-label-draft-note = Nije konačno: sve na čemu se zasniva još nisu potvrdile delegacije ekonomija.
doc-label-evidence-as-of = Dokazi zaključno sa
doc-label-generated = Izradio Pathways iz aktuelnih dokaza; svaki podatak nosi svoj izvor i definiciju.
doc-label-notes = Napomene
doc-label-compared = Ekonomije se upoređuju, nikada ne rangiraju: ocjene pokazuju gdje je praksa nepostojeća, djelimična ili potpuna, i svaka se može pratiti do svojih dokaza.
doc-label-page = Stranica
doc-label-of = od
doc-label-about-sheet = O dokumentu
doc-label-data-sheet = Podaci
doc-data-economy = Ekonomija
doc-data-measure = Mjera
doc-data-unit = Jedinica
doc-data-period-code = Period (kako je zabilježen)
doc-data-citizenship = Državljanstvo
doc-data-sector = Sektor
doc-data-sex = Pol
doc-data-flag = Oznaka
doc-data-source-date = Datum izvora
doc-data-confidence = Pouzdanost
doc-data-definition = Definicija

## Units of the indicators

doc-unit-agencies = agencije
doc-unit-applications = zahtevi
doc-unit-days = dani
doc-unit-decisions = odluke
doc-unit-declarations = prijave
doc-unit-opinions = mišljenja
doc-unit-permits = dozvole
doc-unit-persons = lica
doc-unit-reports = izvještaji
doc-unit-requests = zahtevi

## Said only in a translated paper

paper-method-language = Zapisi mape (nazivi institucija, nadležnosti, opisi praksi, izvori), nalazi i dokazi na kojima počiva ocjena svakog indikatora navode se onako kako su evidentirani, na engleskom; naslovi, tabele, grafikoni i tekst oko njih su na jeziku ovog izvještaja.

## Notifications and their e-mails, in each recipient's language

notice-query-subject = Upit iz ekonomije { $from } o jednom od vaših zapisa, rok { $due }
notice-query = Organ za dozvole ekonomije { $from } utvrdio je da se jedan od zapisa vaše ekonomije možda odnosi na istu osobu kao i jedan od njihovih podnosilaca zahtjeva (Dice sličnost { $dice }) i pita šta im možete reći do { $due }.
notice-query-overdue-subject = Rok istekao: upit iz ekonomije { $from }, rok { $due }
notice-query-overdue = Upit iz ekonomije { $from } o jednom od vaših zapisa imao je rok { $due } i još nema odgovor.
notice-verify-subject = Zahtjev za provjeru iz ekonomije { $from }: { $what }, rok { $due }
notice-verify = Organ za dozvole ekonomije { $from } traži od vašeg organa da provjeri sljedeće: { $what }, do { $due }.
notice-verify-overdue-subject = Rok istekao: zahtjev za provjeru iz ekonomije { $from }, rok { $due }
notice-verify-overdue = Zahtjev ekonomije { $from } za provjeru (predmet: { $what }) imao je rok { $due } i još nema odgovor.
notice-answered-subject = { $country } je odgovorila na zahtjev za provjeru: { $said }
notice-answered = { $country } je odgovorila na vaš zahtjev za provjeru (predmet: { $what }): { $said }.
notice-unanswered-subject = Rok istekao: { $country } nije odgovorila na vaš zahtjev, rok { $due }
notice-unanswered = { $country } nije odgovorila na vaš zahtjev za provjeru (predmet: { $what }), rok { $due }; njeni kontakt službenici su podsjećeni.
notice-verify-demand_letter = pismo o potražnji (ponuda za posao)
notice-verify-agency_licence = licenca agencije
notice-verify-emigration_clearance = odobrenje za iseljenje
notice-verify-police_clearance = uvjerenje o nekažnjavanju
notice-verify-qualification = kvalifikacija
notice-verify-identity = identitet
notice-outcome-confirmed = potvrđeno
notice-outcome-not_confirmed = nije potvrđeno
notice-outcome-cannot_verify = ne može se provjeriti
notice-action-drafted = Mjera iz mape puta „{ $title }” pripremljena je za ekonomiju { $economy }: pogledajte o čemu ćete izvještavati.
notice-action-changed = Mjera iz mape puta „{ $title }” izmijenjena je za ekonomiju { $economy }: pogledajte o čemu ćete izvještavati.
notice-progress = { $economy } je izvijestila o napretku mjere „{ $title }”: { $status }.
notice-progress-region = Region je izvijestio o napretku mjere „{ $title }”: { $status }.
notice-status-not_started = nije započeto
notice-status-limited = ograničen napredak
notice-status-substantial = značajan napredak
notice-status-complete = završeno
notice-status-none = nema dostupnih dokaza
notice-round-open = Krug { $round } vježbe „{ $title }” je otvoren: molimo ocijenite stavke.
notice-round-closed-all = Krug { $round } vježbe „{ $title }” je zatvoren: o svakoj stavci je odlučeno; pogledajte ishode.
notice-round-closed = Krug { $round } vježbe „{ $title }” je zatvoren: stavki sa postignutim konsenzusom: { $agreed }; u sljedeći krug idu: { $open }.
notice-exercise-closed = „{ $title }” je zatvorena: potvrđeno { $validated }, izmijenjeno { $amended }, odbačeno { $dropped }; pogledajte ishode.
notice-round-reminder = Podsjetnik: krug { $round } vježbe „{ $title }” čeka vaše ocjene.
notice-response-submitted = { $economy } je podnela odgovor na „{ $round }”: čeka vaš pregled.
notice-response-sent-back = Vaš odgovor na „{ $round }” vraćen je sa komentarima: pogledajte šta treba ispraviti.
notice-response-approved = Vaš odgovor na „{ $round }” je odobren.
notice-response-rejected = Vaš odgovor na „{ $round }” je odbijen.
notice-response-draft = Vaš odgovor na „{ $round }” je ponovo nacrt: možete ga mijenjati.

## The regional comparative analysis

regional-title = Radne migracije državljana trećih zemalja na Zapadnom Balkanu
regional-subtitle = Regionalna uporedna analiza provjera i saradnje sa zemljama porijekla
regional-summary-intro = Ova analiza upoređuje kako { $economies } primaju i provjeravaju strane radnike iz trećih zemalja, fazu po fazu, na osnovu { $n } indikatora u šest dimenzija, i iznosi zajedničke ranjivosti, proceduralne praznine, opšte trendove, prioritetne oblasti za ciljane intervencije i preporuke. Šta dokazi pokazuju u regionu:
regional-summary-note = Ekonomije se upoređuju, a ne rangiraju. Podaci su prikazani prema vlastitim definicijama i nikada se ne sabiraju između ekonomija.
regional-scale = Obim: broj radnih dozvola za strane radnike u regionu porastao je sa { $figures }, kako ih navode izvori — zbirovi nacionalnih podataka različitih definicija, navedeni u poređenju priliva pored najnovijeg podatka svake ekonomije prema njenoj definiciji.
regional-figure-in = { $figure } u periodu { $period }
regional-figure-to = { " " }na{ " " }
regional-origins-none = Porijeklo: { $n } od šest ekonomija objavljuje raščlanjavanje po državljanstvu; nijedno državljanstvo nije među najbrojnijima u dvije od njih.
regional-origins = Porijeklo: { $n } od šest ekonomija objavljuje raščlanjavanje po državljanstvu; među najbrojnijima u dvije ili više njih: { $shared }.
regional-weakest = { $stage } (ne postoji u { $absent }, djelimična u { $partial }, nije utvrđeno u { $unknown })
regional-screening = Provjera: faze kojima je intervencija najpotrebnija, prema formuli prioriteta, jesu { $stages }.
regional-coo = Saradnja sa zemljama porijekla: funkcionalan sporazum ili kanal evidentiran je za { $with }; za { $without } nijedan izvor ga ne utvrđuje (praznina koju treba provjeriti sa ekonomijama).
regional-onward = Dalje kretanje: izvori navode da se imaoci dozvola kreću dalje, uglavnom ka EU, iz: { $moving }.
regional-onward-quiet = Dalje kretanje: izvori navode da se imaoci dozvola kreću dalje, uglavnom ka EU, iz: { $moving }; nijedan izvor o tome ne govori za { $quiet }.
regional-facet-yes = da u: { $economies }
regional-facet-no = ne u: { $economies }
regional-facet-unknown = nije evidentirano za { $economies }
regional-facet-quota = Kvota
regional-facet-register = Javni registar licenciranih agencija
regional-facet-fees = Zabrana naknada koje se naplaćuju radnicima
regional-pathways = Zakoniti putevi i agencije: jedinstvena dozvola za boravak i rad postoji u: { $single }. { $quota }. { $register }. { $fees }.
regional-in-place = postoji
regional-no-source = Nijedan izvor kojim raspolažemo o tome ne govori (praznina u dokazima).
regional-coo-compared = Saradnja sa zemljama porijekla — poređenje
regional-coo-table = Sporazumi, veze i provjera sa zemljama porijekla, po ekonomijama
regional-col-check-today = Provjera danas
regional-col-sources-say = Šta kažu izvori
regional-coo-note = „Nije utvrđeno” znači da to ne utvrđuje nijedan izvor kojim raspolažemo: praznina koju treba provjeriti, a ne nalaz o nepostojanju.
regional-onward-compared = Dalje kretanje — poređenje
regional-onward-table = Dalje kretanje imalaca dozvola i njegovo otkrivanje, po ekonomijama
regional-col-sources-report = Šta navode izvori
regional-col-detection = Otkrivanje pri izlasku
regional-onward-note = Izvori svake ekonomije, sa datumima, nalaze se u njenom izvještaju.
regional-recommendation = { $title }. { $description } Odnosi se na { $concerns }: { $economies }. Odgovara na: { $stages }; mjeri se pitanjem „{ $indicator }”.
regional-all-six = svih šest ekonomija
regional-some-of-six = { $n } od šest ekonomija
regional-recommendations-intro = Mjere iz kataloga intervencija programa, najprije one koje su najšire potrebne: svaka odgovara na indikator koji ne postoji, djelimičan je ili nije utvrđen u navedenim ekonomijama. To su predlozi koje delegacije treba da potvrde u zajedničkoj mapi puta, a ne obaveze.
regional-recommendations-none = Nijedan indikator nije slab ni u jednoj ekonomiji: ne predlaže se nijedna mjera.
regional-method-intro = Analiza se zasniva na { $records } zapisa mape programa u šest ekonomija (od toga { $figures } objavljenih podataka), od kojih svaki navodi javni izvor koji čitalac može otvoriti, sa datumom i našom procjenom pouzdanosti, na odobrenim odgovorima kontakt osoba na upitnik gdje je krug odobren i na nalazima iznetim na konsultacijama i radionicama. Dokazi svake ekonomije izloženi su u njenom izvještaju.
regional-method-as-of = Dokazi zaključno sa { $date }: datum najnovijeg izvora.
regional-method-compared = Ekonomije se upoređuju, a ne rangiraju; podaci slijede definiciju svakog izvora i nikada se ne sabiraju između ekonomija ili indikatora. Regionalni zbirovi navode se samo onako kako ih navode izvori.
regional-method-gaps = Provjera koju nijedan izvor ne utvrđuje računa se kao praznina koju treba provjeriti — u zajedničkim ranjivostima, proceduralnim prazninama i formuli prioriteta — nikada kao postojeća provjera.
regional-method-withheld = Ocjene dimenzija koje počivaju na manje od polovine njihovih indikatora se ne iskazuju.
regional-method-drafts = Nalazi su nacrti dok ih delegacije ne potvrde u vježbi potvrđivanja; njeni ishodi navode se u nastavku kada se o njima odluči.
regional-matrix = Prakse provjere: faza × ekonomija
regional-matrix-caption = Status provjere u svakoj fazi i temi, po ekonomijama
regional-matrix-title = Faza × ekonomija
regional-matrix-definition = Potpuna: propisana zakonom i primjenjuje se u svakom slučaju; djelimična: postoji, ali je ograničena zakonom ili u praksi; ne postoji: nema je; nepoznato / nema dokaza: nije utvrđeno. Prakse svake ekonomije evidentirane su sa izvorima u njenom izvještaju.
regional-matrix-table = Status provjere u svakoj fazi (potpuna, djelimična, ne postoji, nepoznato)
doc-col-stage = Faza
doc-level-unknown = nepoznato
regional-scores = Ocjene indikatora po dimenzijama
regional-scores-caption = Ocjene po dimenzijama i ekonomijama (0–100)
regional-scores-title = Ocjene po dimenzijama
regional-scores-definition = Prosjek indikatora dimenzije koji imaju dokaze (ne postoji 0, djelimično 50, potpuno 100), prikazan samo kada bar polovina njih ima dokaze. Ekonomije se upoređuju jedna pored druge, a ne rangiraju.
regional-scores-table = Prosječna ocjena indikatora sa dokazima (0–100), sa brojem onih koji imaju dokaze; ne iskazuje se kada ih ima manje od polovine
regional-col-stage-or-theme = Faza ili tema
regional-col-absent = Ne postoji
regional-col-partial = Djelimična
regional-col-not-established = Nije utvrđeno
regional-col-findings = Nalazi
regional-col-priority = Prioritet
regional-col-delegations = Delegacije
regional-priorities = Prioritetne oblasti za ciljane intervencije
regional-priority-formula = prioritet = 2 × (ekonomije u kojima provjera ne postoji) + 1 × (ekonomije u kojima je djelimična) + 1 × (ekonomije u kojima nije utvrđena: praznina koju treba provjeriti, a ne znak da je sve u redu) + 1 × (nalazi o fazi, uključujući one iznete na događajima)
regional-priorities-table = Faze i teme rangirane prema gornjoj formuli
regional-annex = Prilog sa podacima
regional-annex-table = Svi korišćeni podaci, kako su objavljeni
regional-col-indicator-unit-measure = Indikator (jedinica; mjera)
regional-annex-note = Mjera: tok (izdato u periodu), stanje (važeće na određeni dan) ili kvota (utvrđena gornja granica). Svaki podatak je prema definiciji vlastitog indikatora; nijedan se ne sabira sa drugim.
regional-shared = Zajedničke ranjivosti
regional-shared-none = Nema zajedničke ranjivosti.
regional-gaps = Proceduralne praznine
regional-gaps-none = Nema proceduralne praznine.
regional-trends = Opšti trendovi
regional-trends-none = Nema trenda iznad pragova.
regional-as-reported = Zapadni Balkan (kako navodi izvor)
regional-outcome-validated = potvrđeno
regional-outcome-amended-to = izmijenjeno: { $text }
regional-outcome-amended = izmijenjeno
regional-outcome-dropped = odbačeno
regional-outcome-none = nije izneto pred delegacije
regional-priority-area = Prioritetna oblast: { $stage }
regional-amended-to = { $item } — izmijenjeno u: { $text }
regional-validation = Potvrđivanje od strane delegacija
regional-validation-intro = Delegacije ekonomija ocenile su nalaze i prioritetne oblasti iznete u vježbi potvrđivanja (Delfi konsenzus; pravilo i krugovi su u zapisu vježbe). Nalazi: potvrđeno { $findings_validated }, izmijenjeno { $findings_amended }, odbačeno { $findings_dropped }. Prioritetne oblasti: potvrđeno { $priorities_validated }, izmijenjeno { $priorities_amended }, odbačeno { $priorities_dropped }. Potvrđeni i izmenjeni nalazi prikazani su gore u dogovorenoj formulaciji bez oznake nacrta; odbačeni više ne utiču na prioritete.
regional-validation-amended = Izmijenile delegacije
regional-validation-dropped = Odbacile delegacije
regional-inflows = Prilivi — poređenje
regional-inflows-intro = U regionu, kako je objavljeno: { $figures }. To su zbirovi nacionalnih podataka različitih definicija koje su sačinili sami izvori, a ne usklađena statistika.
regional-latest-table = Najnoviji podatak svake ekonomije, prema vlastitoj definiciji
regional-col-latest = Najnoviji podatak
regional-col-counts = Šta broji
regional-col-source-confidence = Izvor; pouzdanost
regional-no-figure = nijedan podatak nije objavljen (praznina)
regional-latest-note = Podaci se razlikuju po tome šta broje (dozvole, jedinstvene dozvole, dozvole boravka radi rada, lica) i po periodu; pokazuju red veličine u svakoj ekonomiji i ne rangiraju se niti sabiraju. Definicije su u izvještaju svake ekonomije i u prilogu sa podacima.
regional-series-table = Sve objavljene serije, po ekonomijama
regional-col-totals = Ukupno po periodima
regional-series-note = Kvote su gornje granice koje utvrđuju vlade, a ne prilivi; stanja broje dozvole važeće na određeni dan.
regional-no-breakdown = nije objavljeno raščlanjavanje po državljanstvu (praznina)
regional-origins-table = Odakle radnici dolaze: glavna državljanstva, gdje je raščlanjavanje objavljeno
regional-col-series-period = Serija i period
regional-col-citizenships = Glavna državljanstva
regional-origins-note = Udjeli se izračunavaju samo iz raščlanjavanja koja obuhvataju 95–105 % ukupnog broja; ostala raščlanjavanja navode se sa brojevima. Navodi se { $n } najbrojnijih.
regional-pathways-compared = Zakoniti putevi — poređenje
regional-pathways-table = Zakoniti putevi za strane radnike, po ekonomijama
regional-col-pathways-recorded = Evidentirani putevi
regional-col-single-permit = Jedinstvena dozvola
regional-pathways-note = Putevi, pravni osnovi i izvori svake ekonomije nalaze se u njenom izvještaju.
regional-agencies-compared = Agencije za zapošljavanje — poređenje
regional-agencies-table = Uređenje agencija za zapošljavanje, po ekonomijama
regional-col-abuses = Dokumentovane zloupotrebe
regional-none-recorded = nijedna nije evidentirana
regional-matrix-desc = { $rows } redova i { $columns } kolona; svaka ćelija navodi status riječima
regional-scores-desc = Ocjene od 0 do 100 po dimenzijama i ekonomijama; tabela pored daje brojeve
