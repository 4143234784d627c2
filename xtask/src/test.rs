//! `cargo xtask test`: every test of the project, in one command.
//!
//! Steps run in order and the first failure stops the run with the step named:
//!
//! 1. install the pinned Node.js tools of `contract/` (`npm ci`): Prism and
//!    Redocly;
//! 2. lint the document the client is generated from (`spec/` with its
//!    overlay applied) with Redocly (errors fail the run);
//! 3. the whole workspace's tests (unit, snapshot, sync, wire, compile-fail,
//!    the examples), the client with its Fabric area alone, and doc tests;
//! 4. the contract tests (`tests/tests/contract.rs`) and the contract
//!    sweep (`tests/tests/contract_sweep.rs`, one test per operation,
//!    requests built from the applied document): the generated client
//!    against Prism serving the whole applied document, its recursive and
//!    largest schema references cut so that Prism can load it
//!    ([`crate::spec::served_file`]), as a validating mock on a free
//!    loopback port, stopped afterwards whatever the outcome;
//! 5. the generator's fuzz targets ([`crate::fuzz`]), for
//!    [`FUZZ_SECONDS`] each ([`FULL_FUZZ_SECONDS`] with `--full`);
//! 6. the client's docs with warnings denied.
//!
//! The generator's node sweep (`codegen/tests/generator/sweep.rs`) runs a
//! fixed, seeded sample of its mutated documents; `--full` runs all of
//! them ([`Scope::Full`]). `--quick` ([`Scope::Quick`]) is the inner loop:
//! step 3's workspace tests without the sweep, nothing else.
//!
//! Without Node.js/npm, steps 1, 2 and 4 cannot run: the command fails and
//! says how to install them, or how to skip them explicitly with
//! `--skip-contract`. Nothing is skipped silently.

use std::io::{BufRead, BufReader, Write as _};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

/// `cargo test` of every package whose tests this command runs. The
/// benchmarks have their own command (`cargo bench -p benchmarks`, see
/// BENCHMARKS.md); clippy still checks them. Every step that builds tests
/// selects the same packages, so that their features unify the same way and
/// nothing is compiled twice. The test targets are selected with `--tests`
/// (every target with `test = true`), not `--all-targets`, which would also
/// build each example as a test harness (the examples are built, as users
/// build them, by the tests that run them) and the client library's empty
/// test build. They build with the `dev` profile, not `cargo test`'s own
/// `test` profile: the two are the same settings, but a profile's name is
/// part of what identifies a compiled crate, so under `test` every proc
/// macro and build script that clippy, `cargo xtask` and the docs compiled
/// (`dev`) was compiled again (BENCHMARKS.md, "CI").
const WORKSPACE_TESTS: &[&str] = &[
    "test",
    "--profile",
    "dev",
    "--workspace",
    "--exclude",
    "benchmarks",
];
/// The test targets that need Prism (`--ignored` without it): the
/// contract tests and the generated contract sweep.
const CONTRACT_TESTS: &[&str] = &["--test", "contract", "--test", "contract_sweep"];
/// The folder of the pinned Node.js tools (package.json, package-lock.json).
const TOOLS: &str = "contract";
/// The client crate's folder in `cargo doc`'s output.
const CLIENT_DOCS: &str = "signalwire_rest";
/// How long Prism may take to start listening: it listened after about
/// 10 seconds on the served document ([`crate::spec::served_file`]) on a
/// 2-core machine; the margin is for a loaded 2-core CI machine.
const PRISM_START: Duration = Duration::from_secs(120);

/// How long CI fuzzes each target of the generator: a fixed budget, so
/// that the run's length does not depend on what the fuzzer finds.
pub const FUZZ_SECONDS: u64 = 15;
/// How long `--full` fuzzes each target.
pub const FULL_FUZZ_SECONDS: u64 = 300;

/// The environment variable that makes the generator's node sweep run
/// every mutated document (`full`) rather than its fixed sample.
pub const SWEEP_VARIABLE: &str = "CODEGEN_SWEEP";
/// The test-name filter that leaves the node sweep out.
const SWEEP_FILTER: &str = "sweep::every_one_node_mutation_of_the_fixtures";

