//! `cargo bench -p altegio-api --bench load`: one shared client under load,
//! next to bare `reqwest`, against an in-process server on 127.0.0.1.
//!
//! - throughput: for 1, 16 and 128 concurrent tasks, 20,000 calls of
//!   `get_country_list` through the client and 20,000 bare `reqwest` GETs
//!   decoded with `serde_json::from_slice` into the same generated type,
//!   in alternating rounds of 2,000 (so that a change in machine load hits
//!   both alike); calls per second, p50/p99 latency and the client's CPU
//!   per call (process CPU minus the server thread's), over all rounds;
//! - memory: in a fresh process per kind, RSS before the first call and
//!   after 1,000 and 20,000 calls (16 tasks);
//! - soak: in a fresh process per kind, 200,000 calls (16 tasks), RSS
//!   every 20,000 calls, to show whether memory levels off.
//!
//! Every loop is bounded in count and in time (`--deadline`, seconds per
//! phase). Options after `--`: `--calls N` (per kind and task count),
//! `--rounds N` (the calls split into this many per kind), `--tasks 1,16,128`,
//! `--soak N`, `--only client,reqwest` (the kinds, in this order;
//! `reqwest-timeout` is bare `reqwest` with the client's default
//! timeout), `--flavor multi|current` (the
//! client's runtime: two workers, or one thread, handy under a profiler),
//! `--skip-memory`.

use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use altegio_api::developers::Country;
use reqwest::header::{HeaderMap, HeaderValue, ACCEPT, AUTHORIZATION};
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Connections the server accepts before it stops accepting.
const MAX_CONNECTIONS: usize = 10_000;
/// Calls between RSS samples in the soak.
const SOAK_STEP: usize = 20_000;
/// Warm-up calls before each measured tasks level (opens the connections).
const WARM_UP: usize = 1_000;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Client,
    Reqwest,
    /// Bare `reqwest` with the client's default timeout
    /// (`DEFAULT_TIMEOUT`): what the timeout alone costs.
    ReqwestTimeout,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Client => "client",
            Kind::Reqwest => "reqwest",
            Kind::ReqwestTimeout => "reqwest-timeout",
        }
    }

    fn parse(s: &str) -> Option<Kind> {
        match s {
            "client" => Some(Kind::Client),
            "reqwest" => Some(Kind::Reqwest),
            "reqwest-timeout" => Some(Kind::ReqwestTimeout),
            _ => None,
        }
    }
}

struct Options {
    calls: usize,
    rounds: usize,
    tasks: Vec<usize>,
    soak: usize,
    kinds: Vec<Kind>,
    current_thread: bool,
    memory: bool,
    deadline: Duration,
    child: Option<(String, Kind)>,
}

fn options() -> Result<Options, String> {
    let mut o = Options {
        calls: 20_000,
        rounds: 10,
        tasks: vec![1, 16, 128],
        soak: 200_000,
        kinds: vec![Kind::Client, Kind::Reqwest],
        current_thread: false,
        memory: true,
        deadline: Duration::from_secs(300),
        child: None,
    };
    let mut args = std::env::args().skip(1);
    let number = |v: Option<String>, name: &str| -> Result<usize, String> {
        v.and_then(|v| v.parse().ok()).ok_or(format!("{name} needs a number"))
    };
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--bench" => {} // passed by `cargo bench`
            "--calls" => o.calls = number(args.next(), "--calls")?.max(1),
            "--rounds" => o.rounds = number(args.next(), "--rounds")?.max(1),
            "--soak" => o.soak = number(args.next(), "--soak")?,
            "--deadline" => o.deadline = Duration::from_secs(number(args.next(), "--deadline")? as u64),
            "--tasks" => {
                let list = args.next().ok_or("--tasks needs a list")?;
                o.tasks = list
                    .split(',')
                    .map(|t| t.trim().parse::<usize>().map(|t| t.max(1)))
                    .collect::<Result<_, _>>()
                    .map_err(|_| format!("--tasks: not a list of numbers: {list}"))?;
            }
            "--only" => {
                let list = args.next().ok_or("--only needs a list of kinds")?;
                o.kinds = list
                    .split(',')
                    .map(|k| Kind::parse(k.trim()).ok_or(format!("--only: unknown kind {k}")))
                    .collect::<Result<_, _>>()?;
            }
            "--flavor" => match args.next().as_deref() {
                Some("multi") => o.current_thread = false,
                Some("current") => o.current_thread = true,
                other => return Err(format!("--flavor: multi or current, not {other:?}")),
            },
            "--skip-memory" => o.memory = false,
            "--child" => {
                let what = args.next().ok_or("--child needs a mode")?;
                let kind = args.next().and_then(|k| Kind::parse(&k)).ok_or("--child needs a kind")?;
                o.child = Some((what, kind));
            }
            other => return Err(format!("unknown option {other}")),
        }
    }
    Ok(o)
}

