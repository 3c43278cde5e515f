//! `--pretty`: indentation for the compact JSON of the core.
//!
//! # Design
//! Parsing the answer into a `serde_json::Value` and printing it pretty would sort the
//! keys (serde_json's map is ordered by key unless a workspace-wide feature is switched
//! on), and the contract's field order is part of the contract. So the text is re-indented
//! as it is, token by token: only whitespace outside strings changes.

/// Indents compact JSON by two spaces, keeping every token and the key order.
pub fn indent(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() * 2);
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut chars = compact.chars().peekable();
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                let close = if c == '{' { '}' } else { ']' };
                // Keep empty containers on one line: `[]`, `{}`.
                if chars.peek() == Some(&close) {
                    chars.next();
                    out.push(close);
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    out
}

fn newline(out: &mut String, depth: usize) {
    out.push('\n');
    for _ in 0..depth {
        out.push_str("  ");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_order_strings_and_empty_containers() {
        let compact = r#"{"z":1,"a":[],"s":"a,b:{\"c\"}","o":{"k":[1,{}]}}"#;
        let expected = "{\n  \"z\": 1,\n  \"a\": [],\n  \"s\": \"a,b:{\\\"c\\\"}\",\n  \"o\": {\n    \"k\": [\n      1,\n      {}\n    ]\n  }\n}";
        assert_eq!(indent(compact), expected);
    }

    #[test]
    fn same_value_as_serde_reads_it() {
        let compact = r#"{"error":{"code":"x","message":"a \\ \" b"},"n":null,"t":true}"#;
        let a: serde_json::Value = serde_json::from_str(compact).unwrap_or_default();
        let b: serde_json::Value = serde_json::from_str(&indent(compact)).unwrap_or_default();
        assert!(!a.is_null());
        assert_eq!(a, b);
    }
}