/// How much of the project `cargo xtask test` runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The inner loop: the workspace's tests (unit, snapshot, sync, wire,
    /// compile-fail, examples) without the node sweep; no Prism, no spec
    /// lint, no doc tests, no fuzzing, no docs, no Fabric-only build.
    Quick,
    /// What CI runs: every step, the node sweep on its fixed sample.
    Ci,
    /// Every step, the node sweep on every mutated document.
    Full,
}

/// What `cargo xtask test` was asked to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Skip the steps that need Node.js (spec lint and contract tests).
    pub skip_contract: bool,
    /// How much to run.
    pub scope: Scope,
}

impl Options {
    /// The options of `cargo xtask test FLAGS...`: `--quick`, `--full`,
    /// `--skip-contract`, each at most once; `--quick` with `--full` is an
    /// error, and `--quick` needs no `--skip-contract` (it runs no contract
    /// step).
    pub fn parse(flags: &[&str]) -> Result<Options> {
        let mut options = Options {
            skip_contract: false,
            scope: Scope::Ci,
        };
        let mut seen = Vec::new();
        for &flag in flags {
            if seen.contains(&flag) {
                bail!("`{flag}` is given twice");
            }
            seen.push(flag);
            match flag {
                "--skip-contract" => options.skip_contract = true,
                "--quick" | "--full" if options.scope != Scope::Ci => {
                    bail!("`--quick` and `--full` exclude each other")
                }
                "--quick" => options.scope = Scope::Quick,
                "--full" => options.scope = Scope::Full,
                other => bail!(
                    "`cargo xtask test` takes `--quick`, `--full` and `--skip-contract`, not `{other}`"
                ),
            }
        }
        if options.scope == Scope::Quick {
            options.skip_contract = true;
        }
        Ok(options)
    }
}

/// Runs every step from the workspace root.
pub fn run(root: &Path, options: Options) -> Result<()> {
    let cargo = crate::cargo();
    let mut totals = Totals::default();
    let tools = root.join(TOOLS);

    if options.scope == Scope::Quick {
        eprintln!(
            "==> quick: the workspace's tests without the node sweep; no spec lint, Prism, \
             doc tests, fuzzing, docs or Fabric-only build (`cargo xtask test` runs them)"
        );
        step(
            &mut totals,
            "workspace tests (quick)",
            &mut workspace_tests(&cargo, root, options.scope),
        )?;
        return totals.close();
    }

    // What the generator reads: the spec with the overlay applied.
    let spec = crate::applied_file(root)?;
    if options.skip_contract {
        eprintln!(
            "==> SKIPPED on request (--skip-contract): spec lint and contract tests against Prism"
        );
    } else {
        require_npm()?;
        step(
            &mut totals,
            "install the pinned contract tools",
            Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
                .current_dir(&tools),
        )?;
        step(
            &mut totals,
            "spec lint (Redocly)",
            Command::new(tools.join("node_modules/.bin/redocly"))
                .arg("lint")
                .arg(&spec)
                .arg("--config")
                .arg(tools.join("redocly.yaml"))
                .env("REDOCLY_TELEMETRY", "off")
                .env("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true")
                .current_dir(root),
        )?;
    }

    step(
        &mut totals,
        "workspace tests",
        &mut workspace_tests(&cargo, root, options.scope),
    )?;
    step(
        &mut totals,
        "the client with one area alone (Fabric)",
        Command::new(&cargo)
            .args([
                "check",
                "--package",
                "signalwire-rest",
                "--no-default-features",
                "--features",
                "fabric",
                "--lib",
                "--examples",
            ])
            .current_dir(root),
    )?;
    step(
        &mut totals,
        "doc tests",
        Command::new(&cargo)
            .args(WORKSPACE_TESTS)
            .arg("--doc")
            .current_dir(root),
    )?;

    if !options.skip_contract {
        // Built before Prism starts, so that its start-up time is not spent compiling.
        step(
            &mut totals,
            "build the contract tests",
            Command::new(&cargo)
                // The workspace, as the workspace tests select it, so that
                // features unify the same way and nothing is built again.
                .args(WORKSPACE_TESTS)
                .args(CONTRACT_TESTS)
                .arg("--no-run")
                .current_dir(root),
        )?;
        let served = crate::spec::served_file(root)?;
        eprintln!("==> {}", describe(&served));
        let prism = Prism::start(root, &tools, &served.path)?;
        let result = step(
            &mut totals,
            "contract tests against Prism",
            Command::new(&cargo)
                .args(WORKSPACE_TESTS)
                .args(CONTRACT_TESTS)
                .args(["--", "--ignored"])
                .env("PRISM_URL", prism.url())
                // What the sweep builds its requests from: the uncut document.
                .env("SWEEP_DOCUMENT", &spec)
                .current_dir(root),
        );
        drop(prism);
        result?;
    }

    let fuzz = crate::fuzz::Options {
        seconds: if options.scope == Scope::Full {
            FULL_FUZZ_SECONDS
        } else {
            FUZZ_SECONDS
        },
        targets: crate::fuzz::TARGETS
            .iter()
            .map(|t| (*t).to_owned())
            .collect(),
    };
    if let Some((what, mut command)) = crate::fuzz::install_command(root)? {
        step(&mut totals, &what, &mut command)?;
    }
    for (what, mut command) in crate::fuzz::commands(root, &fuzz)? {
        step(&mut totals, &what, &mut command)?;
    }

    step(
        &mut totals,
        "client docs (warnings denied)",
        Command::new(&cargo)
            // With the mock, whose docs link into the client's.
            .args([
                "doc",
                "--no-deps",
                "--package",
                "signalwire-rest",
                "--features",
                "mock",
            ])
            .env("RUSTDOCFLAGS", "-D warnings")
            .current_dir(root),
    )?;
    let docs = crate::target_dir(root)?.join("doc").join(CLIENT_DOCS);
    eprintln!("==> rendered links of {}", docs.display());
    check_rendered_links(&docs)?;

    totals.close()
}

