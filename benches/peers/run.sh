#!/usr/bin/env bash
# Clean build time and number of distinct packages of this repository's
# client next to clients of the same operation made by two other
# generators, built in the same run:
#   - openapi-generator 7.x, `rust` generator (PyPI `openapi-generator-cli`,
#     needs Java), as it generates;
#   - progenitor 0.15 through its `Generator` API (what its build.rs and
#     `cargo progenitor` use): the script runs it on the document and
#     prints how it fails (the document is OpenAPI 3.1, which progenitor
#     does not read); there is no client of it to build.
# The peers are generated into `<target dir>/peers` and never become part
# of the workspace. Every client is built (debug, as `cargo build`) with an
# empty target directory of its own. Packages are counted over normal
# dependency edges (`cargo tree --edges normal`), the client included.
#
#   bash benches/peers/run.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
target="$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')"
peers="$target/peers"
rm -rf "$peers"
mkdir -p "$peers"
# The document this repository's client is generated from: SignalWire's
# with the project's overlay applied (openapi-generator refuses SignalWire's
# own, whose two PubSub token operations share an operationId).
spec="$(cargo xtask spec applied)"
results="$peers/results.tsv"
: > "$results"

# A crate outside this workspace even when the target dir is inside it.
standalone() { printf '\n[workspace]\n' >> "$1/Cargo.toml"; }

# Builds the crate in `dir` (package `package`) with an empty target dir
# `$peers/build-<package>`; appends `name`, seconds, the package count and
# the outcome (builds, or how it fails) to the results.
measure() {
  local name="$1" dir="$2" package="$3"
  local build="$peers/build-$package"
  echo "==> $name: clean build"
  rm -rf "$build"
  local started ended packages
  local log="$peers/build-$package.log" outcome="builds"
  started=$(date +%s.%N)
  if ! (cd "$dir" && CARGO_TARGET_DIR="$build" cargo build -p "$package" > "$log" 2>&1); then
    # A client that does not compile is a result too: how it fails.
    outcome="fails: $(grep -c '^error\[' "$log") errors, first: $(grep -m1 '^error' "$log")"
  fi
  ended=$(date +%s.%N)
  echo "    $outcome"
  packages=$(cd "$dir" && cargo tree -p "$package" --prefix none --edges normal \
    | sed 's/ (\*)$//; s/ (proc-macro)$//' | sort -u | wc -l)
  printf '%s\t%.1f\t%s\t%s\n' "$name" "$(echo "$ended - $started" | bc)" "$packages" \
    "$outcome" >> "$results"
}

# This repository's client, with the workspace's lock file.
measure "signalwire-rest (this repository)" "$root" signalwire-rest

# openapi-generator, `rust` generator, default options (reqwest).
echo "==> openapi-generator $(openapi-generator-cli version 2>/dev/null | tail -1): generate"
openapi-generator-cli generate --generator-name rust --input-spec "$spec" \
  --output "$peers/openapi-generator" --additional-properties packageName=signalwire-openapi \
  > "$peers/openapi-generator.log" 2>&1
standalone "$peers/openapi-generator"
measure "openapi-generator $(openapi-generator-cli version 2>/dev/null | tail -1) rust" \
  "$peers/openapi-generator" signalwire-openapi

# progenitor 0.15: a small generator program, then the client it writes.
gen="$peers/progenitor-generator"
mkdir -p "$gen/src"
cat > "$gen/Cargo.toml" <<'TOML'
[package]
name = "progenitor-generator"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
openapiv3 = "2"
prettyplease = "0.2"
progenitor = "0.15"
syn = { version = "2", features = ["full"] }
yaml_serde = "0.10"

[workspace]
TOML
cat > "$gen/src/main.rs" <<'RUST'
//! progenitor-generator SPEC OUT_DIR: writes a client crate for SPEC.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let text = std::fs::read_to_string(&args[1]).expect("read the spec");
    let spec: openapiv3::OpenAPI = yaml_serde::from_str(&text).expect("parse the spec");
    let tokens = progenitor::Generator::default()
        .generate_tokens(&spec)
        .expect("generate");
    let file: syn::File = syn::parse2(tokens).expect("parse the generated tokens");
    let out = std::path::Path::new(&args[2]);
    std::fs::create_dir_all(out.join("src")).expect("create the crate");
    std::fs::write(out.join("src/lib.rs"), prettyplease::unparse(&file)).expect("write lib.rs");
    std::fs::write(
        out.join("Cargo.toml"),
        r#"[package]
name = "fabric-progenitor"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
bytes = "1"
chrono = { version = "0.4", features = ["serde"] }
futures-core = "0.3"
progenitor-client = "0.15"
reqwest = { version = "0.13", features = ["json", "query", "stream"] }
serde = { version = "1", features = ["derive"] }
serde_json = "1"
uuid = { version = "1", features = ["serde", "v4"] }

[workspace]
"#,
    )
    .expect("write Cargo.toml");
}
RUST
echo "==> progenitor 0.15: build the generator"
(cd "$gen" && CARGO_TARGET_DIR="$gen/.build-target" cargo build --quiet --release)
echo "==> progenitor 0.15 on the applied document (expected to fail):"
progenitor_failure="generated"
if ! "$gen/.build-target/release/progenitor-generator" "$spec" "$peers/progenitor" \
  2> "$peers/progenitor.log"; then
  progenitor_failure="$(grep -m1 "panicked" -A1 "$peers/progenitor.log" | tr '\n' ' ')"
  echo "    $progenitor_failure"
fi
echo
echo "machine: $(nproc) cores, $(sed -n 's/^model name\t*: //p' /proc/cpuinfo | head -1); $(rustc --version)"
echo "progenitor 0.15 on the applied document: $progenitor_failure"
echo
printf '| client | clean build (s) | distinct packages | outcome |\n|---|---|---|---|\n'
while IFS=$'\t' read -r name seconds packages outcome; do
  printf '| %s | %s | %s | %s |\n' "$name" "$seconds" "$packages" "$outcome"
done < "$results"
