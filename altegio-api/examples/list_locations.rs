//! Lists every location connected to a marketplace application, walking
//! all pages.
//!
//! ```sh
//! ALTEGIO_PARTNER_TOKEN=... ALTEGIO_APPLICATION_ID=123 cargo run --example list_locations
//! ```

use altegio_api::developers::ListMarketplaceAppLocationsParams;
use altegio_api::Client;
use futures_util::StreamExt;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let token = std::env::var("ALTEGIO_PARTNER_TOKEN")?;
    let application_id: i64 = std::env::var("ALTEGIO_APPLICATION_ID")?.parse()?;
    let client = Client::builder().partner_token(token).build()?;

    // page is set by the stream; count is the page size.
    let params = ListMarketplaceAppLocationsParams::new(1, 100);
    let mut locations =
        Box::pin(client.developers().list_marketplace_app_locations_stream(application_id, params));
    while let Some(location) = locations.next().await {
        let location = location?;
        println!(
            "{:>8}  {}  ({})",
            location.id.unwrap_or_default(),
            location.title.as_deref().unwrap_or("-"),
            location.city.as_deref().unwrap_or("-")
        );
    }
    Ok(())
}