fn main() {
    let options = match options() {
        Ok(o) => o,
        Err(message) => {
            eprintln!("load: {message}");
            std::process::exit(2);
        }
    };
    let body = serde_json::to_vec(&example("countries_response_data_types")).expect("serialises");
    let server = Server::start(body);
    let runtime = if options.current_thread {
        tokio::runtime::Builder::new_current_thread().enable_all().build()
    } else {
        tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()
    }
    .expect("runtime");
    let callers = Arc::new(Callers::new(&server.url));
    // Both answer the same before anything is measured.
    runtime.block_on(async {
        let (a, b) = (callers.call(Kind::Client).await, callers.call(Kind::Reqwest).await);
        assert!(a.is_ok() && a == b, "the client and bare reqwest disagree: {a:?} / {b:?}");
    });
    match &options.child {
        Some((mode, kind)) if mode == "memory" => memory_child(&runtime, &callers, *kind, &options),
        Some((mode, kind)) if mode == "soak" => soak_child(&runtime, &callers, *kind, &options),
        Some((mode, _)) => eprintln!("load: unknown child mode {mode}"),
        None => parent(&runtime, &callers, &server, &options),
    }
}

fn parent(runtime: &tokio::runtime::Runtime, callers: &Arc<Callers>, server: &Server, o: &Options) {
    println!("machine: {}", machine());
    println!("load average before: {}", load_average());
    println!(
        "client runtime: {}; server: one thread, tokio current-thread, HTTP/1.1 keep-alive",
        if o.current_thread { "current-thread" } else { "multi-thread, 2 workers" }
    );
    println!(
        "{} calls per kind and task count in {} alternating rounds, body {} bytes (the spec's example country list)\n",
        o.calls, o.rounds, server.body_len
    );
    println!("| tasks | kind | calls/s | p50 µs | p99 µs | client CPU µs/call | errors |");
    println!("| ---: | --- | ---: | ---: | ---: | ---: | ---: |");
    let mut ratios = Vec::new();
    for &tasks in &o.tasks {
        for &kind in &o.kinds {
            runtime.block_on(run(callers, kind, tasks, WARM_UP, o.deadline));
        }
        let mut results: Vec<(Kind, Vec<Phase>)> = o.kinds.iter().map(|&k| (k, Vec::new())).collect();
        for round in 0..o.rounds {
            // Alternate the order so that a drift in machine load hits both alike.
            let order: Vec<usize> = if round % 2 == 0 {
                (0..results.len()).collect()
            } else {
                (0..results.len()).rev().collect()
            };
            for i in order {
                let kind = results[i].0;
                let cpu_before = server.client_cpu();
                let calls = o.calls / o.rounds + usize::from(round < o.calls % o.rounds);
                let mut phase = runtime.block_on(run(callers, kind, tasks, calls, o.deadline));
                phase.cpu = server.client_cpu().saturating_sub(cpu_before);
                results[i].1.push(phase);
            }
        }
        let mut summary = Vec::new();
        for (kind, phases) in &results {
            let s = Summary::of(phases);
            println!(
                "| {tasks} | {} | {:.0} | {:.1} | {:.1} | {:.2} | {} |",
                kind.name(),
                s.calls_per_sec,
                s.p50_us,
                s.p99_us,
                s.cpu_us,
                s.errors
            );
            summary.push((*kind, s));
        }
        let of = |kind| summary.iter().find(|(k, _)| *k == kind).map(|(_, s)| s);
        for bare in [Kind::Reqwest, Kind::ReqwestTimeout] {
            if let (Some(client), Some(other)) = (of(Kind::Client), of(bare)) {
                ratios.push((tasks, bare, client.ratio(other)));
            }
        }
    }
    if !ratios.is_empty() {
        println!("\nclient / bare reqwest (over 1 is slower)\n");
        println!("| tasks | against | time per call (1 / calls/s) | p50 | p99 | CPU per call |");
        println!("| ---: | --- | ---: | ---: | ---: | ---: |");
        for (tasks, bare, r) in ratios {
            println!("| {tasks} | {} | {:.3} | {:.3} | {:.3} | {:.3} |", bare.name(), r[0], r[1], r[2], r[3]);
        }
    }
    if o.memory {
        println!("\nmemory (a fresh process per kind, 16 tasks; RSS in MiB)\n");
        println!("| kind | before the first call | after 1,000 calls | after 20,000 calls |");
        println!("| --- | ---: | ---: | ---: |");
        for &kind in &o.kinds {
            let lines = child("memory", kind, o);
            let get = |key: &str| lines.iter().find_map(|(k, v)| (k == key).then_some(*v));
            let show = |v: Option<f64>| v.map_or("-".to_owned(), |v| format!("{:.1}", v / 1024.0));
            println!(
                "| {} | {} | {} | {} |",
                kind.name(),
                show(get("rss_kib_0")),
                show(get("rss_kib_1000")),
                show(get("rss_kib_20000"))
            );
        }
        if o.soak > 0 {
            println!("\nsoak: {} calls per kind, 16 tasks, a fresh process each; RSS in MiB every {SOAK_STEP} calls\n", o.soak);
            for &kind in &o.kinds {
                let lines = child("soak", kind, o);
                let samples: Vec<String> = lines
                    .iter()
                    .filter(|(k, _)| k.starts_with("rss_kib_"))
                    .map(|(k, v)| {
                        format!("{}k: {:.1}", &k[8..].parse::<usize>().unwrap_or(0) / 1000, v / 1024.0)
                    })
                    .collect();
                let value = |key: &str| lines.iter().find_map(|(k, v)| (k == key).then_some(*v));
                println!("- {}: {}", kind.name(), samples.join(", "));
                if let (Some(calls), Some(secs), Some(errors)) =
                    (value("calls"), value("seconds"), value("errors"))
                {
                    println!(
                        "  {calls:.0} calls in {secs:.1} s ({:.0} calls/s), {errors:.0} errors",
                        calls / secs.max(1e-9)
                    );
                }
            }
        }
    }
    println!("\nload average after: {}", load_average());
}

