//! The house tells the truth about itself: every repository path that
//! the project's prose names exists, and no `#[path]` reads a module from
//! another package's folder.
//!
//! Scanned: Markdown files, comments of Rust files (doc comments and
//! others), shell scripts and `.ci/run`, the overlay (its actions'
//! descriptions) and Cargo manifests. Not scanned: the generated client
//! and snapshots, whose text is the API document's, and the document
//! itself.
//!
//! A mention is a word that starts with one of the checkout's top-level
//! folders (`codegen/...`, `spec/...`, `.ci/...`); the part of a URL or of
//! a longer path is not one (`https://host/spec/x`, `../shared/x`), but a
//! path after a shell variable is (`"$root/spec/README.md"`). It holds when it
//! names a file or folder relative to the checkout, to the package the
//! mention is in, or to the mentioning file's folder. `{a,b}` in a mention
//! names both, and `{name}` or `*` stands for any text in one path segment, so that
//! patterns (`tests/tests/{contract,secrets}.rs`, `codegen/tests/snapshots/{name}.rs`)
//! are checked too.

use std::collections::BTreeSet;
use std::path::Path;

use crate::support::checkout_files;

/// The checkout the tests run in.
fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask sits in the checkout")
}

/// The checkout's files, relative to it with `/` separators, and every
/// file and folder they make (each prefix of each file's path).
fn files_and_paths(root: &Path) -> (Vec<String>, BTreeSet<String>) {
    let files: Vec<String> = checkout_files(root)
        .iter()
        .map(|path| path.to_string_lossy().replace('\\', "/"))
        .collect();
    let mut paths = BTreeSet::new();
    for file in &files {
        let mut prefix = String::new();
        for segment in file.split('/') {
            if !prefix.is_empty() {
                prefix.push('/');
            }
            prefix.push_str(segment);
            paths.insert(prefix.clone());
        }
    }
    (files, paths)
}

/// A module that `#[path]` reads from another package's folder is a link
/// between crates that no `use` and no `Cargo.toml` shows: moving the file
/// breaks the other crate. Code one crate shares with another is a
/// dependency instead (as the runtime crate is for the client crate and the
/// snapshot programs).
#[test]
fn no_path_attribute_reads_a_module_of_another_package() {
    let root = root();
    let (files, paths) = files_and_paths(root);
    let mut attributes = 0;
    let mut crossing = Vec::new();
    for file in files.iter().filter(|file| file.ends_with(".rs")) {
        let text = std::fs::read_to_string(root.join(file)).unwrap_or_default();
        for (number, line) in text.lines().enumerate() {
            let Some(target) = path_attribute(line) else {
                continue;
            };
            attributes += 1;
            // Relative to the folder of the file that has the attribute.
            let module = join(&parent(file), target);
            let (from, to) = (package_of(&paths, file), package_of(&paths, &module));
            if from != to {
                crossing.push(format!(
                    "{file}:{}: `{target}` is `{module}`, of the package in `{to}/`, not `{from}/`",
                    number + 1
                ));
            }
        }
    }
    assert!(
        attributes > 10,
        "only {attributes} #[path] attributes found: the scan lost its files"
    );
    assert!(
        crossing.is_empty(),
        "#[path] attributes that read another package's file (depend on it instead):\n{}",
        crossing.join("\n")
    );
}

/// The file that a `#[path = "..."]` attribute on `line` names.
fn path_attribute(line: &str) -> Option<&str> {
    let rest = line.trim_start().strip_prefix("#[path")?.trim_start();
    let rest = rest.strip_prefix('=')?.trim_start().strip_prefix('"')?;
    rest.split_once('"').map(|(target, _)| target)
}

#[test]
fn every_repository_path_the_prose_names_exists() {
    let root = root();
    let (files, paths) = files_and_paths(root);
    let tops: BTreeSet<&str> = files
        .iter()
        .filter_map(|file| file.split_once('/').map(|(top, _)| top))
        .collect();

    let mut missing = Vec::new();
    let mut mentions = 0;
    for file in files.iter().filter(|file| scanned(file)) {
        let text = std::fs::read_to_string(root.join(file)).unwrap_or_default();
        for (number, line) in text.lines().enumerate() {
            if file.ends_with(".rs") && !line.trim_start().starts_with("//") {
                continue;
            }
            for mention in mentions_in(line, &tops) {
                mentions += 1;
                let bases = [String::new(), package_of(&paths, file), parent(file)];
                for named in alternatives(&mention) {
                    if !bases.iter().any(|base| exists(&paths, &join(base, &named))) {
                        missing.push(format!("{file}:{}: `{named}`", number + 1));
                    }
                }
            }
        }
    }
    assert!(
        mentions > 100,
        "only {mentions} path mentions found: the scan lost its files"
    );
    assert!(
        missing.is_empty(),
        "paths named in the repository that do not exist (fix the text or the path):\n{}",
        missing.join("\n")
    );
}

