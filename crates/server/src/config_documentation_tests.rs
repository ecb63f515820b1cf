//! docs/CONFIGURATION.md has a line for every key the code knows and names no other, so a key
//! cannot be added, renamed or removed without its line.

use std::collections::BTreeSet;

use super::Config;

const DOCUMENT: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../docs/CONFIGURATION.md"
));

/// The backticked names in the first cell of each row of the table of keys (a row may name
/// several keys: `` `jwt_issuer` / `jwt_audience` ``).
fn documented_keys() -> Vec<String> {
    DOCUMENT
        .lines()
        .skip_while(|line| !line.starts_with("| key |"))
        .skip(2)
        .take_while(|line| line.starts_with('|'))
        .flat_map(|row| {
            let first_cell = row.split('|').nth(1).unwrap_or_default();
            first_cell
                .split('`')
                .skip(1)
                .step_by(2)
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn every_key_has_its_line_and_the_document_names_no_other() {
    let documented = documented_keys();
    assert!(
        documented.len() > 10,
        "no table of keys found: {documented:?}"
    );
    let known: BTreeSet<&str> = Config::keys().iter().copied().collect();
    let undocumented: Vec<&str> = known
        .iter()
        .copied()
        .filter(|key| !documented.iter().any(|d| d == key))
        .collect();
    assert!(
        undocumented.is_empty(),
        "keys without a line in docs/CONFIGURATION.md: {undocumented:?}"
    );
    let unknown: Vec<&String> = documented
        .iter()
        .filter(|key| !known.contains(key.as_str()))
        .collect();
    assert!(
        unknown.is_empty(),
        "docs/CONFIGURATION.md names keys the code does not know: {unknown:?}"
    );
    let mut seen = BTreeSet::new();
    let twice: Vec<&String> = documented.iter().filter(|key| !seen.insert(*key)).collect();
    assert!(twice.is_empty(), "keys with more than one line: {twice:?}");
}
