//! End-to-end tests of the `pathways` binary: it serves on a real port, checks the dataset with
//! file and line, and refuses a bad import without changing the database.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use support::{BIN, get, pathways, temp};

#[test]
fn serve_on_port_zero_answers_healthz_and_the_api() {
    let dir = temp("serve");
    let mut child = Command::new(BIN)
        .args(["serve", "--bind", "127.0.0.1:0", "--db"])
        .arg(dir.join("p.db"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut addr = None;
    let mut setup_link = false;
    for line in BufReader::new(stdout).lines() {
        let line = line.unwrap();
        setup_link |= line.contains("/setup?token=");
        if let Some(rest) = line.split("serving on http://").nth(1) {
            addr = rest.split_whitespace().next().map(str::to_string);
            break;
        }
    }
    let addr = addr.expect("the server printed its address");
    assert!(
        setup_link,
        "a first start without users prints the one-time set-up link"
    );
    let health = get(&addr, "/healthz", &[]);
    assert!(health.starts_with("HTTP/1.1 200"), "{health}");
    let eco = get(&addr, "/api/v1/economies", &[]);
    assert!(eco.contains("\"code\":\"XK\""), "{eco}");
    child.kill().ok();
    child.wait().ok();
}

#[test]
fn demo_accounts_are_refused_off_loopback() {
    let dir = temp("demo");
    let out = Command::new(BIN)
        .args(["serve", "--bind", "0.0.0.0:0", "--demo", "--db"])
        .arg(dir.join("p.db"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("loopback"));
}

fn copy_data(to: &Path) {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
    for name in pathways_app::domain::dataset::file_names() {
        let target = to.join(&name);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(from.join(&name), target).unwrap();
    }
}

#[test]
fn data_check_accepts_the_shipped_dataset_and_names_file_and_line_of_a_broken_one() {
    let ok = Command::new(BIN).args(["data", "check"]).output().unwrap();
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    let dir = temp("data");
    copy_data(&dir);
    let path = dir.join("practices.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    lines[2] = lines[2].replacen(",RS,employer,", ",RS,employr,", 1);
    lines[3] = lines[3].replacen(",rs-minrzs,", ",rs-ghost,", 1);
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let out = Command::new(BIN)
        .args(["data", "check", "--data"])
        .arg(&dir)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        err.contains("practices.csv:3: column `stage`: unknown stage or theme `employr`"),
        "{err}"
    );
    assert!(err.contains("practices.csv:4: column `responsible`"), "{err}");
}

#[test]
fn a_bad_import_exits_non_zero_names_the_row_and_changes_nothing() {
    let dir = temp("import");
    let db = dir.join("p.db");
    let csv = dir.join("bad.csv");
    std::fs::write(
        &csv,
        "INDICATOR,REF_AREA,TIME_PERIOD,CITIZENSHIP,SECTOR,SEX,OBS_VALUE,OBS_FLAG,SOURCE\n\
         RS_SINGLE_PERMITS,RS,2030,NP,_T,_T,100,,https://example.org/a\n\
         RS_SINGLE_PERMITS,RS,2031,NP,_T,_T,lots,,https://example.org/b\n",
    )
    .unwrap();
    let export = |name: &str| {
        let out = dir.join(name);
        let r = Command::new(BIN)
            .args(["export", "observations", "--format", "csv", "--out"])
            .arg(&out)
            .arg("--db")
            .arg(&db)
            .output()
            .unwrap();
        assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
        std::fs::read_to_string(out).unwrap()
    };
    let before = export("before.csv");
    let out = Command::new(BIN)
        .args(["import", "observations"])
        .arg(&csv)
        .arg("--db")
        .arg(&db)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("bad.csv:3: column `OBS_VALUE`"), "{err}");
    assert!(err.contains("nothing was imported"), "{err}");
    assert_eq!(export("after.csv"), before);
}

const WORKERS_HEADER: &str = "record_id,given_name,surname,full_name,date_of_birth,sex,nationality,passport_number\n";

fn registers(dir: &Path) -> (PathBuf, PathBuf) {
    let (l, r) = (dir.join("left.csv"), dir.join("right.csv"));
    std::fs::write(
        &l,
        format!(
            "{WORKERS_HEADER}L1,Mohammad,Hossain,,1991-04-12,M,BD,BX1234567\nL2,Ram Bahadur,Thapa,,1985-07-03,M,NP,N7777777\nL3,Maria,Santos,,1990-01-01,F,PH,P1111111\n"
        ),
    )
    .unwrap();
    std::fs::write(
        &r,
        format!(
            "{WORKERS_HEADER}R1,,,HUSSAIN Md.,12.04.1991,M,BD,8X1234567\nR2,Рам Бахадур,Тхапа,,1985-07-03,M,NP,N7777777\nR3,Jose,Reyes,,1979-05-05,M,PH,P2222222\n"
        ),
    )
    .unwrap();
    (l, r)
}

fn link(args: &[&str], files: &[&Path]) -> std::process::Output {
    let mut c = Command::new(BIN);
    c.arg("link").args(args);
    for f in files {
        c.arg(f);
    }
    c.output().unwrap()
}

#[test]
fn link_run_finds_the_same_workers_and_explains_why() {
    let dir = temp("link");
    let (l, r) = registers(&dir);
    let out = dir.join("pairs.csv");
    let o = Command::new(BIN)
        .args(["link", "run", "--left"])
        .arg(&l)
        .arg("--right")
        .arg(&r)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = std::fs::read_to_string(&out).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("left_id,right_id,match_probability,match_weight,name,dob,sex,nationality,passport")
    );
    let pairs: Vec<(&str, &str)> = lines
        .map(|l| {
            let mut f = l.split(',');
            (f.next().unwrap(), f.next().unwrap())
        })
        .collect();
    assert!(pairs.contains(&("L1", "R1")) && pairs.contains(&("L2", "R2")), "{text}");
    assert!(!pairs.iter().any(|p| p.0 == "L3"), "{text}");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("candidate pairs") && err.contains("rule passport"),
        "{err}"
    );
}

