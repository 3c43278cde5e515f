//! The JSON Schema of the policy format (feature `schema`), derived from the types that
//! read the files (`#[derive(JsonSchema)]` beside their `Deserialize`), for editors
//! (Taplo / Even Better TOML: `#:schema` on a file's first line) and `yibao schema`.
//!
//! # Design
//! The few types that read themselves (money, percentages, texts, category ids) describe
//! their file form here by hand, next to each other, so that the rest is derived and a key
//! added to a type is in the schema once it is regenerated (`docs/policy.schema.json`,
//! kept current by a test). Draft-07: what Taplo reads.

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use std::borrow::Cow;

impl JsonSchema for crate::money::Money {
    fn schema_name() -> Cow<'static, str> {
        "Money".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": "^[0-9]+(\\.[0-9]{1,2})?$",
            "description": "金额（元）：带引号的十进制字符串，至多两位小数，不超过 1000000000.00，如 \"380.00\" — an amount in yuan, a quoted decimal with at most two decimals",
        })
    }
}

impl JsonSchema for super::Percentage {
    fn schema_name() -> Cow<'static, str> {
        "Percentage".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "百分比：0–100 的整数，或至多两位小数的带引号字符串（如 \"12.5\"） — a whole number 0–100, or a quoted decimal",
            "anyOf": [
                { "type": "integer", "minimum": 0, "maximum": 100 },
                { "type": "string", "pattern": "^[0-9]{1,3}(\\.[0-9]{1,2})?$" },
            ],
        })
    }
}

impl JsonSchema for crate::lang::Text {
    fn schema_name() -> Cow<'static, str> {
        "Text".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "人读的文字：中文字符串，或 { zh = \"…\", en = \"…\" } — a Chinese text, or a table with its English",
            "anyOf": [
                { "type": "string" },
                {
                    "type": "object",
                    "properties": { "zh": { "type": "string" }, "en": { "type": "string" } },
                    "required": ["zh"],
                    "additionalProperties": false,
                },
            ],
        })
    }
}

impl JsonSchema for crate::category::Category {
    fn schema_name() -> Cow<'static, str> {
        "Category".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let ids: Vec<&str> = crate::category::Category::ALL
            .iter()
            .map(|c| c.id())
            .collect();
        json_schema!({
            "type": "string",
            "enum": ids,
            "description": "全国统一的人员类别编号 — a national category id",
        })
    }
}

/// The JSON Schema (draft-07) of a policy file.
///
/// ```
/// let s = yibao::policy::schema();
/// assert_eq!(s["title"], "Policy");
/// assert!(s["properties"]["tiers"].is_object());
/// ```
pub fn schema() -> serde_json::Value {
    let generator = schemars::generate::SchemaSettings::draft07()
        .for_deserialize()
        .into_generator();
    generator.into_root_schema_for::<super::Policy>().to_value()
}
