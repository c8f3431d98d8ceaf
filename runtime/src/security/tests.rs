use super::*;

const BEARER: Scheme = Scheme::bearer("bearer");
const BASIC: Scheme = Scheme::basic("basic");
const HEADER: Scheme = Scheme::header("api_key", "X-Api-Key", "Token token=");
const QUERY: Scheme = Scheme::query("query_key", "api_key");
const COOKIE_KEY: Scheme = Scheme::cookie("session", "sid");

fn header<'a>(applied: &'a Applied, name: &str) -> Option<&'a str> {
    applied.headers.iter().find(|(n, _)| n.as_str() == name).map(|(_, v)| v.to_str().unwrap())
}

#[test]
fn each_kind_goes_where_its_scheme_says() {
    let mut credentials = Credentials::default();
    credentials.set_basic("basic".into(), Secret::new("aladdin"), Secret::new("open sesame"));
    credentials.set_token("api_key".into(), Secret::new("k1"));
    credentials.set_token("query_key".into(), Secret::new("q 1&"));
    credentials.set_token("session".into(), Secret::new("s1"));
    let basic = apply(&[&[BASIC]], &credentials, None, "op").unwrap();
    assert_eq!(header(&basic, "authorization"), Some("Basic YWxhZGRpbjpvcGVuIHNlc2FtZQ=="));
    assert!(basic.headers.iter().all(|(_, v)| v.is_sensitive()));
    let keyed = apply(&[&[HEADER, QUERY, COOKIE_KEY]], &credentials, None, "op").unwrap();
    assert_eq!(header(&keyed, "x-api-key"), Some("Token token=k1"));
    assert_eq!(header(&keyed, "cookie"), Some("sid=s1"));
    assert_eq!(keyed.query.len(), 1);
    assert_eq!((keyed.query[0].0, keyed.query[0].1.expose()), ("api_key", "q 1&"));
}

#[test]
fn the_first_alternative_the_client_can_send_wins() {
    let mut credentials = Credentials::default();
    credentials.set_token("api_key".into(), Secret::new("k1"));
    // No basic credentials: the API key is sent.
    let applied = apply(&[&[BASIC], &[HEADER]], &credentials, None, "op").unwrap();
    assert_eq!(header(&applied, "x-api-key"), Some("Token token=k1"));
    assert!(header(&applied, "authorization").is_none());
    // A bearer scheme without its own credential takes the client's token.
    let token = Secret::new("t1");
    let applied = apply(&[&[BEARER]], &Credentials::default(), Some(&token), "op").unwrap();
    assert_eq!(header(&applied, "authorization"), Some("Bearer t1"));
    // Its own credential comes first.
    credentials.set_token("bearer".into(), Secret::new("own"));
    let applied = apply(&[&[BEARER]], &credentials, Some(&token), "op").unwrap();
    assert_eq!(header(&applied, "authorization"), Some("Bearer own"));
    // An optional security sends what it can, and nothing otherwise.
    let applied = apply(&[&[], &[HEADER]], &credentials, None, "op").unwrap();
    assert_eq!(header(&applied, "x-api-key"), Some("Token token=k1"));
    let applied = apply(&[&[], &[BASIC]], &credentials, None, "op").unwrap();
    assert!(applied.headers.is_empty() && applied.query.is_empty());
}

#[test]
fn missing_credentials_name_the_schemes_and_no_value() {
    let mut credentials = Credentials::default();
    credentials.set_token("api_key".into(), Secret::new("secret-key"));
    let err = apply(&[&[BASIC], &[QUERY, HEADER]], &credentials, None, "list_pets").unwrap_err();
    let Error::MissingCredentials { operation_id, schemes } = &err else { panic!("{err:?}") };
    assert_eq!((*operation_id, schemes.as_str()), ("list_pets", "`basic` or `query_key` and `api_key`"));
    assert!(!err.to_string().contains("secret-key"));
    assert!(!format!("{credentials:?}").contains("secret-key"));
}

#[test]
fn unusable_credentials_are_refused_at_build() {
    let mut credentials = Credentials::default();
    credentials.set_token("api_key".into(), Secret::new(" "));
    assert_eq!(credentials.check().unwrap_err(), "the credential of `api_key` is empty");
    let mut credentials = Credentials::default();
    credentials.set_basic("basic".into(), Secret::new("a:b"), Secret::new("p"));
    assert!(credentials.check().unwrap_err().contains("`:`"));
    let mut credentials = Credentials::default();
    credentials.set_token("api_key".into(), Secret::new("bad\nkey"));
    let err = apply(&[&[HEADER]], &credentials, None, "op").unwrap_err();
    assert!(matches!(err, Error::InvalidHeader { .. }) && !err.to_string().contains("bad"));
}

#[test]
fn schemes_of_one_requirement_sharing_a_header_send_one_list() {
    // YCLIENTS: `bearer` and `user`, both API keys in `Authorization`.
    const PARTNER: Scheme = Scheme::header("bearer", "Authorization", "");
    const USER: Scheme = Scheme::header("user", "Authorization", "");
    let mut credentials = Credentials::default();
    credentials.set_token("bearer".into(), Secret::new("Bearer p1"));
    credentials.set_token("user".into(), Secret::new("User u1"));
    let applied = apply(&[&[PARTNER, USER]], &credentials, None, "op").unwrap();
    assert_eq!(applied.headers.len(), 1);
    assert_eq!(header(&applied, "authorization"), Some("Bearer p1, User u1"));
    assert!(applied.headers[0].1.is_sensitive());
}