#[test]
fn a_register_read_in_pieces_or_with_blank_lines_or_quotes_gives_the_same_records() {
    // The fast reader fills the register piece by piece; blank lines or quoted fields send a
    // file to the streaming reader. Both must see every record, in order, and link the same.
    let dir = temp("link-readers");
    let (l, r) = registers(&dir);
    let body = std::fs::read_to_string(&l).unwrap();
    let blank = dir.join("blank.csv");
    std::fs::write(&blank, body.replacen("\nL2,", "\n\nL2,", 1)).unwrap();
    let quoted = dir.join("quoted.csv");
    std::fs::write(&quoted, body.replacen("L3,Maria,", "L3,\"Maria\",", 1)).unwrap();
    let mut outputs = vec![];
    for left in [&l, &blank, &quoted] {
        let out = dir.join("pairs-readers.csv");
        let o = link(
            &[
                "run",
                "--out",
                out.to_str().unwrap(),
                "--right",
                r.to_str().unwrap(),
                "--left",
            ],
            &[left],
        );
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let err = String::from_utf8_lossy(&o.stderr).to_string();
        assert!(err.contains("records: 3 left, 3 right"), "{err}");
        outputs.push(std::fs::read_to_string(&out).unwrap());
    }
    assert_eq!(outputs[0], outputs[1]);
    assert_eq!(outputs[0], outputs[2]);
}