/// Runs a child process of this benchmark and reads its `key value` lines.
fn child(mode: &str, kind: Kind, o: &Options) -> Vec<(String, f64)> {
    let exe = std::env::current_exe().expect("own path");
    let mut cmd = Command::new(exe);
    cmd.args(["--child", mode, kind.name(), "--soak", &o.soak.to_string()])
        .args(["--deadline", &o.deadline.as_secs().to_string()])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    if o.current_thread {
        cmd.args(["--flavor", "current"]);
    }
    let out = match cmd.output() {
        Ok(out) => out,
        Err(e) => {
            eprintln!("load: could not run the {mode} child: {e}");
            return Vec::new();
        }
    };
    if !out.status.success() {
        eprintln!("load: the {mode} child for {} failed: {}", kind.name(), out.status);
    }
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|line| {
            let (k, v) = line.split_once(' ')?;
            Some((k.to_owned(), v.trim().parse().ok()?))
        })
        .collect()
}

fn memory_child(runtime: &tokio::runtime::Runtime, callers: &Arc<Callers>, kind: Kind, o: &Options) {
    report("rss_kib_0", rss_kib());
    let first = runtime.block_on(run(callers, kind, 16, 1_000, o.deadline));
    report("rss_kib_1000", rss_kib());
    let rest = runtime.block_on(run(callers, kind, 16, 19_000, o.deadline));
    report("rss_kib_20000", rss_kib());
    report("errors", Some((first.errors + rest.errors) as f64));
}

fn soak_child(runtime: &tokio::runtime::Runtime, callers: &Arc<Callers>, kind: Kind, o: &Options) {
    let started = Instant::now();
    let (mut done, mut errors) = (0, 0);
    // Bounded by count, and by the deadline for the whole soak.
    while done < o.soak && started.elapsed() < o.deadline {
        let step = SOAK_STEP.min(o.soak - done);
        let left = o.deadline.saturating_sub(started.elapsed());
        let phase = runtime.block_on(run(callers, kind, 16, step, left));
        done += phase.calls;
        errors += phase.errors;
        report(&format!("rss_kib_{done}"), rss_kib());
        if phase.calls < step {
            break; // the deadline cut the step short
        }
    }
    report("calls", Some(done as f64));
    report("errors", Some(errors as f64));
    report("seconds", Some(started.elapsed().as_secs_f64()));
}

fn report(key: &str, value: Option<f64>) {
    if let Some(value) = value {
        println!("{key} {value}");
        std::io::stdout().flush().ok();
    }
}

/// What one kind of caller needs: the client, or a bare `reqwest::Client`
/// with the same URL and headers.
struct Callers {
    client: altegio_api::Client,
    http: reqwest::Client,
    http_timeout: reqwest::Client,
    url: String,
    headers: HeaderMap,
}

