//! `cargo xtask check` against a temporary copy of the workspace: clean on
//! the committed tree, exit 1 with a diff naming the file after each edit.

use std::path::{Path, PathBuf};
use std::process::Command;

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

/// A temporary root holding copies of `spec/` and the generated files.
fn scratch() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&workspace().join("spec"), &dir.path().join("spec"));
    for generated in ["altegio-api/src/generated", "tests/generated"] {
        copy_dir(&workspace().join(generated), &dir.path().join(generated));
    }
    dir
}

fn check(root: &Path) -> (i32, String) {
    let out =
        Command::new(env!("CARGO_BIN_EXE_xtask")).arg("--root").arg(root).arg("check").output().unwrap();
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.code().unwrap_or(-1), text)
}

#[test]
fn committed_tree_is_clean() {
    let dir = scratch();
    let (code, out) = check(dir.path());
    assert_eq!(code, 0, "{out}");
    // Every generated file carries the marker, so regen can delete it once stale.
    let owned = xtask::regen::OWNED_DIRS.map(Path::new);
    let all = generator::write::stale_files(dir.path(), &owned, &Default::default()).unwrap();
    assert!(all.other.is_empty(), "without the marker: {:?}", all.other);
    assert!(all.generated.len() > 20, "{:?}", all.generated);
}

#[test]
fn hand_edit_to_generated_file_is_drift() {
    let dir = scratch();
    let file = dir.path().join("altegio-api/src/generated/developers/types.rs");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replacen("pub struct", "pub(crate) struct", 1)).unwrap();
    let (code, out) = check(dir.path());
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("a/altegio-api/src/generated/developers/types.rs"), "{out}");
    assert!(out.contains("-pub(crate) struct"), "{out}");
    assert!(out.contains("run `cargo xtask regen`"), "{out}");
    // A hand edit is not an API change.
    assert!(out.contains("API changes in developers: none"), "{out}");
    assert!(out.contains("release level: none (no change to the API)"), "{out}");
}

#[test]
fn spec_edit_is_drift() {
    let dir = scratch();
    let spec = dir.path().join("spec/developers/openapi.json");
    let text = std::fs::read_to_string(&spec).unwrap();
    let edited = text.replacen("\"location ID\"", "\"Location identifier\"", 1);
    assert_ne!(text, edited, "the spec has the text this test edits");
    std::fs::write(&spec, edited).unwrap();
    let (code, out) = check(dir.path());
    assert_eq!(code, 1, "{out}");
    assert!(out.lines().any(|l| l.starts_with('+') && l.contains("Location identifier")), "{out}");
    assert!(out.contains("generated/developers/types.rs"), "{out}");
    assert!(out.contains("  patch (documentation and behaviour, no change to the Rust API):"), "{out}");
    assert!(out.contains("release level: patch"), "{out}");
}

fn regen(root: &Path) -> String {
    let out =
        Command::new(env!("CARGO_BIN_EXE_xtask")).arg("--root").arg(root).arg("regen").output().unwrap();
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{text}");
    text
}

/// The Developer Tools spec with its first operation removed and a string
/// property of a webhook payload made an integer; returns the two lines the
/// API change report must print.
fn edit_api(root: &Path) -> [String; 2] {
    let spec = root.join("spec/developers/openapi.json");
    let mut doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&spec).unwrap()).unwrap();
    let paths = doc["paths"].as_object_mut().unwrap();
    let (path, item) = paths.iter_mut().next().unwrap();
    let path = path.clone();
    let item = item.as_object_mut().unwrap();
    let method =
        ["get", "post", "put", "delete", "patch"].into_iter().find(|m| item.contains_key(*m)).unwrap();
    let op = item.shift_remove(method).unwrap();
    let id = op["operationId"].as_str().unwrap().to_owned();
    let title = &mut doc["components"]["schemas"]["salon"]["properties"]["title"];
    assert_eq!(title["type"], "string", "the spec has the property this test retypes");
    title["type"] = "integer".into();
    std::fs::write(&spec, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
    [
        format!("developers::Api::{id}: removed (`{} {path}`)", method.to_uppercase()),
        "developers::WebhookSalonData::title: `Option<String>` -> `Option<i64>`".to_owned(),
    ]
}

#[test]
fn check_prints_the_api_change_report_before_the_code_diff() {
    let dir = scratch();
    let lines = edit_api(dir.path());
    let (code, out) = check(dir.path());
    assert_eq!(code, 1, "{out}");
    let report_end = out.find("release level: major (breaking)\n").expect("the report ends with the level");
    let diff_start = out.find("--- a/").expect("a code diff");
    assert!(report_end < diff_start, "{out}");
    let report = &out[..report_end];
    assert!(
        report.contains("API changes in developers: 5 changes (major release)\n  major (breaking):\n"),
        "{out}"
    );
    for line in &lines {
        assert!(report.contains(&format!("    {line}\n")), "{line}\n{out}");
    }
    for other in ["booking", "business_v1", "business_v2"] {
        assert!(report.contains(&format!("API changes in {other}: none")), "{out}");
    }
    assert!(
        out.contains("differs: altegio-api/src/generated/developers/surface.json (the API surface"),
        "{out}"
    );
}

