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
    /// The clause of the notice (or the design) the expectation comes from (`clause` in a
    /// case file).
    #[serde(alias = "clause")]
    pub source: String,
    /// Operation (`quote` when a case file names none).
    #[serde(default = "quote")]
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

fn quote() -> String {
    "quote".to_string()
}

/// A case file (`<id>.cases.toml`, docs/cases.md): the published figures of one policy.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseFile {
    #[serde(default)]
    policy: Option<String>,
    #[serde(default)]
    case: Vec<FileCase>,
}

/// A case as a case file writes it: TOML has no `null`, so the answer's values that must be
/// `null` (a figure the notice leaves unknown) are listed by path in `expected_null`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileCase {
    name: String,
    clause: String,
    #[serde(default = "quote")]
    op: String,
    #[serde(default)]
    request: Value,
    #[serde(default)]
    raw_request: Option<String>,
    expected: Value,
    #[serde(default)]
    expected_null: Vec<String>,
}

impl FileCase {
    fn into_case(self, policy: Option<&str>) -> Case {
        let mut request = self.request;
        if let (Some(policy), Value::Object(m)) = (policy, &mut request) {
            if ASKS_A_POLICY.contains(&self.op.as_str()) {
                m.entry("policy")
                    .or_insert_with(|| Value::String(policy.to_string()));
            }
        }
        let mut expected = self.expected;
        for path in &self.expected_null {
            put_null(&mut expected, path);
        }
        Case {
            name: self.name,
            source: self.clause,
            op: self.op,
            request,
            raw_request: self.raw_request,
            expected,
        }
    }
}

/// Sets the value at `path` (`members[0].benefit_start`) to `null`, making the tables and
/// array elements on the way (a path through a scalar replaces it: the case then fails,
/// visibly, against any answer).
fn put_null(root: &mut Value, path: &str) {
    let mut at = root;
    for part in path.split('.') {
        let (key, indices) = match part.find('[') {
            Some(i) => (part.get(..i).unwrap_or(""), part.get(i..).unwrap_or("")),
            None => (part, ""),
        };
        if !key.is_empty() {
            if !at.is_object() {
                *at = Value::Object(serde_json::Map::new());
            }
            let Value::Object(m) = at else { return };
            at = m.entry(key).or_insert(Value::Null);
        }
        for index in indices
            .split(['[', ']'])
            .filter(|s| !s.is_empty())
            .filter_map(|s| s.parse::<usize>().ok())
        {
            if !at.is_array() {
                *at = Value::Array(Vec::new());
            }
            let Value::Array(a) = at else { return };
            if a.len() <= index {
                a.resize(index + 1, Value::Null);
            }
            let Some(next) = a.get_mut(index) else { return };
            at = next;
        }
    }
    *at = Value::Null;
}

/// The operations whose request names a policy.
const ASKS_A_POLICY: [&str; 5] = ["quote", "household", "refund", "window", "policy"];

/// Reads a case file (docs/cases.md). `file` is its name (`140400-2024.cases.toml`): it
/// names it in errors, and gives the policy when the file has no `policy` key. Each
/// request that names no policy asks the file's.
///
/// ```
/// let text = "[[case]]\nname = \"a\"\nclause = \"二\"\nrequest = { paid_on = \"2023-10-10\" }\nexpected = { total = \"1020.00\" }\n";
/// let cases = yibao::conformance::parse_case_file("140400-2024.cases.toml", text).unwrap();
/// assert_eq!(cases[0].op, "quote");
/// assert_eq!(cases[0].request["policy"], "140400-2024");
///
/// let nulls = "[[case]]\nname = \"b\"\nclause = \"二\"\nexpected = { members = [{}, { personal_due = \"0.00\" }] }\nexpected_null = [\"benefit_start\", \"members[0]\"]\n";
/// let cases = yibao::conformance::parse_case_file("140400-2024.cases.toml", nulls).unwrap();
/// assert_eq!(cases[0].expected, serde_json::json!({"benefit_start": null, "members": [null, {"personal_due": "0.00"}]}));
///
/// let err = yibao::conformance::parse_case_file("x.cases.toml", "[[case]]\nnam = 1\n").unwrap_err();
/// assert!(err.message().starts_with("x.cases.toml:2:1: 案例文件此处不能有键 `nam`"), "{}", err.message());
/// ```
pub fn parse_case_file(file: &str, text: &str) -> Result<Vec<Case>, crate::Error> {
    let parsed: CaseFile = crate::policy::read_toml(file, text, crate::message::DocKind::Cases)?;
    let stem = std::path::Path::new(file)
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.strip_suffix(".cases.toml"));
    let policy = parsed.policy.or_else(|| stem.map(str::to_string));
    Ok(parsed
        .case
        .into_iter()
        .map(|c| c.into_case(policy.as_deref()))
        .collect())
}

