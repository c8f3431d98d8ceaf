//! Request bodies that are not JSON: URL-encoded forms and multipart
//! bodies with files.

use std::fmt;

use bytes::Bytes;
use serde_json::Value;

use crate::tolerant::Tolerant;

/// A file sent as one part of a `multipart/form-data` body: its bytes,
/// and the file name and media type that go with them.
///
/// ```
/// let file = openapi_rs_runtime::File::new(b"\x89PNG...".to_vec()).file_name("logo.png").content_type("image/png");
/// assert_eq!(file.len(), 7);
/// ```
#[derive(Clone, PartialEq, Eq, Default)]
pub struct File {
    data: Bytes,
    file_name: Option<String>,
    content_type: Option<String>,
}

impl File {
    /// A file of these bytes, with no file name and the default media type
    /// (`application/octet-stream`).
    pub fn new(data: impl Into<Bytes>) -> Self {
        Self { data: data.into(), file_name: None, content_type: None }
    }

    /// Sets the file name sent with the part.
    pub fn file_name(mut self, name: impl Into<String>) -> Self {
        self.file_name = Some(name.into());
        self
    }

    /// Sets the part's media type, such as `image/png`.
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }

    /// The bytes.
    pub fn data(&self) -> &Bytes {
        &self.data
    }

    /// The number of bytes.
    pub fn len(&self) -> usize {
        self.data.len()
    }

    /// Whether there are no bytes.
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    /// The file name, if set.
    pub fn name(&self) -> Option<&str> {
        self.file_name.as_deref()
    }

    /// The media type, if set.
    pub fn media_type(&self) -> Option<&str> {
        self.content_type.as_deref()
    }
}

// The length, not the bytes: a file may be large.
impl fmt::Debug for File {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("File")
            .field("len", &self.data.len())
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .finish()
    }
}

// In JSON (which no multipart body is sent as) a file is its text.
impl serde::Serialize for File {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&String::from_utf8_lossy(&self.data))
    }
}

impl<'de> serde::Deserialize<'de> for File {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(|text| File::new(text.into_bytes()))
    }
}

// Read as text, as in JSON (see above).
impl Tolerant for File {
    const SHAPE: crate::tolerant::Shape = crate::tolerant::Shape::Text;

    fn deserialize_tolerant<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        <String as Tolerant>::deserialize_tolerant(deserializer).map(|text| File::new(text.into_bytes()))
    }

    fn empty() -> Option<Self> {
        Some(File::default())
    }
}

/// One part of a multipart body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// The form field's name.
    pub name: String,
    /// What the part holds.
    pub value: PartValue,
}

/// The content of a [`Part`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PartValue {
    /// A text field.
    Text {
        /// The text.
        text: String,
        /// A structured value sent as JSON text (`application/json`).
        json: bool,
    },
    /// A file.
    File(File),
}

/// The parts of a multipart body, collected field by field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Multipart {
    pub(crate) parts: Vec<Part>,
    pub(crate) failure: Option<String>,
}

impl Multipart {
    /// No parts yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a field as text: strings as they are, numbers and booleans as
    /// JSON writes them, each item of an array as a part of the same name,
    /// objects as JSON text; `None` adds nothing.
    pub fn text<T: serde::Serialize + ?Sized>(&mut self, name: &str, value: &T) {
        match serde_json::to_value(value) {
            Ok(Value::Array(items)) => items.into_iter().for_each(|item| self.push_value(name, item)),
            Ok(value) => self.push_value(name, value),
            Err(e) => self.failure = Some(format!("field `{name}`: {e}")),
        }
    }

    /// Adds a file.
    pub fn file(&mut self, name: &str, file: &File) {
        self.parts.push(Part { name: name.to_owned(), value: PartValue::File(file.clone()) });
    }

    /// The parts so far.
    pub fn parts(&self) -> &[Part] {
        &self.parts
    }

    fn push_value(&mut self, name: &str, value: Value) {
        let (text, json) = match value {
            Value::Null => return,
            Value::String(s) => (s, false),
            Value::Bool(_) | Value::Number(_) => (value.to_string(), false),
            other => (other.to_string(), true),
        };
        self.parts.push(Part { name: name.to_owned(), value: PartValue::Text { text, json } });
    }

