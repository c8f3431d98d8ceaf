//! The location list types as generated before tolerant decoding (strict
//! serde derives, no per-field helpers): the baseline the decode benchmark
//! compares the tolerant types with.

#![allow(dead_code)]

#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct StrictLocations {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<Vec<StrictLocation>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<Vec<serde_json::Map<String, serde_json::Value>>>,
}

#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct StrictLocation {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_descr: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phones: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedule: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coordinate_lat: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coordinate_lon: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_confirmation: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active_staff_count: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_slot: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_ios: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_android: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency_short_title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reminds_sms_disabled: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reminds_sms_default: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_priority: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bookform_group_priority: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photos: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company_photos: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub booking_widget_promo: Option<serde_json::Map<String, serde_json::Value>>,
    #[serde(flatten)]
    pub additional_properties: serde_json::Map<String, serde_json::Value>,
}