/// Whether `file` is prose or a script the scan reads.
fn scanned(file: &str) -> bool {
    let generated = file.starts_with("generated/src/api/")
        || is_snapshot_module(file)
        || file == "spec/signalwire-rest.openapi.yaml";
    let prose = file.ends_with(".md")
        || file.ends_with(".rs")
        || file.ends_with(".sh")
        || file.ends_with(".toml")
        || file.ends_with(".overlay.yaml")
        || file == ".ci/run";
    prose && !generated
}

/// Whether `file` is in a fixture's snapshot folder
/// (`codegen/tests/snapshots/<fixture>/`), whose text is generated from the
/// fixture; the files beside those folders (the package that compiles
/// them) are prose.
fn is_snapshot_module(file: &str) -> bool {
    file.strip_prefix("codegen/tests/snapshots/")
        .is_some_and(|rest| rest.contains('/'))
}

/// The path mentions in `line`: words that start with a top-level folder
/// and a `/`, up to the first character a path does not have, without a
/// trailing `.` or `/`.
fn mentions_in(line: &str, tops: &BTreeSet<&str>) -> Vec<String> {
    let mut found = Vec::new();
    let mut at = 0;
    while at < line.len() {
        let starts = tops
            .iter()
            .find(|top| line[at..].starts_with(*top) && line[at + top.len()..].starts_with('/'));
        if let Some(top) = starts.filter(|_| starts_a_path(&line[..at])) {
            let end = line[at..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || "_./-{},*".contains(c)))
                .map_or(line.len(), |length| at + length);
            let mention = line[at..end].trim_end_matches(['.', ',', '/']);
            if mention.len() > top.len() + 1 {
                found.push(mention.to_owned());
            }
            at = end;
        } else {
            at += line[at..].chars().next().map_or(1, char::len_utf8);
        }
    }
    found
}

/// Whether a path may start right after `before`: at the start of a word,
/// or after a shell variable and a `/` (`$root/`, `${root}/`, `$(pwd)/`).
fn starts_a_path(before: &str) -> bool {
    let Some(last) = before.chars().last() else {
        return true;
    };
    if last == '/' {
        let before = &before[..before.len() - 1];
        return before.ends_with('}')
            || before.ends_with(')')
            || before.rsplit_once('$').is_some_and(|(_, name)| {
                !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            });
    }
    !(last.is_ascii_alphanumeric() || "_.-@:".contains(last))
}

/// The folder of the package `file` belongs to (the nearest folder above it
/// with a `Cargo.toml`), or the checkout (`""`).
fn package_of(paths: &BTreeSet<String>, file: &str) -> String {
    let mut folder = parent(file);
    while !folder.is_empty() && !paths.contains(&format!("{folder}/Cargo.toml")) {
        folder = parent(&folder);
    }
    folder
}

/// The folder `path` is in (`""` for the checkout).
fn parent(path: &str) -> String {
    path.rsplit_once('/')
        .map_or(String::new(), |(folder, _)| folder.to_owned())
}

/// `path` relative to `base`, with `..` segments resolved.
fn join(base: &str, path: &str) -> String {
    let mut segments: Vec<&str> = base.split('/').filter(|s| !s.is_empty()).collect();
    for segment in path.split('/') {
        match segment {
            "." | "" => {}
            ".." => {
                segments.pop();
            }
            other => segments.push(other),
        }
    }
    segments.join("/")
}

