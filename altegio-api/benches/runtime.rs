//! `cargo bench -p altegio-api --bench runtime`: what the generated client
//! costs at run time.
//!
//! - decode: a 1,000-item location list (the spec's example item with
//!   different ids) into the generated (tolerant) types, into the same
//!   types as they were generated before tolerant decoding (`strict`, kept
//!   in `strict_locations.rs`) and into `serde_json::Value`,
//!   both with `serde_json` alone and through the client's decoding
//!   (`RawResponse::enveloped`, which also checks Altegio's `success` flag
//!   and reports the failing path), the typed ones reading the envelope's
//!   data and meta as the generated method does;
//! - request: `get_country_list` through the client versus a bare `reqwest`
//!   GET + `serde_json::from_slice` into the same data type, both against a
//!   loopback server answering the spec's example body.
//!
//! The table printed at the end gives criterion's medians, and the medians
//! of the two request kinds timed alternately (less sensitive to a
//! change in load between criterion's runs of one and the other).

mod strict_locations;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::time::{Instant, SystemTime};

use altegio_api::developers::{Country, MarketplaceAppLocation};
use altegio_api::runtime::{EnvelopeMembers, EnvelopeSeed, RawResponse};
use criterion::{Criterion, Throughput};
use reqwest::header::{HeaderMap, HeaderValue, ACCEPT, AUTHORIZATION};
use serde::de::DeserializeSeed;
use serde_json::{json, Value};

const ITEMS: usize = 1_000;
/// Calls of each kind in the alternating request comparison.
const PAIRED_ROUNDS: usize = 3_000;

/// Altegio's envelope, as the generated methods name its members.
const ENVELOPE: EnvelopeMembers =
    EnvelopeMembers { data: "data", meta: Some("meta"), success: Some("success") };

/// The meta `list_marketplace_app_locations` documents.
type Meta = Vec<serde_json::Map<String, Value>>;

/// The envelope's data as a plain serde type, for the bare `reqwest` side.
#[derive(serde::Deserialize)]
struct Data<T> {
    data: T,
}

/// The example of a schema under `components/schemas` in the committed spec.
fn example(schema: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/developers/openapi.json");
    let spec: Value = serde_json::from_slice(&std::fs::read(path).expect("committed spec")).expect("JSON");
    spec["components"]["schemas"][schema]["example"].clone()
}

/// `{success, data: [1,000 locations], meta}` built from the example item.
fn location_list() -> Vec<u8> {
    let mut page = example("companies_data_types");
    let item = page["data"][0].clone();
    let items: Vec<Value> = (1..=ITEMS)
        .map(|id| {
            let mut item = item.clone();
            item["id"] = json!(id);
            item["title"] = json!(format!("Location {id}"));
            item
        })
        .collect();
    page["data"] = Value::Array(items);
    serde_json::to_vec(&page).expect("serialises")
}

fn raw(body: &bytes::Bytes) -> RawResponse {
    RawResponse {
        status: reqwest::StatusCode::OK,
        headers: HeaderMap::new(),
        body: body.clone(),
        operation_id: "list_marketplace_app_locations",
        success_flag: true,
    }
}

fn decode(c: &mut Criterion) {
    let body = bytes::Bytes::from(location_list());
    let typed = raw(&body)
        .enveloped::<Vec<MarketplaceAppLocation>, Meta>(ENVELOPE)
        .expect("fits the generated type")
        .into_body();
    assert_eq!(typed.len(), ITEMS);
    let mut group = c.benchmark_group("decode");
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.bench_function("typed", |b| {
        b.iter(|| {
            let seed = EnvelopeSeed::<Vec<MarketplaceAppLocation>, Meta>::new(ENVELOPE);
            seed.deserialize(&mut serde_json::Deserializer::from_slice(&body)).expect("decodes")
        })
    });
    group.bench_function("strict", |b| {
        b.iter(|| serde_json::from_slice::<strict_locations::StrictLocations>(&body).expect("decodes"))
    });
    group.bench_function("value", |b| b.iter(|| serde_json::from_slice::<Value>(&body).expect("decodes")));
    group.bench_function("client-typed", |b| {
        b.iter(|| raw(&body).enveloped::<Vec<MarketplaceAppLocation>, Meta>(ENVELOPE).expect("decodes"))
    });
    group.bench_function("client-value", |b| b.iter(|| raw(&body).json::<Value>().expect("decodes")));
    group.finish();
}

/// Answers every request on every connection with `body`, keeping
/// connections alive; lives until the process ends.
fn serve(body: Vec<u8>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("binds loopback");
    let addr = listener.local_addr().expect("address");
    let mut response = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    response.extend_from_slice(&body);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let response = response.clone();
            std::thread::spawn(move || answer(stream, &response));
        }
    });
    format!("http://{addr}")
}