#[test]
fn link_errors_name_file_line_and_column_and_leave_no_output() {
    let dir = temp("linkerr");
    let (l, _) = registers(&dir);
    let out = dir.join("pairs.csv");
    // Big enough to be read in several parallel pieces: the line number must still be the file's.
    let mut late = WORKERS_HEADER.to_string();
    for i in 0..120_000 {
        late.push_str(&format!("X{i},Anil,Gurung,,1990-01-01,M,NP,N{i}\n"));
    }
    late.push_str("Y,A,B,,1990-13-01,M,NP,N1\n");
    // The third part: whether the fault is a value that a run without --strict reads as missing.
    let cases: [(&str, &str, &str, bool); 5] = [
        (
            "nopassport.csv",
            "record_id,given_name,surname,full_name,date_of_birth,sex,nationality\nX1,A,B,,1990-01-01,M,NP\n",
            "nopassport.csv:1, column `passport_number`: missing column",
            false,
        ),
        (
            "baddate.csv",
            &format!("{WORKERS_HEADER}X1,A,B,,1990-01-01,M,NP,N1\nX2,A,B,,31.02.1990,M,NP,N2\n"),
            "baddate.csv:3, column `date_of_birth`: `31.02.1990` is not a date",
            true,
        ),
        (
            "broken.csv",
            &format!("{WORKERS_HEADER}X1,A,B,,1990-01-01,M,NP,N1\nX2,A,B\n"),
            "broken.csv:3: broken CSV line",
            false,
        ),
        (
            "quoted.csv",
            &format!("{WORKERS_HEADER}X1,\"Anil, Kumar\",B,,1990-01-01,M,NP,N1\nX2,A,B,,1990-01-01,M,NP,N2\nX3,A,B\n"),
            "quoted.csv:4: broken CSV line",
            false,
        ),
        (
            "late.csv",
            &late,
            "late.csv:120002, column `date_of_birth`: `1990-13-01` is not a date",
            true,
        ),
    ];
    for (name, content, expected, a_value) in cases {
        let bad = dir.join(name);
        std::fs::write(&bad, content).unwrap();
        let run = |strict: bool| {
            let mut c = Command::new(BIN);
            c.args(["link", "run", "--left"])
                .arg(&l)
                .arg("--right")
                .arg(&bad)
                .arg("--out")
                .arg(&out);
            if strict {
                c.arg("--strict");
            }
            c.output().unwrap()
        };
        let o = run(a_value);
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(!o.status.success());
        assert!(err.contains(expected), "{name}: {err}");
        assert!(
            !out.exists() && !dir.join("pairs.csv.partial").exists(),
            "{name} left an output file"
        );
        if a_value {
            // Without --strict the value is counted and the run goes on.
            let o = run(false);
            let err = String::from_utf8_lossy(&o.stderr);
            assert!(o.status.success(), "{name}: {err}");
            // `name:LINE, column `date_of_birth`: `VALUE` is not a date`
            let line = expected.split_once(", column").unwrap().0.rsplit(':').next().unwrap();
            let value = expected.split('`').nth(3).unwrap();
            assert!(err.contains("unreadable value, compared as missing"), "{name}: {err}");
            assert!(
                err.contains("column `date_of_birth`: 1 unreadable value"),
                "{name}: {err}"
            );
            assert!(
                err.contains(&format!("line {line}: `{value}` — is not a date")),
                "{name}: {err}"
            );
            std::fs::remove_file(&out).unwrap();
        }
    }
}