/// Reads a file of cases by its name: a case file (`*.cases.toml`) or a vector file (a
/// JSON array), for the runners that read both.
pub fn parse_file(file: &str, text: &str) -> Result<Vec<Case>, String> {
    if file.ends_with(".cases.toml") {
        parse_case_file(file, text).map_err(|e| e.message())
    } else {
        parse_cases(text)
    }
}

/// Reads one vector file (a JSON array of cases).
pub fn parse_cases(text: &str) -> Result<Vec<Case>, String> {
    serde_json::from_str(text).map_err(|e| e.to_string())
}

/// Where an answer differs from a case's expectation.
#[derive(Debug, Clone, PartialEq)]
pub struct Mismatch {
    /// JSON path of the difference (`$.aid[0].amount`).
    pub path: String,
    /// What differs there.
    pub kind: MismatchKind,
}

/// What differs at a [`Mismatch`]'s path.
#[derive(Debug, Clone, PartialEq)]
pub enum MismatchKind {
    /// The answer has no such key.
    Missing,
    /// Arrays of different lengths.
    Length {
        /// Elements expected.
        expected: usize,
        /// Elements found.
        found: usize,
    },
    /// Different values.
    Value {
        /// The expectation.
        expected: Value,
        /// The answer's.
        found: Value,
    },
}

impl std::fmt::Display for Mismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let path = &self.path;
        match &self.kind {
            MismatchKind::Missing => write!(f, "{path}: missing"),
            MismatchKind::Length { expected, found } => {
                write!(f, "{path}: {expected} elements expected, {found} found")
            }
            MismatchKind::Value { expected, found } => {
                write!(f, "{path}: expected {expected}, found {found}")
            }
        }
    }
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
    mismatch(expected, actual).map(|m| m.to_string())
}

/// Like [`subset_mismatch`], the difference as data (for a runner that says it in its
/// reader's language).
pub fn mismatch(expected: &Value, actual: &Value) -> Option<Mismatch> {
    walk(expected, actual, "$")
}

fn walk(expected: &Value, actual: &Value, path: &str) -> Option<Mismatch> {
    let at = |kind| {
        Some(Mismatch {
            path: path.to_string(),
            kind,
        })
    };
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => e.iter().find_map(|(k, ev)| match a.get(k) {
            Some(av) => walk(ev, av, &format!("{path}.{k}")),
            None => Some(Mismatch {
                path: format!("{path}.{k}"),
                kind: MismatchKind::Missing,
            }),
        }),
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                return at(MismatchKind::Length {
                    expected: e.len(),
                    found: a.len(),
                });
            }
            e.iter()
                .zip(a)
                .enumerate()
                .find_map(|(i, (ev, av))| walk(ev, av, &format!("{path}[{i}]")))
        }
        (e, a) if e == a => None,
        (e, a) => at(MismatchKind::Value {
            expected: e.clone(),
            found: a.clone(),
        }),
    }
}
