//! `cargo xtask spec`: the document the client is generated from.
//!
//! - `cargo xtask spec applied` writes the document the overlay makes of
//!   the spec (what the generator, Prism and the lint read) to this
//!   checkout's folder of the target directory and prints its path;
//! - `cargo xtask spec update FILE` puts a newly downloaded upstream
//!   document in place of [`CLIENT_SPEC`], byte for byte: it applies the
//!   overlay and generates the client in memory first, and stops with every
//!   problem (an overlay action that no longer applies, a document the
//!   generator refuses) before anything is written; then it writes the
//!   spec and the generated files and returns the `cargo xtask diff`
//!   report of the change. With the document already in place it changes
//!   nothing.

use std::fs;
use std::path::Path;

use anyhow::{Context, Result};

use crate::diff::{Format, Report, Snapshot, package_version};
use crate::{CLIENT_CRATE, CLIENT_OVERLAY, CLIENT_SPEC, Mode, Plan, Target, applied, sync};

/// How to call the command.
pub const USAGE: &str = "cargo xtask spec applied | cargo xtask spec update FILE";

/// What `cargo xtask spec update` did.
#[derive(Debug)]
pub struct Updated {
    /// What changed on disk, one line each (empty for a no-op).
    pub changed: Vec<String>,
    /// The `cargo xtask diff` report of the change, in Markdown.
    pub report: String,
}

/// Replaces [`CLIENT_SPEC`] of the checkout at `root` with the document in
/// `file` and regenerates the client; nothing is written unless the
/// overlay applies to it and the client generates.
pub fn update(root: &Path, file: &Path) -> Result<Updated> {
    let bytes = fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let text = String::from_utf8(bytes.clone())
        .with_context(|| format!("{} is not UTF-8 text", file.display()))?;
    let overlay_path = root.join(CLIENT_OVERLAY);
    let overlay = fs::read_to_string(&overlay_path)
        .with_context(|| format!("cannot read {}", overlay_path.display()))?;
    let name = file.display().to_string();
    let document = applied(&name, &text, CLIENT_OVERLAY, &overlay).with_context(|| {
        format!(
            "nothing was changed: fix or remove the overlay actions below in {CLIENT_OVERLAY}, \
             then run `cargo xtask spec update {name}` again"
        )
    })?;
    let target = Target {
        spec: name.clone(),
        ..Target::client()
    };
    let output = target
        .generate_from(&document)
        .and_then(|output| target.with_manifest(root, output))
        .context("nothing was changed: the client does not generate from the new document")?;

    // Before: what the checked-in client was generated from, the spec and
    // overlay at HEAD (the overlay may have been edited for the new
    // document since); the working tree outside git.
    let old = Snapshot::at_revision(root, "HEAD").or_else(|_| Snapshot::working_tree(root))?;
    let manifest = fs::read_to_string(root.join(CLIENT_CRATE).join("Cargo.toml")).ok();
    let new = Snapshot::text(
        &name,
        &document,
        manifest.as_deref().and_then(package_version),
    );
    let report = Report::new(old, new)?.render(Format::Markdown);

    let spec_path = root.join(CLIENT_SPEC);
    let mut changed = Vec::new();
    if fs::read(&spec_path).ok().as_deref() != Some(bytes.as_slice()) {
        crate::write_atomically_bytes(&spec_path, &bytes)?;
        changed.push(format!("updated: {CLIENT_SPEC}"));
    }
    let plan = Plan {
        outputs: vec![(CLIENT_CRATE.to_owned(), output)],
        orphans: Vec::new(),
    };
    changed.extend(
        sync(root, &plan, Mode::Write)?
            .into_iter()
            .map(|file| format!("updated: {file}")),
    );
    Ok(Updated { changed, report })
}

/// The applied document ([`applied_file`](crate::applied_file)) cut down to
/// the paths that start with one of `prefixes` and the components they
/// reach through `$ref` (security schemes are kept whole; `webhooks`,
/// which no request reaches, are left out), written beside it as
/// `<name>.json`; its path.
///
/// Prism cannot serve the whole document: measured on this machine, it had
/// not started listening after seven minutes on the applied document, nor
/// on its Fabric paths alone, while it serves the SIP endpoint resource's
/// paths within seconds. The contract tests serve what they call.
pub fn pruned_file(root: &Path, name: &str, prefixes: &[&str]) -> Result<std::path::PathBuf> {
    let text = Target::client().document(root)?;
    let mut document: serde_json::Value =
        serde_json::from_str(&text).context("the applied document is not JSON")?;
    prune(&mut document, prefixes)?;
    let path = crate::checkout_dir(root)?.join(format!("{name}.json"));
    let text = serde_json::to_string_pretty(&document).context("cannot write the document")?;
    crate::write_atomically_bytes(&path, text.as_bytes())?;
    Ok(path)
}

/// Keeps the paths of `document` under `prefixes` and what they reach.
fn prune(document: &mut serde_json::Value, prefixes: &[&str]) -> Result<()> {
    use serde_json::Value;
    let object = document
        .as_object_mut()
        .context("the document is not an object")?;
    object.remove("webhooks");
    if let Some(Value::Object(paths)) = object.get_mut("paths") {
        paths.retain(|path, _| prefixes.iter().any(|prefix| path.starts_with(prefix)));
        if paths.is_empty() {
            anyhow::bail!("no path of the document starts with {prefixes:?}");
        }
    }
    let mut reached = std::collections::BTreeSet::new();
    let mut pending = Vec::new();
    references(object.get("paths").unwrap_or(&Value::Null), &mut pending);
    let snapshot = Value::Object(object.clone());
    while let Some(reference) = pending.pop() {
        if !reached.insert(reference.clone()) {
            continue;
        }
        let target = reference
            .strip_prefix('#')
            .and_then(|pointer| snapshot.pointer(pointer))
            .with_context(|| format!("unresolved reference `{reference}`"))?;
        references(target, &mut pending);
    }
    if let Some(Value::Object(components)) = object.get_mut("components") {
        for (section, items) in components.iter_mut() {
            if section == "securitySchemes" {
                continue;
            }
            if let Value::Object(items) = items {
                items.retain(|key, _| {
                    let escaped = key.replace('~', "~0").replace('/', "~1");
                    reached.contains(&format!("#/components/{section}/{escaped}"))
                });
            }
        }
        components.retain(|_, items| items.as_object().is_none_or(|items| !items.is_empty()));
    }
    Ok(())
}

/// Every local `$ref` inside `value`.
fn references(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(object) => {
            for (key, value) in object {
                match (key.as_str(), value) {
                    ("$ref", serde_json::Value::String(reference))
                        if reference.starts_with("#/") =>
                    {
                        out.push(reference.clone())
                    }
                    _ => references(value, out),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|item| references(item, out)),
        _ => {}
    }
}
