//! `cargo xtask fetch` end to end: the built binary against a real HTTP
//! server on 127.0.0.1, on a temporary copy of `spec/`. Every rejection must
//! leave `spec/` byte-for-byte as it was.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const SPEC: &str = "spec/developers/openapi.json";
const SOURCE: &str = "spec/developers/source.json";

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A temporary workspace root holding a copy of `spec/`.
fn scratch() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&workspace().join("spec"), &dir.path().join("spec"));
    dir
}

/// Every file under `spec/` with its bytes.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else {
                out.insert(path.clone(), std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(&root.join("spec"), &mut out);
    out
}

fn committed_spec() -> Vec<u8> {
    std::fs::read(workspace().join(SPEC)).unwrap()
}

/// Exit code and stdout + stderr of `xtask --root ROOT fetch ARGS`.
fn fetch(root: &Path, args: &[&str]) -> (i32, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_xtask"));
    cmd.arg("--root").arg(root).arg("fetch").args(args);
    // A proxy from the environment would keep requests from reaching 127.0.0.1.
    for var in ["http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"] {
        cmd.env_remove(var);
    }
    let out = cmd.output().unwrap();
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.code().unwrap_or(-1), text)
}

/// What the test server does with the n-th request (the last one repeats).
enum Reply {
    Answer {
        status: u16,
        content_type: &'static str,
        body: Vec<u8>,
    },
    /// Read the request, then keep the connection open and say nothing.
    Hang,
}

fn ok(content_type: &'static str, body: impl Into<Vec<u8>>) -> Reply {
    Reply::Answer { status: 200, content_type, body: body.into() }
}

fn status(status: u16, body: &str) -> Reply {
    Reply::Answer { status, content_type: "text/plain", body: body.as_bytes().to_vec() }
}

struct Server {
    url: String,
    hits: Arc<AtomicUsize>,
}

impl Server {
    fn hits(&self) -> usize {
        self.hits.load(Ordering::SeqCst)
    }
}

/// A minimal HTTP/1.1 server on an ephemeral port, one connection per request.
fn serve(replies: Vec<Reply>) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let hits = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&hits);
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            if !read_request(&mut stream) {
                continue;
            }
            let n = counter.fetch_add(1, Ordering::SeqCst);
            match &replies[n.min(replies.len() - 1)] {
                Reply::Hang => held.push(stream),
                Reply::Answer { status, content_type, body } => {
                    let head = format!(
                        "HTTP/1.1 {status} {}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
                         Connection: close\r\n\r\n",
                        reason(*status),
                        body.len()
                    );
                    let _ = stream.write_all(head.as_bytes());
                    let _ = stream.write_all(body);
                    let _ = stream.flush();
                }
            }
        }
    });
    Server { url: format!("http://{addr}/openapi.json"), hits }
}

/// Reads up to the end of the request head; false if the client went away.
fn read_request(stream: &mut TcpStream) -> bool {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return false,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    true
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        404 => "Not Found",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Unknown",
    }
}

/// The committed spec with its first operation removed and a schema added;
/// returns the bytes and the report line of the removed operation.
fn modified_spec() -> (Vec<u8>, String) {
    let mut doc: Value = serde_json::from_slice(&committed_spec()).unwrap();
    let paths = doc["paths"].as_object_mut().unwrap();
    let (path, item) = paths.iter_mut().next().unwrap();
    let item = item.as_object_mut().unwrap();
    let method =
        ["get", "put", "post", "delete", "patch"].into_iter().find(|m| item.contains_key(*m)).unwrap();
    let op = item.shift_remove(method).unwrap();
    // The Developer Tools operation ids are already snake_case method names.
    let label = format!(
        "developers::Api::{}: removed (`{} {path}`)",
        op["operationId"].as_str().unwrap(),
        method.to_uppercase()
    );
    // A shape of its own: equal shapes share one type, so a copy of an
    // existing shape would rename that type instead of adding one.
    doc["components"]["schemas"]["FetchTestAddedSchema"] =
        json!({"type": "object", "properties": {"fetch_test_marker": {"type": "string"}}});
    (serde_json::to_string_pretty(&doc).unwrap().into_bytes(), label)
}

fn sha256_of(bytes: &[u8]) -> String {
    generator::load::load(bytes).unwrap().sha256
}