    /// The body as `reqwest` sends it; built for each attempt, since a
    /// sent form cannot be sent again.
    pub(crate) fn to_form(&self) -> Result<reqwest::multipart::Form, String> {
        let mut form = reqwest::multipart::Form::new();
        for part in &self.parts {
            let built = match &part.value {
                PartValue::Text { text, json: false } => reqwest::multipart::Part::text(text.clone()),
                PartValue::Text { text, json: true } => reqwest::multipart::Part::text(text.clone())
                    .mime_str("application/json")
                    .map_err(|e| e.to_string())?,
                PartValue::File(file) => {
                    let len = file.data.len() as u64;
                    let mut p = reqwest::multipart::Part::stream_with_length(file.data.clone(), len);
                    if let Some(name) = &file.file_name {
                        p = p.file_name(name.clone());
                    }
                    let content_type = file.content_type.as_deref().unwrap_or("application/octet-stream");
                    p.mime_str(content_type)
                        .map_err(|_| format!("part `{}`: invalid content type {content_type:?}", part.name))?
                }
            };
            form = form.part(part.name.clone(), built);
        }
        Ok(form)
    }
}

/// Puts `parts` into `request` as its multipart body, with the
/// `Content-Type` (and boundary) that goes with it.
pub(crate) fn attach(
    http: &reqwest::Client,
    request: reqwest::Request,
    parts: &Multipart,
    operation_id: &'static str,
) -> Result<reqwest::Request, crate::Error> {
    let serialize = |message: String| crate::Error::Serialize { operation_id, message };
    let form = parts.to_form().map_err(serialize)?;
    let mut request = reqwest::RequestBuilder::from_parts(http.clone(), request)
        .multipart(form)
        .build()
        .map_err(|e| serialize(e.to_string()))?;
    // `multipart` adds its header beside any the spec's parameters set.
    let headers = request.headers_mut();
    if let Some(last) = headers.get_all(reqwest::header::CONTENT_TYPE).iter().next_back().cloned() {
        headers.insert(reqwest::header::CONTENT_TYPE, last);
    }
    Ok(request)
}

/// How a form field that holds an array or an object is written (the
/// spec's `encoding` of the field); scalars are always `name=value`.
/// Non-exhaustive: OpenAPI may name more styles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum FormStyle {
    /// `style: form`, `explode: true` (the default): an array repeats the
    /// name per item, an object's members become fields of their own.
    #[default]
    Form,
    /// `style: form`, `explode: false`: `name=a,b` and `name=k1,v1,k2,v2`.
    FormFlat,
    /// `style: spaceDelimited`, `explode: false`: `name=a b` and
    /// `name=k1 v1 k2 v2`.
    SpaceDelimited,
    /// `style: pipeDelimited`, `explode: false`: `name=a|b` and
    /// `name=k1|v1|k2|v2`.
    PipeDelimited,
    /// `style: deepObject`: `name[key]=value`, nested as deep as the value
    /// goes, array items by index (`name[0]`).
    DeepObject,
    /// `contentType: application/json`: the value as JSON text.
    Json,
}

/// Encodes `value` (an object) as `application/x-www-form-urlencoded`,
/// each field as `styles` says (the rest as [`FormStyle::Form`]).
pub(crate) fn encode_form(value: Value, styles: &[(&str, FormStyle)]) -> Result<String, String> {
    let Value::Object(fields) = value else {
        return Err("a form body must be an object".to_owned());
    };
    let mut pairs = Vec::new();
    for (name, value) in fields {
        let style = styles.iter().find(|(n, _)| *n == name).map(|(_, s)| *s).unwrap_or_default();
        field_pairs(&name, value, style, &mut pairs);
    }
    let mut out = form_urlencoded::Serializer::new(String::new());
    out.extend_pairs(pairs);
    Ok(out.finish())
}

