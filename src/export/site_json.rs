//! `data/site.json`: the whole model of the build's audience as JSON, with
//! a `schema_version`, and `data/site.schema.json`, its JSON Schema,
//! generated from the model's own types and their documentation.

use serde::Serialize;

use crate::model::Model;
use crate::render::Growing;

/// Raised when a field is removed or changes meaning; adding one is not.
pub const SCHEMA_VERSION: u32 = 1;

/// What `site.json` holds: the version, then the model's fields.
#[derive(Serialize, schemars::JsonSchema)]
#[schemars(title = "taizhang site data")]
struct SiteData<'a> {
    /// The version of this format; see `data/site.schema.json`.
    schema_version: u32,
    #[serde(flatten)]
    model: &'a Model,
}

/// The model as compact JSON, ending in a newline: at 10,000 issues the
/// pretty-printed file was 210 MB, most of it indentation.
pub(super) fn site_json(model: &Model) -> Vec<u8> {
    let data = SiteData {
        schema_version: SCHEMA_VERSION,
        model,
    };
    let mut bytes = Growing::new();
    // The model holds only strings, numbers and lists, and memory takes
    // every write: nothing fails.
    serde_json::to_writer(&mut bytes, &data).expect("the model serialises");
    bytes.push(b"\n");
    bytes.into_bytes()
}

/// The JSON Schema of `site.json`, pretty-printed, ending in a newline.
pub fn schema() -> Vec<u8> {
    let schema = schemars::schema_for!(SiteData<'static>);
    let mut bytes = serde_json::to_vec_pretty(&schema).expect("a schema serialises");
    bytes.push(b'\n');
    bytes
}