#[test]
fn a_dirty_register_links_with_every_unreadable_value_counted_by_column() {
    // Real registers: an impossible date, a year alone, an unknown sex code, a passport number
    // with stray characters, a placeholder passport, a record without an id. The run links them
    // (the renewed-passport worker by name and year), reports each column's count and first lines
    // on stderr and in the JSON summary, and --strict refuses the file at its first such value.
    let dir = temp("link-dirty");
    let (l, _) = registers(&dir);
    // Both registers also hold the same 300 clean workers, enough for the model to learn from.
    let given = [
        "Anil", "Sita", "Rahul", "Fatima", "Bikash", "Nasrin", "Sunil", "Priya", "Arjun", "Kamal",
    ];
    let surname = [
        "Gurung", "Rai", "Sharma", "Begum", "Tamang", "Akter", "Perera", "Silva", "Khan", "Das",
    ];
    let clean = |prefix: &str| -> String {
        (0..300)
            .map(|k| {
                format!(
                    "{prefix}{k},{},{},,19{:02}-{:02}-{:02},{},NP,C{k:07}\n",
                    given[k % 10],
                    surname[k / 10 % 10],
                    70 + k % 29,
                    1 + k % 12,
                    1 + k % 28,
                    if k % 2 == 0 { "M" } else { "F" }
                )
            })
            .collect()
    };
    let left = std::fs::read_to_string(&l).unwrap() + &clean("C");
    std::fs::write(&l, left).unwrap();
    let dirty = dir.join("dirty.csv");
    std::fs::write(
        &dirty,
        format!(
            "{WORKERS_HEADER}D1,Mohammad,Hossain,,1991-04-93,M,BD,BX1234567\nD2,Ram Bahadur,Thapa,,1985,Q,NP,N7777777#\n,Maria,Santos,,00.00.1990,F,PH,N/A\nD4,Jose,Reyes,,1979-05-05,?,PH,0000000\n{}",
            clean("K")
        ),
    )
    .unwrap();
    let (out, summary) = (dir.join("pairs.csv"), dir.join("summary.json"));
    let o = Command::new(BIN)
        .args(["link", "run", "--left"])
        .arg(&l)
        .arg("--right")
        .arg(&dirty)
        .arg("--out")
        .arg(&out)
        .arg("--summary-json")
        .arg(&summary)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    let pairs = std::fs::read_to_string(&out).unwrap();
    assert!(pairs.contains("\nL1,D1,") && pairs.contains("\nL2,D2,"), "{pairs}");
    for expected in [
        "dirty.csv: 6 unreadable values",
        "column `record_id`: 1 unreadable value",
        "line 4: `` — the id is empty; the record is named @4",
        "column `date_of_birth`: 1 unreadable value",
        "line 2: `1991-04-93` — is not a date in any of the formats YYYY-MM-DD, DD.MM.YYYY, DD/MM/YYYY, YYYYMMDD; compared by its year 1991",
        "column `sex`: 1 unreadable value",
        "line 3: `Q` — is none of the codes m, f, x; compared as missing",
        "column `passport_number`: 3 unreadable values",
        "line 3: `N7777777#` — has characters no document number has; compared as N7777777",
        "line 4: `N/A` — is a placeholder, not a document number; compared as missing",
        "line 5: `0000000` — is a placeholder",
    ] {
        assert!(err.contains(expected), "{expected}\n{err}");
    }
    // A year alone is a way of writing a date, and `?` no value: neither is counted.
    assert!(
        !err.contains("`1985`") && !err.contains("`00.00.1990`") && !err.contains("`?`"),
        "{err}"
    );
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&summary).unwrap()).unwrap();
    let columns = &json["unreadable"][dirty.display().to_string()]["columns"];
    assert_eq!(columns[3]["column"], "passport_number", "{json}");
    assert_eq!(columns[3]["count"], 3);
    assert_eq!(columns[3]["examples"][1]["line"], 4);
    std::fs::remove_file(&out).unwrap();
    let secret = dir.join("shared.secret");
    std::fs::write(&secret, "0123456789abcdef0123456789abcdef0123456789abcdef\n").unwrap();
    let encode = |strict: &[&str]| {
        Command::new(BIN)
            .args(["link", "encode"])
            .args(strict)
            .arg("--secret-file")
            .arg(&secret)
            .arg("--in")
            .arg(&dirty)
            .arg("--out")
            .arg(&out)
            .output()
            .unwrap()
    };
    let o = encode(&[]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        o.status.success() && err.contains("encoded 304 records") && err.contains("column `sex`: 1 unreadable value"),
        "{err}"
    );
    std::fs::remove_file(&out).unwrap();
    let o = encode(&["--strict"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success() && !out.exists(), "{err}");
    assert!(
        err.contains("dirty.csv:2, column `date_of_birth`: `1991-04-93` is not a date"),
        "{err}"
    );
}

