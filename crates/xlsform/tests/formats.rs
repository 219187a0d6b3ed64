//! The same small form saved as `.xls` (BIFF, written by xlwt) and `.ods` (written by odfpy), the
//! other formats XLSForm authors use, reads to the same model as its `.xlsx` twin.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use pathways_xlsform::model::{Item, Kind};
use pathways_xlsform::read;

const XLS: &[u8] = include_bytes!("fixtures/small.xls");
const ODS: &[u8] = include_bytes!("fixtures/small.ods");

fn xlsx() -> Vec<u8> {
    common::book(&[
        (
            "survey",
            &[
                &["type", "name", "label::English (en)", "label::Shqip (sq)", "relevant"],
                &["begin group", "g", "Group", "Grupi", ""],
                &["select_one yn", "q", "Licensed?", "E licencuar?", ""],
                &["integer", "n", "How many?", "Sa?", "${q} = 'yes'"],
                &["end group", "", "", "", ""],
            ],
        ),
        (
            "choices",
            &[
                &["list_name", "name", "label::English (en)", "label::Shqip (sq)"],
                &["yn", "yes", "Yes", "Po"],
                &["yn", "no", "No", "Jo"],
            ],
        ),
        (
            "settings",
            &[&["form_title", "form_id", "version"], &["Fixture", "fixture", "3"]],
        ),
    ])
}

#[test]
fn xls_and_ods_read_like_xlsx() {
    let reference = read(&xlsx()).unwrap();
    for (name, bytes) in [("xls", XLS), ("ods", ODS)] {
        let form = read(bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(form, reference, "{name}");
    }
    let Item::Container(g) = &reference.items[0] else {
        panic!()
    };
    let Item::Question(q) = &g.children[0] else { panic!() };
    assert_eq!(
        q.kind,
        Kind::SelectOne {
            list: "yn".into(),
            or_other: false
        }
    );
    assert_eq!(reference.version(), "3");
}
