//! Reading a policy file: TOML syntax and keys first, then the meaning (`validate`).

use super::Policy;
use crate::error::Error;

/// Reads and validates a policy file. `file` names it in error messages.
///
/// ```
/// let text = yibao::policy::BUILTIN[0].1;
/// let p = yibao::policy::parse_policy("builtin", text).unwrap();
/// assert_eq!(p.id, "140400-2024");
///
/// let err = yibao::policy::parse_policy("mine.toml", "id = 1\n").unwrap_err();
/// assert_eq!(err.code().as_str(), "policy_syntax");
/// ```
pub fn parse_policy(file: &str, text: &str) -> Result<Policy, Error> {
    let mut policy: Policy = toml::from_str(text).map_err(|e| {
        let (line, column) = e
            .span()
            .map(|s| line_column(text, s.start))
            .unwrap_or((1, 1));
        Error::PolicySyntax {
            file: file.to_string(),
            line,
            column,
            message: e.message().trim().to_string(),
        }
    })?;
    super::validate::resolve(file, &mut policy)?;
    super::validate::validate(file, &policy)?;
    Ok(policy)
}

/// 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut line = 1;
    let mut column = 1;
    for (i, ch) in text.char_indices() {
        if i >= offset {
            break;
        }
        if ch == '\n' {
            line += 1;
            column = 1;
        } else {
            column += 1;
        }
    }
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_characters() {
        let t = "a = 1\n名称 = 2\n";
        assert_eq!(line_column(t, 0), (1, 1));
        assert_eq!(line_column(t, 6), (2, 1));
        // "名称 " is 3 characters but 7 bytes.
        assert_eq!(line_column(t, 6 + 7), (2, 4));
    }
}
