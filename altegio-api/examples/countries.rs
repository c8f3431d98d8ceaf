//! Reads the country dictionary.
//!
//! ```sh
//! ALTEGIO_PARTNER_TOKEN=... cargo run --example countries
//! ```

use altegio_api::{Client, Error};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::builder().partner_token(std::env::var("ALTEGIO_PARTNER_TOKEN")?).build()?;
    match client.developers().get_country_list().await {
        Ok(response) => {
            for country in response.body {
                println!("{:?} {:?}", country.id, country.title);
            }
        }
        // Documented errors carry Altegio's message.
        Err(Error::Api { status, message, .. }) => eprintln!("refused ({status}): {message:?}"),
        Err(other) => return Err(other.into()),
    }
    Ok(())
}
