//! The shipped reference dataset, embedded in the binary from `data/` at build time so that the
//! platform starts anywhere with its facts; `--data DIR` reads a working copy instead.

use std::collections::BTreeMap;

use pathways_domain::dataset;

macro_rules! embed {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../../data/", $name)))),*]
    };
}

/// The embedded files, by name relative to `data/`.
pub const EMBEDDED: &[(&str, &str)] = embed!(
    "vocab/economies.csv",
    "vocab/countries.csv",
    "vocab/stages.csv",
    "vocab/institution_kinds.csv",
    "vocab/relationship_kinds.csv",
    "vocab/permit_types.csv",
    "vocab/sectors.csv",
    "vocab/indicators.csv",
    "institutions.csv",
    "relationships.csv",
    "pathways.csv",
    "observations.csv",
    "practices.csv",
    "agency_regulations.csv",
    "coo_systems.csv",
    "frameworks.csv",
);

pub fn embedded_files() -> BTreeMap<String, String> {
    EMBEDDED.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_list_matches_the_dataset_layout() {
        let mut names: Vec<String> = EMBEDDED.iter().map(|(k, _)| k.to_string()).collect();
        let mut expected = dataset::file_names();
        names.sort();
        expected.sort();
        assert_eq!(names, expected);
    }

    #[test]
    fn shipped_dataset_is_valid() {
        if let Err(problems) = dataset::parse(&embedded_files()) {
            let text: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
            panic!("{} problems:\n{}", text.len(), text.join("\n"));
        }
    }
}