#[test]
fn encodings_link_without_names_and_a_short_secret_is_refused() {
    let dir = temp("clk");
    let (l, r) = registers(&dir);
    let short = dir.join("short.secret");
    std::fs::write(&short, "tooshort\n").unwrap();
    let out = dir.join("l.clk");
    let o = link(
        &["encode", "--secret-file"],
        &[&short, Path::new("--in"), &l, Path::new("--out"), &out],
    );
    assert!(!o.status.success());
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("short.secret: secret: the secret has 8 bytes"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(!out.exists());
    let secret = dir.join("shared.secret");
    std::fs::write(&secret, "0123456789abcdef0123456789abcdef0123456789abcdef\n").unwrap();
    let (lc, rc) = (dir.join("l.clk"), dir.join("r.clk"));
    for (input, output) in [(&l, &lc), (&r, &rc)] {
        let o = link(
            &["encode", "--secret-file"],
            &[&secret, Path::new("--in"), input, Path::new("--out"), output],
        );
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let encoded = std::fs::read_to_string(&lc).unwrap();
    assert!(encoded.starts_with("pathways-clk/1 bits=1024"));
    assert!(!encoded.to_lowercase().contains("hossain") && !encoded.contains("1991"));
    let pairs = dir.join("clk-pairs.csv");
    let o = link(
        &["match-encoded", "--threshold", "0.7", "--left"],
        &[&lc, Path::new("--right"), &rc, Path::new("--out"), &pairs],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = std::fs::read_to_string(&pairs).unwrap();
    assert!(text.starts_with("left_id,right_id,dice\n"));
    assert!(text.contains("L2,R2,"), "{text}");
    assert!(!text.contains("L3,"), "{text}");
}

fn xlsx(path: &Path, sheets: &[(&str, &[&[&str]])]) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    for (name, rows) in sheets {
        let ws = wb.add_worksheet().set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                ws.write_string(r as u32, c as u16, *v).unwrap();
            }
        }
    }
    wb.save(path).unwrap();
}

#[test]
fn questionnaire_inspect_prints_the_form_or_every_problem() {
    let dir = temp("xlsform");
    let good = dir.join("good.xlsx");
    xlsx(
        &good,
        &[
            (
                "survey",
                &[
                    &["type", "name", "label::English (en)", "label::Srpski (sr)", "relevant"],
                    &["begin repeat", "pathway", "Pathway", "Put", ""],
                    &["select_one yn", "seasonal", "Seasonal?", "Sezonski?", ""],
                    &["integer", "quota", "Quota", "Kvota", "${seasonal} = 'yes'"],
                    &["end repeat", "", "", "", ""],
                ],
            ),
            (
                "choices",
                &[
                    &["list_name", "name", "label::English (en)"],
                    &["yn", "yes", "Yes"],
                    &["yn", "no", "No"],
                ],
            ),
            (
                "settings",
                &[&["form_title", "form_id", "version"], &["Pathways", "pw", "1"]],
            ),
        ],
    );
    let o = Command::new(BIN)
        .args(["questionnaire", "inspect"])
        .arg(&good)
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(out.contains("form: Pathways (id pw, version 1)"), "{out}");
    assert!(out.contains("languages: English (en), Srpski (sr)"), "{out}");
    assert!(out.contains("pathway (repeat, 2 items)"), "{out}");
    assert!(out.contains("quota: ${seasonal} = 'yes'"), "{out}");
    let o = Command::new(BIN)
        .args(["questionnaire", "inspect", "--json"])
        .arg(&good)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["summary"]["questions"], 2);
    assert_eq!(
        v["form"]["items"][0]["children"][1]["cells"]["relevant"],
        "${seasonal} = 'yes'"
    );

    let bad = dir.join("bad.xlsx");
    xlsx(
        &bad,
        &[(
            "survey",
            &[
                &["type", "name", "label"],
                &["begin group", "g", "G"],
                &["integer", "n", "N"],
                &["text", "n", "Again"],
            ],
        )],
    );
    let o = Command::new(BIN)
        .args(["questionnaire", "inspect"])
        .arg(&bad)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success());
    assert!(err.contains("bad.xlsx: the form has 2 problem(s)"), "{err}");
    assert!(
        err.contains("sheet `survey`, row 4, column B `name`: the name `n` is used twice"),
        "{err}"
    );
    assert!(
        err.contains("sheet `survey`, row 2, column A `type`: group `g` is never closed"),
        "{err}"
    );
}