/// Every path a mention names: `{a,b}` names both (and each combination
/// with other such braces); `{name}` is left for [`exists`].
fn alternatives(mention: &str) -> Vec<String> {
    let Some((open, close)) = mention
        .match_indices('{')
        .filter_map(|(open, _)| {
            let close = open + mention[open..].find('}')?;
            mention[open..close].contains(',').then_some((open, close))
        })
        .next()
    else {
        return vec![mention.to_owned()];
    };
    mention[open + 1..close]
        .split(',')
        .flat_map(|alternative| {
            alternatives(&format!(
                "{}{alternative}{}",
                &mention[..open],
                &mention[close + 1..]
            ))
        })
        .collect()
}

/// Whether a file or folder of the checkout matches `pattern`, where `*`
/// and `{name}` stand for any text within one path segment.
fn exists(paths: &BTreeSet<String>, pattern: &str) -> bool {
    if !pattern.contains(['{', '*']) {
        return paths.contains(pattern);
    }
    let segments: Vec<&str> = pattern.split('/').collect();
    paths.iter().any(|path| {
        let names: Vec<&str> = path.split('/').collect();
        names.len() == segments.len()
            && names
                .iter()
                .zip(&segments)
                .all(|(name, segment)| segment_matches(segment, name))
    })
}

/// Whether the path segment `name` matches `pattern`, where `*` and
/// `{name}` stand for any text.
fn segment_matches(pattern: &str, name: &str) -> bool {
    let Some(open) = pattern.find(['{', '*']) else {
        return pattern == name;
    };
    let Some(name) = name.strip_prefix(&pattern[..open]) else {
        return false;
    };
    let after = if pattern[open..].starts_with('*') {
        &pattern[open + 1..]
    } else {
        match pattern[open..].find('}') {
            Some(close) => &pattern[open + close + 1..],
            None => return false,
        }
    };
    (0..=name.len())
        .filter(|at| name.is_char_boundary(*at))
        .any(|at| segment_matches(after, &name[at..]))
}

#[test]
fn mentions_are_words_that_start_with_a_top_level_folder() {
    let tops: BTreeSet<&str> = ["spec", "codegen", ".ci"].into_iter().collect();
    let found = |line| mentions_in(line, &tops);
    assert_eq!(found("see `spec/README.md`."), ["spec/README.md"]);
    assert_eq!(
        found("run .ci/run, then codegen/src/."),
        [".ci/run", "codegen/src"]
    );
    assert_eq!(
        found(r#"cp "$root/spec/x.yaml" "${dir}/spec/y""#),
        ["spec/x.yaml", "spec/y"]
    );
    assert!(found("https://example.com/spec/x and ../shared/spec/y and myspec/z").is_empty());
    assert!(found("spec and codegen alone").is_empty());
}

#[test]
fn path_attributes_are_read_from_the_start_of_a_line() {
    assert_eq!(
        path_attribute(r#"#[path = "weather/mod.rs"]"#),
        Some("weather/mod.rs")
    );
    assert_eq!(
        path_attribute(r#"  #[path="../a.rs"] mod a;"#),
        Some("../a.rs")
    );
    assert_eq!(
        path_attribute(r##"let text = "#[path = \"x.rs\"]";"##),
        None
    );
    assert_eq!(path_attribute("#[pathological]"), None);
    let paths: BTreeSet<String> = ["a/Cargo.toml", "a", "a/b", "a/b/Cargo.toml", "a/b/c.rs"]
        .into_iter()
        .map(String::from)
        .collect();
    assert_eq!(package_of(&paths, "a/b/c.rs"), "a/b");
    assert_eq!(package_of(&paths, &join("a/b", "../x.rs")), "a");
}

#[test]
fn patterns_match_alternatives_and_any_segment() {
    let paths: BTreeSet<String> = ["tests/a.rs", "tests/b.rs", "tests", "c/x/y.rs", "c", "c/x"]
        .into_iter()
        .map(String::from)
        .collect();
    assert_eq!(alternatives("tests/{a,b}.rs"), ["tests/a.rs", "tests/b.rs"]);
    assert_eq!(
        alternatives("{x,y}/{name}/{a,b}"),
        ["x/{name}/a", "x/{name}/b", "y/{name}/a", "y/{name}/b"]
    );
    assert!(exists(&paths, "c/{name}/y.rs"));
    assert!(exists(&paths, "c/*/*.rs"));
    assert!(!exists(&paths, "c/*/z.rs"));
    assert_eq!(join("codegen/tests", "../src/lib.rs"), "codegen/src/lib.rs");
}
