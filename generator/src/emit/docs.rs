//! Spec prose -> rustdoc that builds with `-D warnings`: code fences that
//! would become doctests are marked `text`, brackets and HTML are escaped,
//! bare URLs become autolinks.

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

use crate::model::Docs;

/// `#[doc = "..."]` attributes for the given lines.
pub fn attrs(lines: &[String]) -> TokenStream {
    let lines = lines.iter().map(|l| format!(" {l}"));
    quote! { #( #[doc = #lines] )* }
}

/// Doc lines for a type, field or parameter as printed: the spec's (see
/// [`lines`]), led by what the model derived from where the item is used
/// when the spec has no prose for it.
pub fn item_lines(docs: &Docs) -> Vec<String> {
    let spec = lines(docs);
    let (title, description) = prose(docs);
    let Some(derived) = docs.derived.as_deref().filter(|_| title.is_none() && description.is_none()) else {
        return spec;
    };
    let mut out: Vec<String> = derived.lines().map(str::to_owned).collect();
    if spec.first().is_some_and(|l| !l.is_empty()) {
        out.push(String::new());
    }
    out.extend(spec);
    out
}

/// The spec's title (unless a tool's placeholder) and description.
fn prose(docs: &Docs) -> (Option<&str>, Option<&str>) {
    let title =
        docs.title.as_deref().map(str::trim).filter(|t| !t.is_empty() && !t.starts_with("Root Type for"));
    let description = docs.description.as_deref().map(str::trim).filter(|d| !d.is_empty());
    (title, description)
}

/// Doc lines from the spec for a type or field: title, description,
/// format, default, example.
pub fn lines(docs: &Docs) -> Vec<String> {
    let mut out = Vec::new();
    let (title, description) = prose(docs);
    if let Some(t) = title {
        if description.is_none_or(|d| !d.starts_with(t)) {
            out.extend(markdown(t));
        }
    }
    if let Some(d) = description {
        if !out.is_empty() {
            out.push(String::new());
        }
        out.extend(markdown(d));
    }
    let mut notes = Vec::new();
    if docs.read_only {
        notes.push("Read-only: set by the server, ignored in requests.".to_owned());
    }
    if docs.write_only {
        notes.push("Write-only: sent in requests, never returned.".to_owned());
    }
    if let Some(f) = &docs.format {
        notes.push(format!("Format: `{f}`."));
    }
    if let Some(d) = &docs.default {
        notes.push(format!("Default: `{}`.", inline_json(d)));
    }
    if !notes.is_empty() {
        if !out.is_empty() {
            out.push(String::new());
        }
        out.extend(notes);
    }
    if let Some(example) = &docs.example {
        out.extend(example_block(example));
    }
    out
}

/// An example as a fenced JSON block (rustdoc does not run `json` blocks).
pub fn example_block(example: &Value) -> Vec<String> {
    let mut out = vec![String::new(), "# Example".to_owned(), String::new(), "```json".to_owned()];
    let pretty = serde_json::to_string_pretty(example).unwrap_or_default();
    out.extend(pretty.lines().map(str::to_owned));
    out.push("```".to_owned());
    out
}

fn inline_json(v: &Value) -> String {
    v.to_string().replace('`', "'")
}

/// Rewrites one block of Markdown so rustdoc accepts it.
pub fn markdown(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_fence = false;
    // The text column of the list item being continued, if any.
    let mut list_indent: Option<usize> = None;
    for raw in text.replace("\r\n", "\n").lines() {
        let line = raw.trim_end();
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            if in_fence {
                out.push("```".to_owned());
            } else {
                let lang = trimmed.trim_start_matches(['`', '~']).trim();
                let lang = if lang.is_empty() || lang.starts_with("rust") { "text" } else { lang };
                out.push(format!("```{}", lang.split_whitespace().next().unwrap_or("text")));
            }
            in_fence = !in_fence;
            list_indent = None;
            continue;
        }
        if in_fence {
            out.push(line.to_owned());
        } else if trimmed.is_empty() {
            list_indent = None;
            out.push(String::new());
        } else if let Some(width) = list_marker_width(trimmed) {
            list_indent = Some(width);
            out.push(escape_line(trimmed));
        } else if let Some(width) = list_indent {
            // A line straight after a list item continues it: indented to the
            // item's text, as rustdoc (and clippy) expect.
            out.push(format!("{}{}", " ".repeat(width), escape_line(trimmed)));
        } else {
            // Indentation would make an indented code block (a doctest).
            out.push(escape_line(trimmed));
        }
    }
    if in_fence {
        out.push("```".to_owned());
    }
    out
}

