//! Words of a name: splitting, the spec noise dropped from them, plurals.

use heck::ToUpperCamelCase;

/// Lower-case words of a raw name (`records_companyid_response200` ->
/// `records`, `companyid`, `response200`; `staffIds` -> `staff`, `ids`).
pub fn split(raw: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut prev: Option<char> = None;
    for c in raw.chars() {
        if !c.is_ascii_alphanumeric() {
            flush(&mut word, &mut out);
            prev = None;
            continue;
        }
        let boundary = match prev {
            Some(p) => {
                (c.is_ascii_uppercase() && (p.is_ascii_lowercase() || p.is_ascii_digit()))
                    || (c.is_ascii_digit() && p.is_ascii_alphabetic() && !word_is_status_prefix(&word))
            }
            None => false,
        };
        if boundary {
            flush(&mut word, &mut out);
        }
        word.push(c.to_ascii_lowercase());
        prev = Some(c);
    }
    flush(&mut word, &mut out);
    out
}

/// `response200`, `status403`: the digits stay with the word so the pair
/// is dropped as one.
fn word_is_status_prefix(word: &str) -> bool {
    matches!(word, "response" | "reaponse" | "ressponse" | "responce" | "status" | "error")
}

fn flush(word: &mut String, out: &mut Vec<String>) {
    if !word.is_empty() {
        out.push(std::mem::take(word));
    }
}

/// Identifiers glued to a word (`companyid`, `staffid`): they name a path
/// parameter, not what the type is.
fn glued_id(w: &str) -> bool {
    w.len() > 4
        && w.ends_with("id")
        && matches!(
            &w[..w.len() - 2],
            "company"
                | "staff"
                | "salon"
                | "document"
                | "client"
                | "visit"
                | "group"
                | "record"
                | "chain"
                | "user"
                | "service"
                | "good"
                | "category"
                | "card"
                | "event"
                | "position"
                | "transaction"
                | "storage"
                | "account"
                | "program"
                | "resource"
                | "location"
                | "product"
                | "schedule"
                | "template"
                | "application"
                | "file"
        )
}

/// A status code or a word carrying one (`403`, `response200`, `status422`).
fn status_word(w: &str) -> bool {
    let digits = w.trim_start_matches(|c: char| c.is_ascii_alphabetic());
    let stem = &w[..w.len() - digits.len()];
    digits.len() == 3
        && digits.starts_with(['1', '2', '3', '4', '5'])
        && (stem.is_empty() || word_is_status_prefix(stem))
}

/// `response`, however the spec spells it and with any status code glued on.
fn response_word(w: &str) -> Option<&'static str> {
    let stem = w.trim_end_matches(|c: char| c.is_ascii_digit());
    matches!(stem, "response" | "reaponse" | "ressponse" | "responce").then_some("response")
}

/// The words with the spec's noise dropped: `data types` / `data type`
/// (the spec's "root type" suffix), glued path identifiers, status codes,
/// `item` chains, misspelt `response`s and a closing `object` or `root`.
pub fn denoise(words: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = words[i].as_str();
        let next = words.get(i + 1).map(String::as_str);
        if w == "data" && matches!(next, Some("types" | "type" | "option")) {
            i += 2;
            continue;
        }
        let w = response_word(w).unwrap_or(w);
        let chained_item = matches!(w, "item" | "items") && i + 1 < words.len();
        if glued_id(w) || status_word(w) || chained_item {
            i += 1;
            continue;
        }
        let fixed = match w {
            "types" if out.is_empty() => "types",
            "types" => {
                i += 1;
                continue;
            }
            other => other,
        };
        if out.last().map(String::as_str) != Some(fixed) {
            out.push(fixed.to_owned());
        }
        i += 1;
    }
    while out.len() > 1 && matches!(out.last().map(String::as_str), Some("object" | "root" | "dto")) {
        out.pop();
    }
    out
}

/// The singular of an English plural, for array items (`services` ->
/// `service`, `categories` -> `category`); words that do not look plural
/// stay as they are.
pub fn singular(word: &str) -> String {
    let w = word;
    if w.len() <= 3 {
        return w.to_owned();
    }
    if let Some(stem) = w.strip_suffix("ies") {
        return format!("{stem}y");
    }
    for suffix in ["sses", "shes", "ches", "xes", "uses"] {
        if w.ends_with(suffix) {
            return w[..w.len() - 2].to_owned();
        }
    }
    if w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        return w[..w.len() - 1].to_owned();
    }
    w.to_owned()
}

/// `UpperCamelCase` of words.
pub fn camel(words: &[String]) -> String {
    words.iter().map(|w| w.to_upper_camel_case()).collect()
}

/// Words of an `UpperCamelCase` name.
pub fn camel_words(name: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in name.char_indices().skip(1) {
        if c.is_ascii_uppercase() {
            out.push(&name[start..i]);
            start = i;
        }
    }
    out.push(&name[start..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(raw: &str) -> String {
        camel(&denoise(&split(raw)))
    }

    #[test]
    fn noise_is_dropped() {
        assert_eq!(clean("records_companyid_response_data_types"), "RecordsResponse");
        assert_eq!(
            clean("company_companyid_service_categories_response403_data_types"),
            "CompanyServiceCategoriesResponse"
        );
        assert_eq!(clean("403_forbidden_response"), "ForbiddenResponse");
        assert_eq!(clean("response_meta_error_forbidden_object"), "ResponseMetaErrorForbidden");
        assert_eq!(
            clean("TechnologicalCardsResponse200DataTypesDataItem"),
            "TechnologicalCardsResponseDataItem"
        );
        assert_eq!(clean("clients_files_clientid_reaponse_data_types"), "ClientsFilesResponse");
        assert_eq!(clean("paid_amount"), "PaidAmount");
        assert_eq!(clean("technological_card_items"), "TechnologicalCardItems");
        assert_eq!(clean("DataItemStaffItemGood"), "DataStaffGood");
    }

    #[test]
    fn plurals() {
        assert_eq!(singular("services"), "service");
        assert_eq!(singular("categories"), "category");
        assert_eq!(singular("status"), "status");
        assert_eq!(singular("statuses"), "status");
        assert_eq!(singular("addresses"), "address");
        assert_eq!(singular("staff"), "staff");
        assert_eq!(singular("analysis"), "analysis");
    }
}