#[test]
fn questionnaire_import_adds_the_shipped_form_once_and_refuses_a_broken_one() {
    let dir = temp("qimport");
    let db = dir.join("p.db");
    let form = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/questionnaires/mapping.xlsx");
    let run = |file: &Path| {
        Command::new(BIN)
            .arg("--db")
            .arg(&db)
            .args(["questionnaire", "import"])
            .arg(file)
            .output()
            .unwrap()
    };
    let o = run(Path::new(form));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(out.contains("pathways_mapping version 2026112803"), "{out}");
    let again = run(Path::new(form));
    let id = |s: &str| s.rsplit("id ").next().unwrap_or("").trim().to_string();
    assert_eq!(
        id(&out),
        id(&String::from_utf8_lossy(&again.stdout)),
        "the same file is stored once"
    );
    let bad = dir.join("bad.xlsx");
    xlsx(
        &bad,
        &[(
            "survey",
            &[&["type", "name", "label"], &["select_one nowhere", "q", "Q"]],
        )],
    );
    let o = run(&bad);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success());
    assert!(
        err.contains("nothing was imported") && err.contains("[survey]:2") && err.contains("nowhere"),
        "{err}"
    );
}

#[test]
fn report_all_writes_the_seven_documents_in_four_formats_and_refuses_an_unknown_economy() {
    let dir = temp("report");
    let db = dir.join("p.db");
    let out = dir.join("out");
    let run = Command::new(BIN)
        .args(["report", "all", "--out"])
        .arg(&out)
        .arg("--db")
        .arg(&db)
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut expected = vec![];
    for stem in [
        "country-AL",
        "country-BA",
        "country-ME",
        "country-MK",
        "country-RS",
        "country-XK",
        "regional",
    ] {
        for ext in ["docx", "html", "pdf", "xlsx"] {
            expected.push(format!("{stem}.{ext}"));
        }
    }
    assert_eq!(
        names, expected,
        "28 files and nothing else (no partial files left behind)"
    );
    let pdf = std::fs::read(out.join("country-XK.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));

    let bad = Command::new(BIN)
        .args(["report", "country", "FR", "--format", "pdf", "--out"])
        .arg(dir.join("bad"))
        .arg("--db")
        .arg(&db)
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(!dir.join("bad").join("country-FR.pdf").exists());
}

/// Issue 15 (and 16): tokens are listed with their label, expiry and last use, revoked by id,
/// and stop with a disabled user; `--as` acts as a user without minting a token.
#[test]
fn user_tokens_are_listed_revoked_and_stop_with_their_user() {
    let dir = temp("tokens");
    let db = dir.join("p.db");
    let out = pathways(
        &db,
        &[
            "user",
            "add",
            "fp@example.org",
            "--role",
            "focal-point",
            "--economy",
            "RS",
        ],
        Some("a long password 123\n"),
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = pathways(
        &db,
        &[
            "user",
            "token",
            "fp@example.org",
            "--days",
            "30",
            "--label",
            "nightly sync",
        ],
        None,
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let token = stdout.split_whitespace().last().unwrap();
    assert!(token.starts_with("pwt_"), "the token is the last word: {stdout}");
    let list = pathways(&db, &["user", "tokens", "fp@example.org"], None);
    let list = String::from_utf8_lossy(&list.stdout).into_owned();
    assert!(list.contains("nightly sync") && !list.contains(token), "{list}");
    let id = list.lines().nth(1).unwrap().split('\t').next().unwrap().to_string();
    // Importing as the user makes no token.
    let csv = dir.join("obs.csv");
    std::fs::write(&csv, "INDICATOR,REF_AREA,TIME_PERIOD,OBS_VALUE,SOURCE\n").unwrap();
    let out = pathways(
        &db,
        &[
            "import",
            "observations",
            csv.to_str().unwrap(),
            "--as",
            "fp@example.org",
        ],
        None,
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let again = pathways(&db, &["user", "tokens", "fp@example.org"], None);
    assert_eq!(
        String::from_utf8_lossy(&again.stdout).lines().count(),
        2,
        "header and one token"
    );
    let out = pathways(&db, &["user", "revoke-token", &id], None);
    assert!(out.status.success() && String::from_utf8_lossy(&out.stdout).contains("revoked"));
    let list = pathways(&db, &["user", "tokens", "fp@example.org"], None);
    let row = String::from_utf8_lossy(&list.stdout)
        .lines()
        .nth(1)
        .unwrap()
        .to_string();
    assert!(!row.ends_with("\t-"), "revoked at a time: {row}");
    let out = pathways(&db, &["user", "disable", "fp@example.org"], None);
    assert!(String::from_utf8_lossy(&out.stdout).contains("disabled"));
    let users = pathways(&db, &["user", "list"], None);
    assert!(String::from_utf8_lossy(&users.stdout).contains("fp@example.org\tfocal-point\tRS\tdisabled"));
    let out = pathways(&db, &["user", "revoke-token", "no-such-id"], None);
    assert!(!out.status.success());
    let _ = std::fs::remove_dir_all(&dir);
}

/// An operator invites a user (the link is the last line), changes their role and resets their
/// password from the command line; what the admin screens do, for a server without a browser.
#[test]
fn users_are_invited_reset_and_given_a_role_from_the_command_line() {
    let dir = temp("invite");
    let db = dir.join("i.db");
    let out = pathways(
        &db,
        &[
            "user",
            "invite",
            "new@example.org",
            "--role",
            "focal-point",
            "--economy",
            "xk",
        ],
        None,
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let link = stdout.lines().last().unwrap();
    assert!(link.starts_with("/welcome/pwl_"), "{stdout}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("works once"));
    let out = pathways(&db, &["user", "role", "new@example.org", "--role", "viewer"], None);
    assert!(String::from_utf8_lossy(&out.stdout).contains("new@example.org is viewer"));
    let out = pathways(&db, &["user", "role", "new@example.org", "--role", "focal-point"], None);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("economy"),
        "the field at fault"
    );
    let out = pathways(&db, &["user", "reset", "new@example.org"], None);
    let again = String::from_utf8_lossy(&out.stdout);
    assert!(
        again.trim().starts_with("/welcome/pwl_") && again.trim() != link,
        "{again}"
    );
    let out = pathways(&db, &["user", "invite", "NEW@example.org", "--role", "viewer"], None);
    assert!(String::from_utf8_lossy(&out.stderr).contains("already has an account"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// `pathways routes` lists every route of the UI and the API, one a line, from the router itself.
#[test]
fn every_route_is_listed_in_one_place() {
    let dir = temp("routes");
    let out = pathways(&dir.join("r.db"), &["routes"], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<Vec<&str>> = text.lines().map(|l| l.split_whitespace().collect()).collect();
    for expected in [
        ["GET", "/healthz"],
        ["POST", "/api/v1/rounds"],
        ["GET", "/responses/{id}"],
        ["POST", "/api/v1/exercises/{id}/participants"],
    ] {
        assert!(lines.contains(&expected.to_vec()), "{expected:?} missing from:\n{text}");
    }
    let mut unique = lines.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), lines.len(), "each route once");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A reader that goes away (`| head`) ends the command quietly, with no panic message.
#[test]
fn a_closed_stdout_ends_the_command_quietly() {
    let dir = temp("pipe");
    let db = dir.join("p.db");
    let form = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/questionnaires/mapping.xlsx");
    let add = pathways(
        &db,
        &["user", "add", "a@x.org", "--role", "analyst"],
        Some("a long password 123\n"),
    );
    assert!(add.status.success(), "{}", String::from_utf8_lossy(&add.stderr));
    for _ in 0..3 {
        pathways(&db, &["user", "token", "a@x.org"], None);
    }
    let docs = dir.join("docs");
    // Every command that writes to standard output, its reader gone after one byte.
    let commands: Vec<String> = vec![
        "--help".into(),
        "migrate".into(),
        "routes".into(),
        "data check".into(),
        format!("questionnaire inspect '{}'", form.display()),
        format!("questionnaire inspect '{}' --json", form.display()),
        "user tokens a@x.org".into(),
        format!("report country AL --format html --out '{}'", docs.display()),
    ];
    for args in commands {
        // `pipefail`: the pipeline fails when pathways does, not only when `head` does.
        let out = Command::new("bash")
            .arg("-c")
            .arg(format!(
                "set -o pipefail; '{BIN}' --db '{}' {args} | head -c 1 >/dev/null",
                db.display()
            ))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args}: {stderr}");
        assert!(
            !stderr.contains("panicked") && !stderr.contains("Broken pipe"),
            "{args}: {stderr}"
        );
    }
    assert!(docs.join("country-AL.html").exists(), "the report was written");
    let _ = std::fs::remove_dir_all(&dir);
}

/// jemalloc prints its options at exit with `stats_print:true`; a user's options are kept.
fn allocator_options(args: &[&str], files: &[&Path]) -> (String, String) {
    let o = Command::new(BIN)
        .args(args)
        .args(files)
        .env("_RJEM_MALLOC_CONF", "stats_print:true")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let err = String::from_utf8_lossy(&o.stderr);
    let opt = |name: &str| {
        err.lines()
            .find_map(|l| l.trim().strip_prefix(&format!("opt.{name}: ")).map(str::to_string))
            .unwrap_or_else(|| panic!("no opt.{name} in the allocator's statistics"))
    };
    (opt("narenas"), opt("dirty_decay_ms"))
}

/// Issue 16: the linkage batch keeps its freed pages in one arena; every other command (the
/// server above all) hands memory back and gives threads their own arenas.
#[test]
fn only_the_linkage_batch_runs_with_its_allocator_options() {
    let dir = temp("alloc");
    let (l, _) = registers(&dir);
    let secret = dir.join("s.secret");
    std::fs::write(&secret, "0123456789abcdef0123456789abcdef0123456789abcdef\n").unwrap();
    let out = dir.join("l.clk");
    let (narenas, decay) = allocator_options(
        &["link", "encode", "--secret-file"],
        &[&secret, Path::new("--in"), &l, Path::new("--out"), &out],
    );
    assert_eq!(narenas, "1");
    assert!(decay.starts_with("-1"), "{decay}");
    let (narenas, decay) = allocator_options(&["data", "check"], &[]);
    assert_ne!(narenas, "1", "only the batch has one arena");
    assert!(
        !decay.starts_with("-1"),
        "only the batch keeps every freed page: {decay}"
    );
}

#[test]
fn link_train_needs_decided_pairs_and_puts_a_version_back() {
    let dir = temp("link-train");
    let db = dir.join("p.db");
    let o = pathways(&db, &["link", "train", "--economy", "rs"], None);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success() && err.contains("at least 5 are needed"), "{err}");
    let o = pathways(&db, &["link", "train", "--economy", "RS", "--version", "3"], None);
    assert!(!o.status.success() && String::from_utf8_lossy(&o.stderr).contains("RS has no parameter version 3"));
    let o = pathways(&db, &["link", "train", "--economy", "RS", "--version", "0"], None);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("RS: linkage parameters version 0 in use"));
}