/// Markdown headings outside code blocks made `levels` deeper, for text
/// placed under a heading of its own.
pub fn demote_headings(lines: Vec<String>, levels: usize) -> Vec<String> {
    let mut in_fence = false;
    lines
        .into_iter()
        .map(|l| {
            if l.starts_with("```") {
                in_fence = !in_fence;
            }
            if !in_fence && l.starts_with('#') {
                format!("{}{l}", "#".repeat(levels))
            } else {
                l
            }
        })
        .collect()
}

/// The width of a list item's marker and the spaces after it (`- `, `1.  `),
/// or `None` when the line is not a list item.
fn list_marker_width(line: &str) -> Option<usize> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let marker = match line.as_bytes().first()? {
        b'-' | b'*' | b'+' => 1,
        _ if (1..=9).contains(&digits) && matches!(line.as_bytes().get(digits), Some(b'.' | b')')) => {
            digits + 1
        }
        _ => return None,
    };
    let spaces = line[marker..].bytes().take_while(|&b| b == b' ').count();
    (spaces > 0 && marker + spaces < line.len()).then_some(marker + spaces)
}

/// Escapes brackets, HTML and bare URLs outside inline code spans.
fn escape_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut in_code = false;
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '`' {
            in_code = !in_code;
            out.push(c);
            i += 1;
            continue;
        }
        if in_code {
            out.push(c);
            i += 1;
            continue;
        }
        match c {
            '[' => {
                // Keep `[text](url)` links; escape every other bracket.
                if let Some(len) = link_len(&chars[i..]) {
                    let link: String = chars[i..i + len].iter().collect();
                    let target_start = link.find("](").map(|p| p + 2).unwrap_or(0);
                    let target = &link[target_start..link.len() - 1];
                    if target.starts_with("http") {
                        out.push_str(&link);
                    } else {
                        // Relative links point into a site we are not part of.
                        out.push_str(&escape_line(&link[1..target_start - 2]));
                    }
                    i += len;
                    continue;
                }
                out.push_str("\\[");
            }
            ']' => out.push_str("\\]"),
            '<' => out.push_str("&lt;"),
            '>' if i == 0 => out.push('>'),
            '>' => out.push_str("&gt;"),
            '*' if i == 0 && chars.get(1) == Some(&' ') => out.push('*'),
            'h' if starts_with(&chars[i..], "http://") || starts_with(&chars[i..], "https://") => {
                let end = chars[i..]
                    .iter()
                    .position(|c| c.is_whitespace() || matches!(c, ')' | '"' | '\'' | '<' | '>' | ','))
                    .map_or(chars.len(), |p| i + p);
                let mut url: String = chars[i..end].iter().collect();
                let trailing: String = {
                    let t = url.len() - url.trim_end_matches(['.', ';', ':', '!', '?']).len();
                    url.split_off(url.len() - t)
                };
                out.push('<');
                out.push_str(&url);
                out.push('>');
                out.push_str(&trailing);
                i = end;
                continue;
            }
            _ => out.push(c),
        }
        i += 1;
    }
    if in_code {
        // An unbalanced backtick would swallow the rest of the doc.
        out = out.replace('`', "'");
    }
    out
}

fn starts_with(chars: &[char], prefix: &str) -> bool {
    prefix.chars().enumerate().all(|(i, p)| chars.get(i) == Some(&p))
}

/// Length of a `[text](target)` Markdown link at the start, if one is there.
fn link_len(chars: &[char]) -> Option<usize> {
    let close = chars.iter().position(|&c| c == ']')?;
    if chars.get(close + 1) != Some(&'(') || chars[1..close].contains(&'[') {
        return None;
    }
    let end = chars[close + 2..].iter().position(|&c| c == ')')? + close + 2;
    if chars[close + 2..end].iter().any(|c| c.is_whitespace()) {
        return None;
    }
    Some(end + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_rustdoc_rejects() {
        let lines = markdown(
            "Use [id] and <b>bold</b> at https://alteg.io/en.\n    indented\n```\nlet x = [1];\n```",
        );
        assert_eq!(lines[0], "Use \\[id\\] and &lt;b&gt;bold&lt;/b&gt; at <https://alteg.io/en>.");
        assert_eq!(lines[1], "indented");
        assert_eq!(lines[2], "```text");
        assert_eq!(lines[3], "let x = [1];");
    }

    #[test]
    fn list_items_continue_indented() {
        let lines = markdown("1.  Slot taken.\nReturned with 422.\n\nAfter.\n- a\nb\n*bold* text");
        assert_eq!(
            lines,
            ["1.  Slot taken.", "    Returned with 422.", "", "After.", "- a", "  b", "  *bold* text"]
        );
    }

    #[test]
    fn keeps_absolute_links_and_code() {
        let lines = markdown("See [docs](https://x.io/a) and [here](#tag/x), `a[0] <T>`");
        assert_eq!(lines[0], "See [docs](https://x.io/a) and here, `a[0] <T>`");
    }
}