#[test]
fn regen_writes_the_report_to_the_changelog_once() {
    let dir = scratch();
    let changelog = dir.path().join("CHANGELOG.md");
    // Formatting alone is no API change: nothing is written.
    let spec = dir.path().join("spec/developers/openapi.json");
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&spec).unwrap()).unwrap();
    std::fs::write(&spec, serde_json::to_vec(&doc).unwrap()).unwrap();
    let out = regen(dir.path());
    assert!(!out.contains("API changes"), "{out}");
    assert!(!changelog.exists(), "{out}");

    let lines = edit_api(dir.path());
    let out = regen(dir.path());
    assert!(out.contains("wrote CHANGELOG.md"), "{out}");
    assert!(out.contains("release level: major (breaking)"), "{out}");
    let text = std::fs::read_to_string(&changelog).unwrap();
    let section = text.split_once("## Unreleased\n\n").expect("an Unreleased section").1;
    assert!(section.starts_with("Release level: major (breaking)\n\n### developers (Developer Tools)\n\n#### Major (breaking)\n\n"), "{text}");
    for line in &lines {
        let (item, what) = line.split_once(": ").unwrap();
        assert!(section.contains(&format!("- `{item}`: {what}\n")), "{line}\n{text}");
    }
    assert_eq!(check(dir.path()).0, 0);

    // Nothing changed since: the second regen reports and writes nothing.
    let out = regen(dir.path());
    assert!(!out.contains("CHANGELOG.md") && !out.contains("API changes"), "{out}");
    assert_eq!(std::fs::read_to_string(&changelog).unwrap(), text);
}

#[test]
fn stale_and_missing_files_are_drift() {
    let dir = scratch();
    let gen = dir.path().join("altegio-api/src/generated");
    std::fs::write(gen.join("developers/old.rs"), "// @generated\n").unwrap();
    std::fs::remove_file(gen.join("developers/webhooks.rs")).unwrap();
    let (code, out) = check(dir.path());
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("stale: altegio-api/src/generated/developers/old.rs"), "{out}");
    assert!(out.contains("missing: altegio-api/src/generated/developers/webhooks.rs"), "{out}");
}

#[test]
fn regen_repairs_what_check_reports() {
    let dir = scratch();
    let gen = dir.path().join("altegio-api/src/generated");
    std::fs::write(gen.join("developers/old.rs"), "// @generated\n").unwrap();
    std::fs::write(gen.join("developers/client.rs"), "// edited\n").unwrap();
    // Not generated (no marker): regen never deletes it, check names it.
    std::fs::write(gen.join("developers/notes.rs"), "// mine\n").unwrap();
    let regen = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("--root")
        .arg(dir.path())
        .arg("regen")
        .output()
        .unwrap();
    let summary = String::from_utf8_lossy(&regen.stdout);
    assert!(regen.status.success(), "{summary}");
    assert!(summary.contains("deleted altegio-api/src/generated/developers/old.rs"), "{summary}");
    assert!(summary.contains("1 files written, 1 deleted"), "{summary}");
    assert!(String::from_utf8_lossy(&regen.stderr).contains("developers/notes.rs: not generated"));
    assert!(gen.join("developers/notes.rs").exists());
    let (code, out) = check(dir.path());
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("foreign: altegio-api/src/generated/developers/notes.rs"), "{out}");
    assert!(!out.contains("run `cargo xtask regen`"), "regen would not help: {out}");
    std::fs::remove_file(gen.join("developers/notes.rs")).unwrap();
    assert_eq!(check(dir.path()).0, 0);
}

#[test]
fn an_override_that_no_longer_applies_fails_naming_it() {
    let dir = scratch();
    // As if upstream fixed the type the override corrects: its `test` guard fails.
    let spec = dir.path().join("spec/developers/openapi.json");
    let text = std::fs::read_to_string(&spec).unwrap();
    let fixed = "\"api_key\": {\n                    \"type\": \"string\",";
    let edited = text.replacen("\"api_key\": {\n                    \"type\": \"number\",", fixed, 1);
    assert_ne!(text, edited, "the spec has the text this test edits");
    std::fs::write(&spec, edited).unwrap();
    let (code, out) = check(dir.path());
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("spec/developers/overrides.json"), "{out}");
    assert!(
        out.contains("override 1 (test /paths/~1marketplace~1partner~1callback/post/requestBody"),
        "{out}"
    );
    assert!(out.contains("no longer applies to the spec: expected \"number\", found \"string\""), "{out}");

    // An override whose location is gone names its pointer too.
    let overrides = dir.path().join("spec/developers/overrides.json");
    let gone =
        r#"[{"op": "replace", "path": "/components/schemas/Gone/type", "value": "string", "reason": "r"}]"#;
    std::fs::write(&overrides, gone).unwrap();
    let (code, out) = check(dir.path());
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("override 1 (replace /components/schemas/Gone/type) no longer applies"), "{out}");
}

#[test]
fn a_hand_edited_unreleased_section_stops_regen_before_it_writes() {
    let dir = scratch();
    let changelog = dir.path().join("CHANGELOG.md");
    std::fs::write(&changelog, "# Changelog\n\n## Unreleased\n\nA note of my own.\n").unwrap();
    edit_api(dir.path());
    let surface = dir.path().join("altegio-api/src/generated/developers/surface.json");
    let before = std::fs::read(&surface).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("--root")
        .arg(dir.path())
        .arg("regen")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(
        text.contains("CHANGELOG.md line 5: \"A note of my own.\" does not belong in the Unreleased section"),
        "{text}"
    );
    assert_eq!(std::fs::read(&surface).unwrap(), before, "the baseline of the report is kept");
}
