//! `cargo xtask synth [--operations N] [--schemas M] [-o FILE] [--time]`:
//! writes the synthetic document of [`document`] (100 operations and 400
//! schemas unless told otherwise; `--operations N` alone asks for `4 × N`
//! schemas) to `FILE` or standard output; with `--time`, also runs the
//! generator on it and says how long that took.

pub mod document;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

pub use document::Size;

/// How many times `--time` runs the generator; the fastest run is reported.
const RUNS: usize = 3;

/// What `cargo xtask synth` was asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The size of the document.
    pub size: Size,
    /// Where to write it; standard output if `None`.
    pub output: Option<PathBuf>,
    /// Whether to time the generator on it.
    pub time: bool,
}

impl Options {
    /// Reads the arguments after `synth`.
    pub fn parse(args: &[&str]) -> Result<Options> {
        let mut operations = None;
        let mut schemas = None;
        let mut output = None;
        let mut time = false;
        let mut args = args.iter();
        while let Some(&arg) = args.next() {
            let mut value = || {
                args.next()
                    .copied()
                    .with_context(|| format!("{arg} needs a value"))
            };
            match arg {
                "--operations" => operations = Some(count(arg, value()?)?),
                "--schemas" => schemas = Some(count(arg, value()?)?),
                "-o" | "--output" => output = Some(PathBuf::from(value()?)),
                "--time" => time = true,
                other => bail!("unknown argument `{other}` of `cargo xtask synth`"),
            }
        }
        let default = Size::default();
        let operations = operations.unwrap_or(default.operations);
        let schemas = schemas.unwrap_or(operations * (default.schemas / default.operations));
        Ok(Options {
            size: Size {
                operations,
                schemas,
            },
            output,
            time,
        })
    }
}

fn count(flag: &str, value: &str) -> Result<usize> {
    value
        .parse()
        .with_context(|| format!("{flag} takes a number, not `{value}`"))
}

/// Writes the document; with `--time`, returns what the generator made of
/// it and how long that took, for standard error.
pub fn run(options: &Options) -> Result<Option<String>> {
    let text = document::document(options.size).map_err(anyhow::Error::msg)?;
    match &options.output {
        Some(path) => std::fs::write(path, &text)
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => print!("{text}"),
    }
    if !options.time {
        return Ok(None);
    }
    let mut fastest = Duration::MAX;
    let mut output = codegen::Output::new();
    for _ in 0..RUNS {
        let started = Instant::now();
        output = codegen::generate("synthetic.json", &text)
            .map_err(|errors| anyhow::anyhow!("the synthetic document: {errors}"))?;
        fastest = fastest.min(started.elapsed());
    }
    let lines: usize = output.values().map(|file| file.lines().count()).sum();
    Ok(Some(format!(
        "generated {} operations and {} schemas ({} KiB of JSON) into {lines} lines of Rust in \
         {:.0} ms (fastest of {RUNS} runs, {} build)",
        options.size.operations,
        options.size.schemas,
        text.len() / 1024,
        fastest.as_secs_f64() * 1000.0,
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        }
    )))
}