/// `cargo test` of the workspace's test targets, with the node sweep as
/// `scope` has it: left out (quick), on its sample (CI) or on every
/// mutated document (full).
fn workspace_tests(cargo: &str, root: &Path, scope: Scope) -> Command {
    let mut command = Command::new(cargo);
    command
        .args(WORKSPACE_TESTS)
        .arg("--tests")
        .current_dir(root);
    match scope {
        Scope::Quick => command
            .args(["--", "--skip", SWEEP_FILTER])
            .env_remove(SWEEP_VARIABLE),
        Scope::Ci => command.env_remove(SWEEP_VARIABLE),
        Scope::Full => command.env(SWEEP_VARIABLE, "full"),
    };
    command
}

fn require_npm() -> Result<()> {
    let found = Command::new("npm")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    if !found {
        bail!(
            "Node.js and npm are needed for the spec lint and the contract tests against Prism, \
             and `npm --version` did not run.\n\
             Install Node.js 20.19 or newer with npm (a distribution's package may be older; \
             check `node --version`), then run `cargo xtask test` again;\n\
             or skip those steps explicitly with `cargo xtask test --skip-contract`."
        );
    }
    Ok(())
}

/// Runs one step, passing its output through and counting the tests it reports.
fn step(totals: &mut Totals, what: &str, command: &mut Command) -> Result<()> {
    eprintln!("==> {what}: {command:?}");
    let started = Instant::now();
    let mut child = command
        .stdout(Stdio::piped())
        .spawn()
        .with_context(|| format!("cannot start {what}: {command:?}"))?;
    if let Some(stdout) = child.stdout.take() {
        let mut out = std::io::stdout().lock();
        for line in BufReader::new(stdout).lines() {
            let line = line.with_context(|| format!("cannot read the output of {what}"))?;
            totals.add(&line);
            writeln!(out, "{line}").context("cannot write to stdout")?;
        }
    }
    let status = child
        .wait()
        .with_context(|| format!("cannot wait for {what}"))?;
    // What each step costs, for keeping CI within its budget (BENCHMARKS.md,
    // "CI"); printed, never checked.
    let seconds = started.elapsed().as_secs_f64();
    eprintln!(
        "==> {what}: {} in {seconds:.1} s",
        if status.success() { "done" } else { "failed" },
    );
    totals.steps.push((what.to_owned(), seconds));
    if !status.success() {
        println!("tests: {} passed, {} failed", totals.passed, totals.failed);
        bail!("{what} failed ({status})");
    }
    Ok(())
}

/// Prism serving the spec on a free loopback port; stopped when dropped.
struct Prism {
    child: Child,
    address: SocketAddr,
}

