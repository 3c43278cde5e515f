//! Support for the cross-binding conformance vectors (`tests/vectors/`).
//!
//! # Design
//! The vectors are written by people from the notices, so an expected answer names only
//! the fields it is about: it is a *subset* of the real answer. Every binding's test suite
//! (Rust, C through its `extern "C"` functions, the CLI) uses this one matcher so that they
//! all judge the same way; the Node suite has the same rule in JavaScript. Reading the
//! files is the runner's job: the core does no I/O.

use crate::lang::Lang;
use serde::Deserialize;
use serde_json::Value;

/// One vector.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// Unique name, used for the canonical answer's file name.
    pub name: String,
    /// The clause of the notice (or the design) the expectation comes from.
    pub source: String,
    /// Operation.
    pub op: String,
    /// Request as JSON (null for `policies`).
    #[serde(default)]
    pub request: Value,
    /// A request sent verbatim (for malformed JSON).
    #[serde(default)]
    pub raw_request: Option<String>,
    /// The expected answer, as a subset.
    pub expected: Value,
}

impl Case {
    /// The request text to send.
    pub fn request_text(&self) -> String {
        match &self.raw_request {
            Some(raw) => raw.clone(),
            None => self.request.to_string(),
        }
    }

    /// The language the case's request names, if it names one.
    pub fn own_lang(&self) -> Option<Lang> {
        self.request
            .get("lang")
            .and_then(Value::as_str)
            .and_then(Lang::parse)
    }

    /// The request asked in `lang`, as every two-language runner asks it: `"lang"` put
    /// into its object where it names none (`null`, the `policies` request, becomes
    /// `{"lang": …}`). `None` for a request sent verbatim (`raw_request`), one of another
    /// shape, and one that names another language.
    pub fn request_in(&self, lang: Lang) -> Option<String> {
        if self.raw_request.is_some() || self.own_lang().is_some_and(|o| o != lang) {
            return None;
        }
        let mut r = self.request.clone();
        match &mut r {
            Value::Object(m) => {
                m.entry("lang")
                    .or_insert_with(|| Value::String(lang.as_str().to_string()));
            }
            Value::Null => {
                let mut m = serde_json::Map::new();
                m.insert("lang".into(), Value::String(lang.as_str().to_string()));
                r = Value::Object(m);
            }
            _ => return None,
        }
        Some(r.to_string())
    }
}

/// The built-in policies and the given `(file name, text)` ones (the vectors' fixture
/// policies, which the runner reads): the engine every runner answers the vectors with.
pub fn engine_with(
    policies: impl IntoIterator<Item = (String, String)>,
) -> Result<crate::Engine, crate::Error> {
    let mut engine = crate::Engine::try_builtin()?;
    for (name, text) in policies {
        engine.load_policy(&name, &text)?;
    }
    Ok(engine)
}

/// Reads one vector file (a JSON array of cases).
pub fn parse_cases(text: &str) -> Result<Vec<Case>, String> {
    serde_json::from_str(text).map_err(|e| e.to_string())
}

/// `None` when `actual` contains everything `expected` says; else where it differs.
///
/// ```
/// use serde_json::json;
/// use yibao::conformance::subset_mismatch;
/// let actual = json!({"personal_due": "76.00", "aid": [{"amount": "304.00", "source": "medical_assistance"}]});
/// assert_eq!(subset_mismatch(&json!({"aid": [{"amount": "304.00"}]}), &actual), None);
/// assert!(subset_mismatch(&json!({"personal_due": "380.00"}), &actual).is_some());
/// ```
pub fn subset_mismatch(expected: &Value, actual: &Value) -> Option<String> {
    walk(expected, actual, "$")
}

fn walk(expected: &Value, actual: &Value, path: &str) -> Option<String> {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => e.iter().find_map(|(k, ev)| match a.get(k) {
            Some(av) => walk(ev, av, &format!("{path}.{k}")),
            None => Some(format!("{path}.{k}: missing")),
        }),
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                return Some(format!(
                    "{path}: {} elements expected, {} found",
                    e.len(),
                    a.len()
                ));
            }
            e.iter()
                .zip(a)
                .enumerate()
                .find_map(|(i, (ev, av))| walk(ev, av, &format!("{path}[{i}]")))
        }
        (e, a) if e == a => None,
        (e, a) => Some(format!("{path}: expected {e}, found {a}")),
    }
}
