//! Reading back the form and multipart bodies the mock server received.

use wiremock::Request;

/// One part of a received multipart body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceivedPart {
    pub name: String,
    pub file_name: Option<String>,
    pub content_type: Option<String>,
    pub data: Vec<u8>,
}

/// The parts of a `multipart/form-data` request, in order; `None` when
/// the request is not one or does not parse.
pub fn parts(request: &Request) -> Option<Vec<ReceivedPart>> {
    let content_type = request.headers.get("content-type")?.to_str().ok()?;
    let boundary = content_type.strip_prefix("multipart/form-data; boundary=")?.trim_matches('"');
    let delimiter = format!("--{boundary}");
    let body = &request.body;
    let mut sections = split(body, delimiter.as_bytes());
    // Before the first delimiter: nothing; after the last: `--\r\n`.
    let first = sections.remove(0);
    if !first.is_empty() || sections.last().map(|s| s.starts_with(b"--")) != Some(true) {
        return None;
    }
    sections.pop();
    sections.into_iter().map(part).collect()
}

fn part(section: &[u8]) -> Option<ReceivedPart> {
    let section = section.strip_prefix(b"\r\n")?.strip_suffix(b"\r\n")?;
    let at = section.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = std::str::from_utf8(&section[..at]).ok()?;
    let data = section[at + 4..].to_vec();
    let (mut name, mut file_name, mut content_type) = (None, None, None);
    for line in head.split("\r\n") {
        let (key, value) = line.split_once(": ")?;
        match key.to_ascii_lowercase().as_str() {
            "content-disposition" => {
                for attr in value.split("; ").skip(1) {
                    let (k, v) = attr.split_once('=')?;
                    let v = v.trim_matches('"').to_owned();
                    match k {
                        "name" => name = Some(v),
                        "filename" => file_name = Some(v),
                        _ => {}
                    }
                }
            }
            "content-type" => content_type = Some(value.to_owned()),
            _ => {}
        }
    }
    Some(ReceivedPart { name: name?, file_name, content_type, data })
}

fn split<'a>(body: &'a [u8], delimiter: &[u8]) -> Vec<&'a [u8]> {
    let mut out = Vec::new();
    let mut rest = body;
    while let Some(at) = rest.windows(delimiter.len()).position(|w| w == delimiter) {
        out.push(&rest[..at]);
        rest = &rest[at + delimiter.len()..];
    }
    out.push(rest);
    out
}

/// A multipart body whose parts include each of `expected`: name, file
/// name and content type (files only) and data.
pub fn multipart_parts(
    expected: &'static [(&'static str, Option<&'static str>, Option<&'static str>, &'static str)],
) -> impl wiremock::Match {
    move |r: &Request| {
        let Some(got) = parts(r) else { return false };
        expected.iter().all(|(name, file_name, content_type, data)| {
            got.iter().any(|p| {
                p.name == *name
                    && p.file_name.as_deref() == *file_name
                    && (file_name.is_none() || p.content_type.as_deref() == *content_type)
                    && p.data == data.as_bytes()
            })
        })
    }
}

/// The pairs of a received `application/x-www-form-urlencoded` body.
pub fn form_pairs(request: &Request) -> Vec<(String, String)> {
    form_urlencoded::parse(&request.body).into_owned().collect()
}

/// A form body holding each of `expected` and sent as a form.
pub fn form_fields(expected: &'static [(&'static str, &'static str)]) -> impl wiremock::Match {
    move |r: &Request| {
        let is_form = r.headers.get("content-type").and_then(|v| v.to_str().ok())
            == Some("application/x-www-form-urlencoded");
        let got = form_pairs(r);
        is_form && expected.iter().all(|(k, v)| got.iter().any(|(gk, gv)| gk == k && gv == v))
    }
}