fn answer(mut stream: TcpStream, response: &[u8]) {
    stream.set_nodelay(true).ok();
    let mut buf = Vec::with_capacity(4096);
    let mut chunk = [0u8; 4096];
    loop {
        // GET requests have no body: a request ends at the blank line.
        while let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            buf.drain(..end + 4);
            if stream.write_all(response).is_err() {
                return;
            }
        }
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    }
}

/// Medians (ns) of `a` and `b` timed alternately, call by call, so that a
/// change in machine load hits both alike.
fn paired<A: FnMut(), B: FnMut()>(rounds: usize, mut a: A, mut b: B) -> (f64, f64) {
    let (mut xs, mut ys) = (Vec::with_capacity(rounds), Vec::with_capacity(rounds));
    let time = |f: &mut dyn FnMut(), out: &mut Vec<f64>| {
        let started = Instant::now();
        f();
        out.push(started.elapsed().as_nanos() as f64);
    };
    for i in 0..rounds {
        if i % 2 == 0 {
            time(&mut a, &mut xs);
            time(&mut b, &mut ys);
        } else {
            time(&mut b, &mut ys);
            time(&mut a, &mut xs);
        }
    }
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    (median(xs), median(ys))
}

fn request(c: &mut Criterion) -> (f64, f64) {
    let body = serde_json::to_vec(&example("countries_response_data_types")).expect("serialises");
    let base = serve(body);
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    let client =
        altegio_api::Client::builder().base_url(&base).partner_token("partner-token").build().unwrap();
    // The same headers as the client's, so both send the same request.
    let http = reqwest::Client::new();
    let url = format!("{base}/countries");
    let mut headers = HeaderMap::new();
    headers.insert(ACCEPT, HeaderValue::from_static(altegio_api::DEFAULT_ACCEPT));
    headers.insert(AUTHORIZATION, HeaderValue::from_static("Bearer partner-token"));
    let bare = || async {
        let response = http.get(&url).headers(headers.clone()).send().await.expect("sends");
        let bytes = response.bytes().await.expect("reads");
        serde_json::from_slice::<Data<Vec<Country>>>(&bytes).expect("decodes").data
    };
    let typed = || async { client.developers().get_country_list().await.expect("calls").into_body() };
    // Both answer the same and keep a warm connection before measuring.
    assert_eq!(rt.block_on(typed()), rt.block_on(bare()));

    let mut group = c.benchmark_group("request");
    group.bench_function("client", |b| b.iter(|| rt.block_on(typed())));
    group.bench_function("reqwest", |b| b.iter(|| rt.block_on(bare())));
    group.finish();
    paired(
        PAIRED_ROUNDS,
        || {
            rt.block_on(typed());
        },
        || {
            rt.block_on(bare());
        },
    )
}

fn median(dir: &Path, id: &str, since: SystemTime) -> Option<f64> {
    let path = dir.join(id).join("new/estimates.json");
    if std::fs::metadata(&path).and_then(|m| m.modified()).ok()? < since {
        return None; // not measured in this run
    }
    let v: Value = serde_json::from_slice(&std::fs::read(path).ok()?).ok()?;
    v.pointer("/median/point_estimate")?.as_f64()
}

fn main() {
    let started = SystemTime::now();
    let out_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("criterion");
    let mut c = Criterion::default().output_directory(&out_dir).configure_from_args();
    decode(&mut c);
    let (client, bare) = request(&mut c);
    c.final_summary();

    let m = |id: &str| median(&out_dir, id, started);
    let row = |name: &str, a: &str, b: &str| {
        if let (Some(x), Some(y)) = (m(a), m(b)) {
            println!("| {name} | {:.1} µs | {:.1} µs | {:.3} |", x / 1e3, y / 1e3, x / y);
        }
    };
    println!("\nmedians; ratio = first / second");
    println!("| comparison | first | second | ratio |");
    println!("| --- | ---: | ---: | ---: |");
    row("decode: tolerant typed / strict typed (from_slice)", "decode/typed", "decode/strict");
    row("decode: typed / Value (from_slice)", "decode/typed", "decode/value");
    row("decode: typed / Value (the client's RawResponse)", "decode/client-typed", "decode/client-value");
    row("decode: client typed / from_slice typed", "decode/client-typed", "decode/typed");
    row("request: client / bare reqwest", "request/client", "request/reqwest");
    println!(
        "| request: client / bare reqwest, alternating ({PAIRED_ROUNDS} each) | {:.1} µs | {:.1} µs | {:.3} |",
        client / 1e3,
        bare / 1e3,
        client / bare
    );
}