impl Callers {
    fn new(base: &str) -> Self {
        let client = altegio_api::Client::builder()
            .base_url(base)
            .partner_token("partner-token")
            .build()
            .expect("client");
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT, HeaderValue::from_static(altegio_api::DEFAULT_ACCEPT));
        headers.insert(AUTHORIZATION, HeaderValue::from_static("Bearer partner-token"));
        let http_timeout =
            reqwest::Client::builder().timeout(altegio_api::DEFAULT_TIMEOUT).build().expect("reqwest client");
        Self { client, http: reqwest::Client::new(), http_timeout, url: format!("{base}/countries"), headers }
    }

    async fn call(&self, kind: Kind) -> Result<Vec<Country>, String> {
        match kind {
            Kind::Client => match self.client.developers().get_country_list().await {
                Ok(response) => Ok(response.into_body()),
                Err(e) => Err(e.to_string()),
            },
            Kind::Reqwest | Kind::ReqwestTimeout => {
                let http = if kind == Kind::Reqwest { &self.http } else { &self.http_timeout };
                let response = http
                    .get(&self.url)
                    .headers(self.headers.clone())
                    .send()
                    .await
                    .map_err(|e| e.to_string())?;
                let bytes = response.bytes().await.map_err(|e| e.to_string())?;
                serde_json::from_slice::<Data>(&bytes).map(|d| d.data).map_err(|e| e.to_string())
            }
        }
    }
}

/// The envelope's data as a plain serde type, for the bare `reqwest` side.
#[derive(serde::Deserialize)]
struct Data {
    data: Vec<Country>,
}

/// One measured run: `calls` calls shared by `tasks` tasks.
struct Phase {
    calls: usize,
    errors: usize,
    wall: Duration,
    /// Client CPU, filled in by the caller.
    cpu: Duration,
    /// Per call, in nanoseconds.
    latencies: Vec<u64>,
}

async fn run(callers: &Arc<Callers>, kind: Kind, tasks: usize, calls: usize, limit: Duration) -> Phase {
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let deadline = started + limit;
    let handles: Vec<_> = (0..tasks)
        .map(|_| {
            let (callers, next) = (callers.clone(), next.clone());
            tokio::spawn(async move {
                let mut latencies = Vec::with_capacity(calls / tasks + 1);
                let mut errors = 0;
                // Bounded by the shared count and by the deadline.
                while next.fetch_add(1, Ordering::Relaxed) < calls && Instant::now() < deadline {
                    let t = Instant::now();
                    if callers.call(kind).await.is_err() {
                        errors += 1;
                    }
                    latencies.push(t.elapsed().as_nanos() as u64);
                }
                (latencies, errors)
            })
        })
        .collect();
    let mut phase =
        Phase { calls: 0, errors: 0, wall: Duration::ZERO, cpu: Duration::ZERO, latencies: Vec::new() };
    for handle in handles {
        let (latencies, errors) = handle.await.expect("task");
        phase.latencies.extend(latencies);
        phase.errors += errors;
    }
    phase.wall = started.elapsed();
    phase.calls = phase.latencies.len();
    phase
}

struct Summary {
    calls_per_sec: f64,
    p50_us: f64,
    p99_us: f64,
    cpu_us: f64,
    errors: usize,
}

impl Summary {
    /// Over all the rounds: their calls, wall time and CPU added up.
    fn of(phases: &[Phase]) -> Self {
        let calls = phases.iter().map(|p| p.calls).sum::<usize>().max(1) as f64;
        let wall: Duration = phases.iter().map(|p| p.wall).sum();
        let cpu: Duration = phases.iter().map(|p| p.cpu).sum();
        let mut all: Vec<u64> = phases.iter().flat_map(|p| p.latencies.iter().copied()).collect();
        all.sort_unstable();
        let pct = |q: f64| all.get(((all.len() as f64 * q) as usize).min(all.len().saturating_sub(1)));
        Summary {
            calls_per_sec: calls / wall.as_secs_f64().max(1e-9),
            p50_us: pct(0.50).map_or(f64::NAN, |&ns| ns as f64 / 1e3),
            p99_us: pct(0.99).map_or(f64::NAN, |&ns| ns as f64 / 1e3),
            cpu_us: cpu.as_nanos() as f64 / 1e3 / calls,
            errors: phases.iter().map(|p| p.errors).sum(),
        }
    }

