//! `cargo bench -p generator`: load + generate for the committed spec, the
//! upstream Altegio specs and a few large public specs, with each stage
//! (load, model, emit of the crate's files, emit of the mock-server tests)
//! measured on its own to show where the time goes.
//!
//! The specs outside the repository are read from `../shared/` (relative to
//! the workspace root) when it exists; otherwise they are skipped with a
//! note. A spec the generator rejects is skipped with its error. Criterion
//! keeps its own statistics; the table printed at the end gives the
//! medians (from criterion's `estimates.json`).

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use criterion::{BenchmarkId, Criterion, SamplingMode, Throughput};

/// (label, path relative to the workspace root).
const SPECS: &[(&str, &str)] = &[
    ("developers", "spec/developers/openapi.json"),
    ("upstream-developers-yaml", "../shared/spec/upstream/developers.openapi.yaml"),
    ("upstream-b2b-v1", "../shared/spec/upstream/b2b-v1.openapi.yaml"),
    ("upstream-b2b-v2", "../shared/spec/upstream/b2b-v2.openapi.yaml"),
    ("upstream-public", "../shared/spec/upstream/public.openapi.yaml"),
    ("github", "../shared/specs/github.json"),
    ("stripe", "../shared/specs/stripe.json"),
    ("openai", "../shared/specs/openai.yaml"),
    ("box", "../shared/specs/box.json"),
];

const STAGES: &[&str] = &["generate", "load", "model", "emit", "tests"];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn options(label: &str) -> generator::Options {
    generator::Options {
        spec_path: format!("{label}.json"),
        module: "api".to_owned(),
        crate_name: "altegio_api".into(),
        example_findings: None,
        base_server: None,
        profile: Default::default(),
    }
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or_default()
}

/// The specs that are present and generate, each with its bytes.
fn specs() -> Vec<(&'static str, Vec<u8>)> {
    let root = root();
    let mut found = Vec::new();
    for &(label, rel) in SPECS {
        let Ok(bytes) = std::fs::read(root.join(rel)) else {
            println!("note: skipping {label}: {rel} is not there");
            continue;
        };
        match generator::generate(&bytes, &options(label)) {
            Ok(_) => found.push((label, bytes)),
            Err(err) => {
                println!("note: skipping {label}: generation fails: {}", first_line(&err.to_string()))
            }
        }
    }
    found
}

fn bench(c: &mut Criterion, specs: &[(&'static str, Vec<u8>)]) {
    for &stage in STAGES {
        let mut group = c.benchmark_group(stage);
        // Iterations take milliseconds to seconds: few samples, one call each.
        group.sampling_mode(SamplingMode::Flat).sample_size(10).warm_up_time(Duration::from_secs(1));
        for (label, bytes) in specs {
            let id = BenchmarkId::from_parameter(label);
            let options = options(label);
            group.throughput(Throughput::Bytes(bytes.len() as u64));
            match stage {
                "generate" => group.bench_with_input(id, bytes, |b, bytes| {
                    b.iter(|| generator::generate(bytes, &options).expect("generates"))
                }),
                "load" => group.bench_with_input(id, bytes, |b, bytes| {
                    b.iter(|| generator::load(bytes).expect("loads"))
                }),
                "model" => {
                    let doc = generator::load(bytes).expect("loads");
                    group.bench_with_input(id, &doc, |b, doc| {
                        b.iter(|| generator::build_model(doc).expect("models"))
                    })
                }
                "emit" => {
                    let doc = generator::load(bytes).expect("loads");
                    let api = generator::build_model(&doc).expect("models");
                    group.bench_with_input(id, &api, |b, api| {
                        b.iter(|| generator::emit::emit(api, &doc, &options).expect("emits"))
                    })
                }
                _ => {
                    let doc = generator::load(bytes).expect("loads");
                    let api = generator::build_model(&doc).expect("models");
                    group.bench_with_input(id, &api, |b, api| {
                        b.iter(|| generator::emit::operation_tests(api, &doc, &options).expect("emits"))
                    })
                }
            };
        }
        group.finish();
    }
}

/// The median of one benchmark from the estimates criterion wrote during
/// this run (older files belong to benchmarks filtered out this time).
fn median(dir: &Path, stage: &str, label: &str, since: SystemTime) -> Option<f64> {
    let path = dir.join(stage).join(label).join("new/estimates.json");
    if std::fs::metadata(&path).and_then(|m| m.modified()).ok()? < since {
        return None;
    }
    let text = std::fs::read_to_string(path).ok()?;
    let v: serde_json::Value = serde_json::from_str(&text).ok()?;
    v.pointer("/median/point_estimate")?.as_f64()
}

fn ms(ns: Option<f64>) -> String {
    ns.map(|ns| format!("{:.2}", ns / 1e6)).unwrap_or_else(|| "-".to_owned())
}

fn main() {
    let started = SystemTime::now();
    let specs = specs();
    let out_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("criterion");
    let mut c = Criterion::default().output_directory(&out_dir).configure_from_args();
    bench(&mut c, &specs);
    c.final_summary();

    println!("\nmedians (ms); MB/s is the input size over the generate median");
    println!("| spec | input KiB | generate | load | model | emit | tests | MB/s |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (label, bytes) in &specs {
        let m: Vec<Option<f64>> = STAGES.iter().map(|s| median(&out_dir, s, label, started)).collect();
        if m.iter().all(Option::is_none) {
            continue; // filtered out, or not measured (`--test`, `--list`)
        }
        let rate =
            m[0].map(|ns| format!("{:.1}", bytes.len() as f64 / ns * 1e3)).unwrap_or_else(|| "-".into());
        println!(
            "| {label} | {} | {} | {} | {} | {} | {} | {rate} |",
            bytes.len() / 1024,
            ms(m[0]),
            ms(m[1]),
            ms(m[2]),
            ms(m[3]),
            ms(m[4])
        );
    }
}
