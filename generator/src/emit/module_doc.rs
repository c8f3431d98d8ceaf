//! The docs of an API's module: the spec's title and description, then
//! every operation grouped by tag, each a link to its method with its
//! summary and route, then the webhook events, so that the module's page
//! shows what the API offers. Links name the module from the crate root:
//! rustdoc resolves a module's inner docs in its parent's scope when the
//! parent documents the module too.

use super::client::{has_page_stream, ordered_path_params, Printable};
use super::docs;
use crate::model::{Api, Operation, TagGroup};

/// The module's doc lines (without the leading space of `//!`).
pub fn lines(api: &Api, module: &str) -> Vec<String> {
    let at = format!("crate::{module}");
    let mut out = vec![format!("{} (version {}).", api.title.trim(), api.version)];
    if let Some(d) = &api.description {
        out.push(String::new());
        out.extend(docs::markdown(d));
    }
    if !api.operations.is_empty() {
        out.extend(operations(api, &at));
    }
    if !api.webhooks.is_empty() {
        out.extend(webhooks(api, &at));
    }
    out
}

fn operations(api: &Api, at: &str) -> Vec<String> {
    let printable = Printable::new(&api.types);
    let mut out = vec![
        String::new(),
        "# Operations".to_owned(),
        String::new(),
        format!(
            "Each is a method of [the `Api` handle]({at}::Api), which [`Client`](crate::Client) hands out."
        ),
    ];
    // One group without a name is every operation: no heading for it.
    let headed = !matches!(api.tags.as_slice(), [only] if only.name.is_empty());
    for group in &api.tags {
        out.push(String::new());
        let mut marker = '-';
        if headed {
            let lines = heading(group);
            marker = list_marker_after(&lines);
            out.extend(lines);
        }
        for &i in &group.operations {
            out.push(format!("{marker} {}", entry(&api.operations[i], &printable, at)));
        }
    }
    out
}

fn heading(group: &TagGroup) -> Vec<String> {
    let name = if group.name.is_empty() { "Other operations" } else { group.name.trim() };
    let mut out = vec![format!("## {}", docs::markdown(name).join(" ")), String::new()];
    if let Some(d) = &group.description {
        out.extend(docs::demote_headings(docs::markdown(d.trim()), 2));
        out.push(String::new());
    }
    out
}

/// A bullet list right after another with the same marker would continue
/// it: the marker the text's last list does not use.
fn list_marker_after(lines: &[String]) -> char {
    let last = lines.iter().rev().find_map(|l| {
        let t = l.trim_start();
        ["- ", "* ", "+ "].iter().find(|m| t.starts_with(*m)).map(|m| m.as_bytes()[0] as char)
    });
    if last == Some('-') {
        '*'
    } else {
        '-'
    }
}

/// `` [`get_x`](crate::api::Api::get_x): Summary (`GET /x`) ``, with the page stream.
fn entry(op: &Operation, printable: &Printable, at: &str) -> String {
    let m = op.method_name.trim_start_matches("r#");
    let mut line = format!("[`{m}`]({at}::Api::{m})");
    let summary = op.summary.as_deref().map(|s| docs::markdown(s.trim()).join(" "));
    if let Some(s) = summary.filter(|s| !s.trim().is_empty()) {
        line.push_str(": ");
        line.push_str(s.trim().trim_end_matches('.'));
    }
    line.push_str(&format!(" (`{} {}`)", op.http_method, op.path.replace('`', "'")));
    if op.deprecated {
        line.push_str(", deprecated");
    }
    if has_page_stream(op, &ordered_path_params(op), printable) {
        let stream = crate::naming::stream_method_name(&op.method_name);
        let s = stream.trim_start_matches("r#");
        line.push_str(&format!("; every page: [`{s}`]({at}::Api::{s})"));
    }
    line
}

fn webhooks(api: &Api, at: &str) -> Vec<String> {
    let mut out = vec![
        String::new(),
        "# Webhooks".to_owned(),
        String::new(),
        format!(
            "[`parse_webhook`]({at}::parse_webhook) reads the body of an incoming webhook call into [`WebhookEvent`]({at}::WebhookEvent)s:"
        ),
        String::new(),
    ];
    for w in &api.webhooks {
        let v = &w.variant;
        let mut line = format!("- [`WebhookEvent::{v}`]({at}::WebhookEvent::{v})");
        if let Some(s) = w.summary.as_deref().map(|s| docs::markdown(s.trim()).join(" ")) {
            if !s.trim().is_empty() {
                line.push_str(&format!(": {}", s.trim().trim_end_matches('.')));
            }
        }
        out.push(line);
    }
    out
}