    /// Client over bare: time per call (inverse rate), p50, p99, CPU.
    fn ratio(&self, bare: &Summary) -> [f64; 4] {
        [
            bare.calls_per_sec / self.calls_per_sec,
            self.p50_us / bare.p50_us,
            self.p99_us / bare.p99_us,
            self.cpu_us / bare.cpu_us,
        ]
    }
}

/// The in-process server: one thread answering every request on every
/// connection with the same body, keeping connections alive.
struct Server {
    url: String,
    body_len: usize,
    /// The server thread's CPU clock, to take its share out of the process's.
    thread_clock: Option<cpu::Clock>,
}

impl Server {
    fn start(body: Vec<u8>) -> Self {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("binds loopback");
        listener.set_nonblocking(true).expect("non-blocking");
        let addr = listener.local_addr().expect("address");
        let mut response = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
            body.len()
        )
        .into_bytes();
        response.extend_from_slice(&body);
        let response: Arc<[u8]> = response.into();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::Builder::new()
            .name("server".into())
            .spawn(move || {
                tx.send(cpu::Clock::this_thread()).ok();
                let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
                rt.block_on(async move {
                    let listener = tokio::net::TcpListener::from_std(listener).expect("listener");
                    for _ in 0..MAX_CONNECTIONS {
                        let Ok((stream, _)) = listener.accept().await else { continue };
                        tokio::spawn(answer(stream, response.clone()));
                    }
                });
            })
            .expect("server thread");
        let thread_clock = rx.recv().ok().flatten();
        Server { url: format!("http://{addr}"), body_len: body.len(), thread_clock }
    }

    /// The process's CPU time less the server thread's.
    fn client_cpu(&self) -> Duration {
        let process = cpu::process().unwrap_or_default();
        let server = self.thread_clock.as_ref().and_then(cpu::Clock::read).unwrap_or_default();
        process.saturating_sub(server)
    }
}

async fn answer(mut stream: tokio::net::TcpStream, response: Arc<[u8]>) {
    stream.set_nodelay(true).ok();
    let mut buf = Vec::with_capacity(8192);
    let mut out = Vec::new();
    loop {
        // GET requests have no body: a request ends at its blank line.
        let mut start = 0;
        while let Some(end) = buf[start..].windows(4).position(|w| w == b"\r\n\r\n") {
            start += end + 4;
            out.extend_from_slice(&response);
        }
        buf.drain(..start);
        if !out.is_empty() {
            if stream.write_all(&out).await.is_err() {
                return;
            }
            out.clear();
        }
        // A client that never ends its headers is cut off.
        if buf.len() > 64 * 1024 {
            return;
        }
        match stream.read_buf(&mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
    }
}

/// The example of a schema under `components/schemas` in the committed spec.
fn example(schema: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/developers/openapi.json");
    let spec: Value = serde_json::from_slice(&std::fs::read(path).expect("committed spec")).expect("JSON");
    spec["components"]["schemas"][schema]["example"].clone()
}

/// Resident set size in KiB (Linux; `None` elsewhere).
fn rss_kib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn machine() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name").and_then(|r| r.split_once(':')).map(|(_, m)| m.trim()))
        .unwrap_or("unknown CPU");
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    format!("{cores} cores, {model}")
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

/// CPU clocks: the whole process's, and one thread's read from another.
mod cpu {
    use std::time::Duration;

    pub struct Clock(#[cfg(unix)] libc::clockid_t);

    #[cfg(unix)]
    fn read(clock: libc::clockid_t) -> Option<Duration> {
        let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
        // SAFETY: `ts` is a valid, writable timespec.
        let r = unsafe { libc::clock_gettime(clock, &mut ts) };
        (r == 0).then(|| Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32))
    }

    #[cfg(unix)]
    impl Clock {
        /// The calling thread's CPU clock, readable from any thread.
        pub fn this_thread() -> Option<Clock> {
            let mut id: libc::clockid_t = 0;
            // SAFETY: `pthread_self` is the live calling thread; `id` is writable.
            let r = unsafe { libc::pthread_getcpuclockid(libc::pthread_self(), &mut id) };
            (r == 0).then_some(Clock(id))
        }

        pub fn read(&self) -> Option<Duration> {
            read(self.0)
        }
    }

    #[cfg(unix)]
    pub fn process() -> Option<Duration> {
        read(libc::CLOCK_PROCESS_CPUTIME_ID)
    }

    #[cfg(not(unix))]
    impl Clock {
        pub fn this_thread() -> Option<Clock> {
            None
        }

        pub fn read(&self) -> Option<Duration> {
            None
        }
    }

    #[cfg(not(unix))]
    pub fn process() -> Option<Duration> {
        None
    }
}