fn field_pairs(name: &str, value: Value, style: FormStyle, pairs: &mut Vec<(String, String)>) {
    match (style, value) {
        (_, Value::Null) => {}
        (FormStyle::Json, value @ (Value::Array(_) | Value::Object(_))) => {
            pairs.push((name.to_owned(), value.to_string()))
        }
        (_, Value::String(s)) => pairs.push((name.to_owned(), s)),
        (_, scalar @ (Value::Bool(_) | Value::Number(_))) => {
            pairs.push((name.to_owned(), scalar.to_string()))
        }
        (FormStyle::DeepObject, Value::Array(items)) => {
            for (i, item) in items.into_iter().enumerate() {
                field_pairs(&format!("{name}[{i}]"), item, FormStyle::DeepObject, pairs);
            }
        }
        (FormStyle::DeepObject, Value::Object(members)) => {
            for (key, member) in members {
                field_pairs(&format!("{name}[{key}]"), member, FormStyle::DeepObject, pairs);
            }
        }
        (FormStyle::Form, Value::Array(items)) => {
            for item in items.into_iter().filter(|v| !v.is_null()) {
                pairs.push((name.to_owned(), text(item)));
            }
        }
        (FormStyle::Form, Value::Object(members)) => {
            for (key, member) in members.into_iter().filter(|(_, v)| !v.is_null()) {
                pairs.push((key, text(member)));
            }
        }
        (_, Value::Array(items)) => {
            let joined: Vec<String> = items.into_iter().filter(|v| !v.is_null()).map(text).collect();
            pairs.push((name.to_owned(), joined.join(delimiter(style))));
        }
        (_, Value::Object(members)) => {
            let joined: Vec<String> =
                members.into_iter().filter(|(_, v)| !v.is_null()).flat_map(|(k, v)| [k, text(v)]).collect();
            pairs.push((name.to_owned(), joined.join(delimiter(style))));
        }
    }
}

/// What joins the items of a field written as one value.
fn delimiter(style: FormStyle) -> &'static str {
    match style {
        FormStyle::SpaceDelimited => " ",
        FormStyle::PipeDelimited => "|",
        _ => ",",
    }
}

/// A scalar as a form writes it; a nested structure as JSON text.
fn text(value: Value) -> String {
    match value {
        Value::String(s) => s,
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn form_styles() {
        let value = json!({
            "name": "A & B",
            "count": 2,
            "on": true,
            "none": null,
            "tags": ["x", "y z"],
            "ids": [1, 2],
            "meta": {"a": "1", "b": {"c": 2}},
            "items": [{"price": "p_1", "qty": 3}],
            "point": {"x": 1, "y": 2},
            "raw": {"k": [1]},
            "spaced": ["a", "b c"],
            "piped": {"r": 1, "g": 2}
        });
        let styles = [
            ("spaced", FormStyle::SpaceDelimited),
            ("piped", FormStyle::PipeDelimited),
            ("ids", FormStyle::FormFlat),
            ("meta", FormStyle::DeepObject),
            ("items", FormStyle::DeepObject),
            ("raw", FormStyle::Json),
        ];
        let encoded = encode_form(value, &styles).unwrap();
        let pairs: Vec<(String, String)> = form_urlencoded::parse(encoded.as_bytes()).into_owned().collect();
        let expected: Vec<(&str, &str)> = vec![
            ("name", "A & B"),
            ("count", "2"),
            ("on", "true"),
            ("tags", "x"),
            ("tags", "y z"),
            ("ids", "1,2"),
            ("meta[a]", "1"),
            ("meta[b][c]", "2"),
            ("items[0][price]", "p_1"),
            ("items[0][qty]", "3"),
            ("x", "1"),
            ("y", "2"),
            ("raw", "{\"k\":[1]}"),
            ("spaced", "a b c"),
            ("piped", "r|1|g|2"),
        ];
        let got: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        assert_eq!(got, expected);
        assert!(encoded.contains("name=A+%26+B"), "{encoded}");
        assert!(encoded.contains("spaced=a+b+c") && encoded.contains("piped=r%7C1%7Cg%7C2"), "{encoded}");
    }

    #[test]
    fn form_body_must_be_an_object() {
        assert!(encode_form(json!([1]), &[]).is_err());
    }

    #[test]
    fn multipart_parts() {
        let mut m = Multipart::new();
        m.text("id", &7);
        m.text("name", "Zoë");
        m.text("missing", &None::<String>);
        m.text("tags", &["a", "b"]);
        m.text("meta", &json!({"k": 1}));
        m.file("image", &File::new(b"PNG".to_vec()).file_name("a.png").content_type("image/png"));
        let names: Vec<&str> = m.parts().iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["id", "name", "tags", "tags", "meta", "image"]);
        assert_eq!(m.parts()[0].value, PartValue::Text { text: "7".into(), json: false });
        assert_eq!(m.parts()[4].value, PartValue::Text { text: "{\"k\":1}".into(), json: true });
        assert!(m.to_form().is_ok());

        m.file("bad", &File::new(Vec::new()).content_type("not a type\n"));
        assert!(m.to_form().unwrap_err().contains("bad"));
    }

    #[test]
    fn file_debug_hides_the_bytes() {
        let file = File::new(b"secret".to_vec()).file_name("a.txt");
        let debug = format!("{file:?}");
        assert!(debug.contains("len: 6") && !debug.contains("secret"), "{debug}");
    }
}