impl Prism {
    fn start(root: &Path, tools: &Path, spec: &Path) -> Result<Self> {
        let address = TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .context("cannot find a free loopback port for Prism")?;
        // Outside the checkout, in the real target directory: one log per
        // port, so that checkouts sharing the target directory keep theirs.
        let log_path = crate::scratch_dir(root)?.join(format!("prism-{}.log", address.port()));
        let log = std::fs::File::create(&log_path)
            .with_context(|| format!("cannot create {}", log_path.display()))?;
        let program: PathBuf = tools.join("node_modules/.bin/prism");
        eprintln!("==> start Prism on {address} (log: {})", log_path.display());
        let mut command = Command::new(&program);
        command
            .arg("mock")
            .arg(spec)
            .args(["--host", "127.0.0.1", "--port"])
            .arg(address.port().to_string())
            .current_dir(root)
            .stdin(Stdio::null())
            .stdout(log.try_clone().context("cannot share the Prism log")?)
            .stderr(log);
        #[cfg(unix)]
        {
            // Its own process group, so that stopping it stops anything it started.
            use std::os::unix::process::CommandExt as _;
            command.process_group(0);
        }
        let child = command
            .spawn()
            .with_context(|| format!("cannot start {}", program.display()))?;
        let mut prism = Prism { child, address };
        let started = Instant::now();
        loop {
            if TcpStream::connect_timeout(&address, Duration::from_millis(200)).is_ok() {
                return Ok(prism);
            }
            if let Some(status) = prism.child.try_wait().context("cannot watch Prism")? {
                let log = std::fs::read_to_string(&log_path).unwrap_or_default();
                bail!("Prism exited before it listened ({status}):\n{log}");
            }
            if started.elapsed() > PRISM_START {
                // `prism` is dropped here, which stops it.
                bail!(
                    "Prism did not listen on {address} within {PRISM_START:?}; see {}",
                    log_path.display()
                );
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn url(&self) -> String {
        format!("http://{}", self.address)
    }
}

impl Drop for Prism {
    fn drop(&mut self) {
        #[cfg(unix)]
        {
            // The whole process group: npm's shim and the node process behind it.
            let _ = Command::new("kill")
                .args(["-TERM", "--", &format!("-{}", self.child.id())])
                .stderr(Stdio::null())
                .status();
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        eprintln!("==> stopped Prism");
    }
}

/// Fails, listing each place, when a page of the rendered docs under `dir`
/// shows link brackets that rustdoc did not turn into a link (`[`Foo`]`
/// whose target it could not resolve, which it renders as text when the
/// lint does not catch it, e.g. inside a re-exported item's docs), or links
/// somewhere that depends on the site showing it ([`unrooted_links`]).
fn check_rendered_links(dir: &Path) -> Result<()> {
    let mut pages = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        let entries = std::fs::read_dir(&current)
            .with_context(|| format!("cannot list {} (did `cargo doc` run?)", current.display()))?;
        for entry in entries {
            let path = entry.context("cannot list the rendered docs")?.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|ext| ext == "html") {
                pages.push(path);
            }
        }
    }
    pages.sort();
    let mut problems = Vec::new();
    for page in &pages {
        let html = std::fs::read_to_string(page)
            .with_context(|| format!("cannot read {}", page.display()))?;
        let relative = page.strip_prefix(dir).unwrap_or(page);
        for excerpt in raw_link_brackets(&html) {
            problems.push(format!("{}: {excerpt}", relative.display()));
        }
        for link in unrooted_links(&html) {
            problems.push(format!(
                "{}: a link that works only on some site: {link}",
                relative.display()
            ));
        }
    }
    if pages.is_empty() {
        bail!("no rendered pages in {}", dir.display());
    }
    if !problems.is_empty() {
        bail!(
            "{} place(s) in the rendered docs show link brackets instead of a link:\n  {}",
            problems.len(),
            problems.join("\n  ")
        );
    }
    Ok(())
}

/// The targets of `html`'s links that resolve against whatever shows the
/// page rather than to one place: paths from a site's root (`/docs/x`
/// becomes `docs.rs/docs/x` on docs.rs) and `file:` URLs. Rustdoc's own
/// links are relative to the page; a document's site-relative links must be
/// made absolute (`info.x-docs-origin`, see the generator's `load::links`).
fn unrooted_links(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for pattern in ["href=\"/", "href=\"file:", "src=\"/", "src=\"file:"] {
        let mut from = 0;
        while let Some(at) = html[from..].find(pattern) {
            let start = from + at + pattern.find('"').map_or(0, |quote| quote + 1);
            let end = html[start..]
                .find('"')
                .map_or(html.len(), |end| start + end);
            // `//host/...` is protocol-relative: one place.
            if !html[start..].starts_with("//") {
                found.push(html[start..end].to_owned());
            }
            from = end;
        }
    }
    found
}

/// The places of `html` where `[`code`]` or `[text](url)` was left as
/// text: brackets around a `<code>` element, or `](` outside `<pre>` and
/// `<code>`; in the page's own docs, not in those of trait implementations.
fn raw_link_brackets(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    // The docs of trait implementations are the traits' crates' own.
    let own = [
        "id=\"trait-implementations\"",
        "id=\"synthetic-implementations\"",
        "id=\"blanket-implementations\"",
    ]
    .iter()
    .filter_map(|section| html.find(section))
    .min()
    .map_or(html, |end| &html[..end]);
    let text = strip_code_blocks(own);
    for pattern in ["[<code>x</code>]", "]("] {
        let mut from = 0;
        while let Some(at) = text[from..].find(pattern) {
            let at = from + at;
            let start = text[..at]
                .char_indices()
                .rev()
                .nth(40)
                .map_or(0, |(index, _)| index);
            let end = text[at..]
                .char_indices()
                .nth(40)
                .map_or(text.len(), |(index, _)| at + index);
            found.push(text[start..end].replace('\n', " "));
            from = at + pattern.len();
        }
    }
    found
}

/// `html` without `<pre>...</pre>` blocks and `<script>` elements, and with
/// the contents of inline `<code>` elements blanked: brackets inside code
/// are code.
fn strip_code_blocks(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    loop {
        let next = ["<pre", "<script", "<code>"]
            .iter()
            .filter_map(|open| rest.find(open).map(|at| (at, *open)))
            .min();
        let Some((at, open)) = next else {
            out.push_str(rest);
            return out;
        };
        out.push_str(&rest[..at]);
        let close = match open {
            "<pre" => "</pre>",
            "<script" => "</script>",
            _ => "</code>",
        };
        let Some(end) = rest[at..].find(close) else {
            return out;
        };
        if open == "<code>" {
            out.push_str("<code>x</code>");
        }
        rest = &rest[at + end + close.len()..];
    }
}

/// What Prism serves, in one line: how many schema references were cut,
/// and the distinct schemas they name, by reason.
pub fn describe(served: &crate::spec::Served) -> String {
    use crate::spec::{INLINE_LIMIT, Why};
    use std::collections::BTreeSet;
    if served.cuts.is_empty() {
        return "Prism serves the applied document uncut".to_owned();
    }
    let names = |recursive: bool| {
        let names: BTreeSet<&str> = served
            .cuts
            .iter()
            .filter(|cut| (cut.why == Why::Recursive) == recursive)
            .map(|cut| cut.schema.as_str())
            .collect();
        names.into_iter().collect::<Vec<_>>().join(", ")
    };
    let mut reasons = Vec::new();
    for (recursive, label) in [
        (true, "recursive".to_owned()),
        (false, format!("over {INLINE_LIMIT} nodes inlined")),
    ] {
        let names = names(recursive);
        if !names.is_empty() {
            reasons.push(format!("{label}: {names}"));
        }
    }
    format!(
        "Prism serves the applied document with {} schema reference{} cut ({})",
        served.cuts.len(),
        if served.cuts.len() == 1 { "" } else { "s" },
        reasons.join("; ")
    )
}

/// Tests counted from the `test result: ok. N passed; M failed; ...` lines of `cargo test`.
#[derive(Debug, Default, PartialEq)]
struct Totals {
    passed: u64,
    failed: u64,
    /// Each step that ran, with its wall-clock seconds.
    steps: Vec<(String, f64)>,
}

impl Totals {
    /// The run's end: what each step took, then one closing line for the
    /// whole run, whichever runner reported last; an error if no test ran.
    fn close(&self) -> Result<()> {
        let total: f64 = self.steps.iter().map(|(_, seconds)| seconds).sum();
        eprintln!("==> steps (wall-clock seconds, {total:.0} s in all):");
        for (what, seconds) in &self.steps {
            eprintln!("==>   {seconds:7.1}  {what}");
        }
        println!("tests: {} passed, {} failed", self.passed, self.failed);
        if self.passed == 0 {
            bail!("no test ran");
        }
        Ok(())
    }

    fn add(&mut self, line: &str) {
        let Some(rest) = line.strip_prefix("test result: ") else {
            return;
        };
        for part in rest.split(['.', ';']) {
            let mut words = part.split_whitespace();
            let (Some(count), Some(label)) = (words.next(), words.next()) else {
                continue;
            };
            let Ok(count) = count.parse::<u64>() else {
                continue;
            };
            match label {
                "passed" => self.passed += count,
                "failed" => self.failed += count,
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Options, Scope, Totals, describe, raw_link_brackets, unrooted_links};
    use crate::spec::{Cut, Served, Why};

    #[test]
    fn describes_the_cuts_by_reason_with_distinct_names() {
        let cut = |schema: &str, why| Cut {
            schema: schema.to_owned(),
            why,
        };
        let served = Served {
            path: "prism.json".into(),
            cuts: vec![
                cut("B", Why::Recursive),
                cut("A", Why::Recursive),
                cut("B", Why::Recursive),
                cut("Big", Why::Inlined(30_000)),
            ],
        };
        assert_eq!(
            describe(&served),
            "Prism serves the applied document with 4 schema references cut \
             (recursive: A, B; over 20000 nodes inlined: Big)"
        );
        let uncut = Served {
            path: "prism.json".into(),
            cuts: Vec::new(),
        };
        assert_eq!(describe(&uncut), "Prism serves the applied document uncut");
    }

    #[test]
    fn unrendered_link_brackets_are_found_and_code_is_left_alone() {
        let html = "<p>Held in a [<code>secrecy::SecretString</code>], see [the docs](https://x.test).</p>\
                    <pre>let a = [b](c);</pre><p>An array <code>[1](2)</code> and <a href=\"x\"><code>Client</code></a>.</p>";
        let found = raw_link_brackets(html);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].contains("in a [<code>x</code>], see"), "{found:?}");
        assert!(found[1].contains("[the docs](https"), "{found:?}");
        assert!(raw_link_brackets("<p>A <a href=\"a\"><code>Client</code></a>.</p>").is_empty());
    }

    #[test]
    fn links_from_a_sites_root_and_file_urls_are_found() {
        let html = r#"<a href="/docs/a">x</a> <a href="../b.html">y</a> <a href="https://c.test/d">z</a>
            <a href="file:///docs/e">w</a> <img src="/f.png"> <a href="//cdn.test/g">v</a>"#;
        assert_eq!(
            unrooted_links(html),
            ["/docs/a", "file:///docs/e", "/f.png"]
        );
        assert!(unrooted_links(r#"<a href="struct.Client.html">C</a>"#).is_empty());
    }

    #[test]
    fn flags_choose_the_scope() {
        let parse = |flags: &[&str]| Options::parse(flags);
        assert_eq!(
            parse(&[]).unwrap(),
            Options {
                skip_contract: false,
                scope: Scope::Ci
            }
        );
        assert_eq!(
            parse(&["--quick"]).unwrap(),
            Options {
                skip_contract: true,
                scope: Scope::Quick
            }
        );
        assert_eq!(
            parse(&["--skip-contract", "--full"]).unwrap(),
            Options {
                skip_contract: true,
                scope: Scope::Full
            }
        );
        let error = |flags: &[&str]| parse(flags).unwrap_err().to_string();
        assert_eq!(
            error(&["--quick", "--full"]),
            "`--quick` and `--full` exclude each other"
        );
        assert_eq!(error(&["--full", "--full"]), "`--full` is given twice");
        assert_eq!(
            error(&["--fast"]),
            "`cargo xtask test` takes `--quick`, `--full` and `--skip-contract`, not `--fast`"
        );
    }

    #[test]
    fn counts_cargo_test_summaries_and_ignores_other_lines() {
        let mut totals = Totals::default();
        totals.add("test result: ok. 15 passed; 0 failed; 2 ignored; 0 measured; 0 filtered out; finished in 0.00s");
        totals.add("test result: FAILED. 3 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out; finished in 1.2s");
        totals.add("test a_test_named_test_result ... ok");
        totals.add("running 7 tests");
        assert_eq!(
            totals,
            Totals {
                passed: 18,
                failed: 1,
                steps: Vec::new(),
            }
        );
    }
}
