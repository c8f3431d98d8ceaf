//! Receives Altegio webhooks in a small HTTP handler and parses each body
//! into its typed event. Point your application's webhook URL at it.
//!
//! ```sh
//! cargo run --example marketplace_webhook   # listens on 127.0.0.1:8080
//! curl -X POST localhost:8080 -d '{"salon_id":1,"application_id":2,"event":"uninstall","partner_token":"t"}'
//! ```

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;

use altegio_api::developers::{parse_webhook, WebhookEvent};

fn main() -> std::io::Result<()> {
    let listener = TcpListener::bind("127.0.0.1:8080")?;
    println!("listening on http://127.0.0.1:8080");
    for stream in listener.incoming() {
        let mut stream = stream?;
        let body = read_body(&mut stream)?;
        // One event, or a batch of them in a JSON array.
        let status = match parse_webhook(&body) {
            Ok(events) => {
                for event in events {
                    match event {
                        WebhookEvent::MarketplaceWebhook(event) => println!(
                            "application {} {:?} at location {}",
                            event.application_id, event.event, event.salon_id
                        ),
                        WebhookEvent::Record(event) => {
                            println!("appointment {} {:?}", event.resource_id, event.status)
                        }
                        other => println!("event: {other:?}"),
                    }
                }
                "200 OK"
            }
            // Answer 400 so a malformed delivery is visible in Altegio's logs.
            Err(err) => {
                eprintln!("rejected: {err}");
                "400 Bad Request"
            }
        };
        write!(stream, "HTTP/1.1 {status}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n")?;
    }
    Ok(())
}

/// Reads one HTTP/1.1 request and returns its body.
fn read_body(stream: &mut std::net::TcpStream) -> std::io::Result<Vec<u8>> {
    let mut reader = BufReader::new(stream);
    let mut length = 0;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().unwrap_or(0);
            }
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    Ok(body)
}