/// Asserts a rejection: exit 2, the message parts present, spec/ untouched.
fn assert_rejected(
    root: &Path,
    before: &BTreeMap<PathBuf, Vec<u8>>,
    (code, out): (i32, String),
    parts: &[&str],
) {
    assert_eq!(code, 2, "{out}");
    for part in parts {
        assert!(out.contains(part), "missing {part:?} in:\n{out}");
    }
    assert!(out.contains("spec/ left unchanged"), "{out}");
    assert!(&snapshot(root) == before, "spec/ changed after a rejection:\n{out}");
}

#[test]
fn valid_spec_is_written_with_summary() {
    let dir = scratch();
    let (body, removed) = modified_spec();
    let server = serve(vec![ok("application/json", body.clone())]);
    let (code, out) = fetch(dir.path(), &["--api", "developers", "--url", &server.url]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(std::fs::read(dir.path().join(SPEC)).unwrap(), body, "written byte-for-byte as served");
    assert!(out.contains(&format!("{SPEC}: updated from {}", server.url)), "{out}");
    // The removed operation takes the type of its data with it; the
    // component schema it answered with stays, named from its title now.
    assert!(out.contains("API changes in developers: 5 changes (major release)"), "{out}");
    assert!(out.contains(&format!("  major (breaking):\n    {removed}\n")), "{out}");
    assert!(out.contains("    developers::MarketplaceAppLocation: removed (struct)\n"), "{out}");
    assert!(out.contains("  minor (additive):\n    developers::Companies: added (struct)\n"), "{out}");
    assert!(
        out.contains(
            "    developers::FetchTestAddedSchema: added (struct)\nrelease level: major (breaking)\n"
        ),
        "{out}"
    );

    let source: Value = serde_json::from_slice(&std::fs::read(dir.path().join(SOURCE)).unwrap()).unwrap();
    assert_eq!(source["sha256"], sha256_of(&body));
    let date = source["downloaded"].as_str().unwrap();
    assert!(
        date.len() == 10 && date.chars().enumerate().all(|(i, c)| matches!(i, 4 | 7) == (c == '-')),
        "{date}"
    );
    let old: Value = serde_json::from_slice(&std::fs::read(workspace().join(SOURCE)).unwrap()).unwrap();
    for key in ["title", "url", "file", "module"] {
        assert_eq!(source[key], old[key], "{key} kept");
    }

    // The same content again is a no-op.
    let after = snapshot(dir.path());
    let (code, out) = fetch(dir.path(), &["--api", "developers", "--url", &server.url]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains(&format!("{SPEC}: unchanged")), "{out}");
    assert!(snapshot(dir.path()) == after);
}

#[test]
fn default_url_comes_from_source_json() {
    let dir = scratch();
    let (body, _) = modified_spec();
    let server = serve(vec![ok("application/json", body.clone())]);
    let source_path = dir.path().join(SOURCE);
    let text = std::fs::read_to_string(&source_path).unwrap();
    let mut source: Value = serde_json::from_str(&text).unwrap();
    source["url"] = Value::String(server.url.clone());
    std::fs::write(&source_path, serde_json::to_string_pretty(&source).unwrap() + "\n").unwrap();
    let (code, out) = fetch(dir.path(), &["--api", "developers"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains(&format!("downloading {}", server.url)), "{out}");
    assert_eq!(server.hits(), 1);
    assert_eq!(std::fs::read(dir.path().join(SPEC)).unwrap(), body);
}

/// Points every `spec/*/source.json` of `root` at a server of its own and
/// returns (folder, spec file, server).
fn serve_every_api(root: &Path, reply: impl Fn(&str, Vec<u8>) -> Reply) -> Vec<(String, PathBuf, Server)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(root.join("spec")).unwrap() {
        let dir = entry.unwrap().path();
        let source_path = dir.join("source.json");
        if !source_path.is_file() {
            continue;
        }
        let mut source: Value = serde_json::from_slice(&std::fs::read(&source_path).unwrap()).unwrap();
        let file = dir.join(source["file"].as_str().unwrap());
        let name = dir.file_name().unwrap().to_str().unwrap().to_owned();
        let server = serve(vec![reply(&name, std::fs::read(&file).unwrap())]);
        source["url"] = Value::String(server.url.clone());
        std::fs::write(&source_path, serde_json::to_string_pretty(&source).unwrap() + "\n").unwrap();
        out.push((name, file, server));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

#[test]
fn without_api_every_api_is_refreshed() {
    let dir = scratch();
    let servers = serve_every_api(dir.path(), |_, committed| ok("application/json", committed));
    assert!(servers.len() >= 4, "developers, b2b-v1, b2b-v2 and public");
    let before = snapshot(dir.path());
    let (code, out) = fetch(dir.path(), &["--check"]);
    assert_eq!(code, 0, "{out}");
    for (name, _, server) in &servers {
        assert_eq!(server.hits(), 1, "{name}: {out}");
        assert!(out.contains(&format!("spec/{name}/")), "{name}: {out}");
    }
    assert_eq!(out.matches(": unchanged (").count(), servers.len(), "{out}");
    assert!(out.contains("release level: none (no change to the API)\n"), "{out}");
    assert!(snapshot(dir.path()) == before);
}

/// The scheduled upstream watch is one plain `cargo xtask` command; run
/// here as written, against local servers, one of which has changed.
#[test]
fn the_upstream_workflow_command_prints_the_report() {
    let text = std::fs::read_to_string(workspace().join(".github/workflows/upstream.yml")).unwrap();
    let workflow = generator::load::parse_value(text.as_bytes()).unwrap();
    let cron = workflow["on"]["schedule"][0]["cron"].as_str().unwrap();
    assert_eq!(cron.split(' ').nth(4), Some("1"), "weekly, on Mondays: {cron}");
    let commands: Vec<&str> = workflow["jobs"]["upstream"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["run"].as_str())
        .collect();
    assert_eq!(commands, ["cargo xtask fetch --check"]);
    let args: Vec<&str> = commands[0].split_whitespace().skip(2).collect();

    let dir = scratch();
    let (changed, removed) = modified_spec();
    let _servers = serve_every_api(dir.path(), |name, committed| {
        ok("application/json", if name == "developers" { changed.clone() } else { committed })
    });
    let before = snapshot(dir.path());
    let (code, out) = fetch(dir.path(), &args[1..]);
    assert_eq!(code, 1, "upstream changed: {out}");
    assert!(out.contains(&removed), "{out}");
    assert!(out.contains("release level: major (breaking)\n"), "{out}");
    assert!(snapshot(dir.path()) == before, "--check wrote something");
}

#[test]
fn without_api_one_failure_does_not_stop_the_others() {
    let dir = scratch();
    let (body, _) = modified_spec();
    let servers = serve_every_api(dir.path(), |name, committed| match name {
        "developers" => ok("application/json", body.clone()),
        "b2b-v2" => ok("text/html", "<html><body>maintenance</body></html>"),
        _ => ok("application/json", committed),
    });
    let before = snapshot(dir.path());
    let (code, out) = fetch(dir.path(), &["--retries", "0"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("1 of ") && out.contains("APIs failed: b2b-v2"), "{out}");
    for (name, file, server) in &servers {
        assert_eq!(server.hits(), 1, "{name}: {out}");
        let now = std::fs::read(file).unwrap();
        if name == "developers" {
            assert_eq!(now, body, "{out}");
        } else {
            assert!(now == before[file], "{name} changed: {out}");
        }
    }
}

#[test]
fn url_and_from_need_an_api() {
    let dir = scratch();
    let (code, out) = fetch(dir.path(), &["--url", "http://127.0.0.1:9/"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("--api"), "{out}");
}

#[test]
fn html_page_is_rejected() {
    let dir = scratch();
    let before = snapshot(dir.path());
    let page =
        "<!DOCTYPE html>\n<html lang=\"en\">\n  <head><title>Developer Portal - Sign in</title></head>\
                <body>please sign in to continue reading the documentation</body></html>";
    let server = serve(vec![ok("text/html", page)]);
    let out = fetch(dir.path(), &["--api", "developers", "--url", &server.url]);
    let snippet = "<!DOCTYPE html> <html lang=\\\"en\\\"> <head><title>Developer Portal - Sign in";
    assert_rejected(dir.path(), &before, out, &[&server.url, "HTML page", snippet]);
}

#[test]
fn truncated_json_is_rejected() {
    let dir = scratch();
    let before = snapshot(dir.path());
    let spec = committed_spec();
    let server = serve(vec![ok("application/json", &spec[..spec.len() / 2])]);
    let out = fetch(dir.path(), &["--api", "developers", "--url", &server.url]);
    assert_rejected(dir.path(), &before, out, &[&server.url, "not valid JSON", "truncated"]);
}

#[test]
fn server_error_is_retried() {
    let dir = scratch();
    let (body, _) = modified_spec();
    let server = serve(vec![status(500, "try later"), ok("application/json", body.clone())]);
    let (code, out) = fetch(dir.path(), &["--api", "developers", "--url", &server.url, "--backoff-ms", "10"]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(server.hits(), 2, "{out}");
    assert!(
        out.contains("attempt 1 of 4 failed (HTTP 500 Internal Server Error); retrying in 10 ms"),
        "{out}"
    );
    assert_eq!(std::fs::read(dir.path().join(SPEC)).unwrap(), body);
}

#[test]
fn persistent_server_error_gives_up() {
    let dir = scratch();
    let before = snapshot(dir.path());
    let server = serve(vec![status(503, "down")]);
    let out = fetch(
        dir.path(),
        &["--api", "developers", "--url", &server.url, "--retries", "2", "--backoff-ms", "5"],
    );
    assert_eq!(server.hits(), 3, "{}", out.1);
    assert_rejected(dir.path(), &before, out, &["failed after 3 attempts", "HTTP 503 Service Unavailable"]);
}

#[test]
fn silent_server_times_out() {
    let dir = scratch();
    let before = snapshot(dir.path());
    let server = serve(vec![Reply::Hang]);
    let started = Instant::now();
    let out = fetch(
        dir.path(),
        &["--api", "developers", "--url", &server.url, "--timeout-secs", "1", "--retries", "0"],
    );
    assert!(started.elapsed() < Duration::from_secs(10), "took {:?}", started.elapsed());
    assert_eq!(server.hits(), 1);
    assert_rejected(
        dir.path(),
        &before,
        out,
        &[&server.url, "failed after 1 attempt", "timed out", "within 1 s"],
    );
}

#[test]
fn swagger_2_is_accepted_as_written() {
    let dir = scratch();
    let body = r##"{"swagger": "2.0", "info": {"title": "Old", "version": "1"}, "host": "api.example.com",
  "paths": {"/pets": {"post": {"operationId": "addPet",
    "parameters": [{"name": "pet", "in": "body", "schema": {"$ref": "#/definitions/Pet"}}],
    "responses": {"200": {"description": "ok"}}}}},
  "definitions": {"Pet": {"type": "object"}}}
"##;
    let server = serve(vec![ok("application/json", body)]);
    let (code, out) = fetch(dir.path(), &["--api", "developers", "--url", &server.url]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(std::fs::read(dir.path().join(SPEC)).unwrap(), body.as_bytes(), "written as served");
    assert!(out.contains("Swagger 2.0, 1 paths, 1 schemas"), "{out}");
    assert!(out.contains("developers::Api::add_pet: added (`POST /pets`)"), "{out}");
}

#[test]
fn other_swagger_versions_are_rejected() {
    let dir = scratch();
    let before = snapshot(dir.path());
    let body = r#"{"swagger": "1.2", "info": {"title": "Old", "version": "1"}, "paths": {}}"#;
    let server = serve(vec![ok("application/json", body)]);
    let out = fetch(dir.path(), &["--api", "developers", "--url", &server.url]);
    assert_rejected(dir.path(), &before, out, &[&server.url, "Swagger 1.2 is not supported"]);
}

#[test]
fn empty_body_is_rejected() {
    let dir = scratch();
    let before = snapshot(dir.path());
    let server = serve(vec![ok("application/json", "")]);
    let out = fetch(dir.path(), &["--api", "developers", "--url", &server.url]);
    assert_rejected(dir.path(), &before, out, &[&server.url, "the body is empty"]);
}

#[test]
fn not_found_is_rejected_without_retry() {
    let dir = scratch();
    let before = snapshot(dir.path());
    let server = serve(vec![status(404, "no such file")]);
    let out = fetch(dir.path(), &["--api", "developers", "--url", &server.url, "--backoff-ms", "10"]);
    assert_eq!(server.hits(), 1, "a 4xx is not retried: {}", out.1);
    assert_rejected(dir.path(), &before, out, &[&server.url, "HTTP 404 Not Found"]);
}

#[test]
fn check_with_identical_content_passes() {
    let dir = scratch();
    let before = snapshot(dir.path());
    let server = serve(vec![ok("application/json", committed_spec())]);
    let (code, out) = fetch(dir.path(), &["--api", "developers", "--url", &server.url, "--check"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains(&format!("{SPEC}: unchanged")), "{out}");
    assert!(snapshot(dir.path()) == before, "--check wrote something");
}

#[test]
fn check_with_different_content_fails_and_writes_nothing() {
    let dir = scratch();
    let before = snapshot(dir.path());
    let (body, removed) = modified_spec();
    let server = serve(vec![ok("application/json", body)]);
    let (code, out) = fetch(dir.path(), &["--api", "developers", "--url", &server.url, "--check"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains(&format!("{SPEC}: differs from {}", server.url)), "{out}");
    assert!(out.contains(&removed) && out.contains("developers::FetchTestAddedSchema: added"), "{out}");
    assert!(out.contains("added (struct)\nrelease level: major (breaking)\n"), "{out}");
    assert!(snapshot(dir.path()) == before, "--check wrote something");
}

#[test]
fn check_still_rejects_a_bad_download() {
    let dir = scratch();
    let before = snapshot(dir.path());
    let server = serve(vec![ok("text/html", "<html><body>maintenance</body></html>")]);
    let out = fetch(dir.path(), &["--api", "developers", "--url", &server.url, "--check"]);
    assert_rejected(dir.path(), &before, out, &["HTML page", "<html><body>maintenance"]);
}

/// Block-style YAML with every string double-quoted (JSON's escapes are
/// YAML's), so the file is YAML proper, not JSON in disguise.
fn to_yaml(value: &Value, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    let scalar = |v: &Value| match v {
        Value::Object(m) if m.is_empty() => "{}".to_owned(),
        Value::Array(a) if a.is_empty() => "[]".to_owned(),
        other => other.to_string(),
    };
    let nested = |v: &Value| {
        matches!(v, Value::Object(m) if !m.is_empty()) || matches!(v, Value::Array(a) if !a.is_empty())
    };
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                let key = Value::String(key.clone()).to_string();
                if nested(v) {
                    out.push_str(&format!("{pad}{key}:\n"));
                    to_yaml(v, indent + 2, out);
                } else {
                    out.push_str(&format!("{pad}{key}: {}\n", scalar(v)));
                }
            }
        }
        Value::Array(items) => {
            for v in items {
                if nested(v) {
                    out.push_str(&format!("{pad}-\n"));
                    to_yaml(v, indent + 2, out);
                } else {
                    out.push_str(&format!("{pad}- {}\n", scalar(v)));
                }
            }
        }
        other => out.push_str(&format!("{pad}{}\n", scalar(other))),
    }
}

#[test]
fn from_local_yaml_is_converted_to_json() {
    let dir = scratch();
    let original: Value = serde_json::from_slice(&committed_spec()).unwrap();
    let mut yaml = String::new();
    to_yaml(&original, 0, &mut yaml);
    assert!(yaml.starts_with("\"openapi\": \"3."), "{}", &yaml[..40]);
    let file = dir.path().join("openapi.yaml");
    std::fs::write(&file, &yaml).unwrap();

    let (code, out) = fetch(dir.path(), &["--api", "developers", "--from", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("converted the YAML document to JSON"), "{out}");
    assert!(out.contains(&format!("from file {}", file.display())), "{out}");
    let written = std::fs::read(dir.path().join(SPEC)).unwrap();
    assert!(written.starts_with(b"{\n  \"openapi\"") && written.ends_with(b"}\n"));
    let reread: Value = serde_json::from_slice(&written).unwrap();
    assert!(reread == original, "the converted document differs from the source");
    // Same content, only formatting: the report and the summary say so.
    assert!(out.contains("API changes in developers: none"), "{out}");
    assert!(out.contains("no change to the document's content"), "{out}");
    assert!(out.contains("release level: none (no change to the API)\n"), "{out}");
    let source: Value = serde_json::from_slice(&std::fs::read(dir.path().join(SOURCE)).unwrap()).unwrap();
    assert_eq!(source["sha256"], sha256_of(&written));
}

#[test]
fn from_a_missing_file_fails_cleanly() {
    let dir = scratch();
    let before = snapshot(dir.path());
    let (code, out) = fetch(dir.path(), &["--api", "developers", "--from", "no-such-file.yaml"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("reading no-such-file.yaml"), "{out}");
    assert!(snapshot(dir.path()) == before);
}

#[test]
fn unknown_api_is_named() {
    let dir = scratch();
    let (code, out) = fetch(dir.path(), &["--api", "nope", "--url", "http://127.0.0.1:9/"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("unknown API \"nope\"; known: b2b-v1, b2b-v2, developers, public"), "{out}");
}

#[test]
fn help_documents_options_and_exit_codes() {
    let dir = scratch();
    let (code, out) = fetch(dir.path(), &["--help"]);
    assert_eq!(code, 0, "{out}");
    for part in
        ["--api", "--url", "--from", "--check", "--timeout-secs", "--retries", "--backoff-ms", "Exit codes"]
    {
        assert!(out.contains(part), "missing {part:?} in:\n{out}");
    }
}
