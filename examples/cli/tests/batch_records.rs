//! `yibao batch` reads real CSV: records in = rows out, whatever the file's quoting and
//! line ends, checked on random files (proptest) and on the forms Excel writes.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
use common::yibao;
use proptest::prelude::*;

/// One field as a CSV writer writes it: quoted when it holds a comma, a quote or a line
/// end (quotes doubled), else as it is.
fn csv_field(v: &str) -> String {
    if v.contains([',', '"', '\n', '\r']) || v.starts_with(' ') {
        format!("\"{}\"", v.replace('"', "\"\""))
    } else {
        v.to_string()
    }
}

/// Line ends inside `s` as a reader counts them (CRLF, LF or CR alone: one each).
fn line_ends(s: &str) -> u64 {
    let b = s.as_bytes();
    let mut n = 0;
    for (i, &c) in b.iter().enumerate() {
        if c == b'\r' || (c == b'\n' && (i == 0 || b[i - 1] != b'\r')) {
            n += 1;
        }
    }
    n
}

#[derive(Debug, Clone)]
struct Batch {
    text: String,
    /// The line each record starts on.
    lines: Vec<u64>,
}

fn batch() -> impl Strategy<Value = Batch> {
    let text = "[a-z 张李,\"\r\n]{0,12}";
    let record = (
        1950u32..2020,
        1u32..=28,
        text,
        text,
        proptest::sample::select(vec!["\n", "\r\n", "\r"]),
        proptest::sample::select(vec!["minimum_living", "", "orphan|severe_disability"]),
    );
    (
        proptest::collection::vec(record, 1..40),
        any::<bool>(),
        any::<bool>(),
        proptest::sample::select(vec!["\n", "\r\n", "\r"]),
    )
        .prop_map(|(records, bom, last_end, header_end)| {
            let mut text = String::new();
            if bom {
                text.push('\u{feff}');
            }
            text.push_str("name,birth_date,categories,paid_on,household");
            text.push_str(header_end);
            let mut line = 2u64;
            let mut lines = Vec::new();
            let n = records.len();
            for (k, (year, day, name, household, end, cats)) in records.into_iter().enumerate() {
                lines.push(line);
                let fields = [
                    csv_field(&name),
                    format!("{year}-05-{day:02}"),
                    csv_field(cats),
                    "2023-10-10".to_string(),
                    csv_field(&household),
                ];
                let rec = fields.join(",");
                line += line_ends(&rec) + 1;
                text.push_str(&rec);
                if k + 1 < n || last_end {
                    text.push_str(end);
                }
            }
            Batch { text, lines }
        })
}

fn output_lines(stdout: &str) -> Vec<u64> {
    stdout
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap().parse().unwrap())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn records_in_equal_rows_out(b in batch()) {
        let run = yibao(&["batch", "--policy", "140400-2024"], b.text.as_bytes());
        prop_assert_eq!(run.code, 0, "{}", run.stderr);
        // One output row per record, in order, each naming the line its record starts on.
        prop_assert_eq!(output_lines(&run.stdout), b.lines.clone(), "{:?}", b.text);
        let summary = format!("共 {} 行，", b.lines.len());
        prop_assert!(run.stderr.contains(&summary), "{}", run.stderr);
        // Every record has its five fields: none is an error row of a split record.
        prop_assert!(!run.stdout.contains("个字段，表头有"), "{}", run.stdout);
    }
}

const ID: &str = "140402198005011238";
const OTHER: &str = "140402198203044567";

#[test]
fn an_address_holding_a_line_end_and_an_id_number_stays_one_record() {
    // Excel quotes an address typed with Alt+Enter; a line reader split it in two and
    // quoted the second half, another person's ID number, as a resident.
    let input = format!(
        "id_number,address,paid_on\r\n\
         {ID},\"长治市潞州区\r\n{OTHER},2023-10-10\",2023-10-10\r\n\
         {OTHER},\"x\",2023-10-10\r\n"
    );
    let run = yibao(&["batch", "--policy", "140400-2024"], input.as_bytes());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(output_lines(&run.stdout), [2, 4]);
    assert!(run.stderr.contains("共 2 行，"), "{}", run.stderr);
    let rows: Vec<&str> = run.stdout.lines().skip(1).collect();
    assert!(
        rows[0].starts_with("2,ok,140402********1238,"),
        "{}",
        rows[0]
    );
    assert!(
        rows[1].starts_with("4,ok,140402********4567,"),
        "{}",
        rows[1]
    );
    assert!(!run.stdout.contains(ID) && !run.stdout.contains(OTHER));
}

#[test]
fn cr_only_crlf_lf_and_a_bom_read_the_same() {
    let body = format!(
        "id_number,name,paid_on,categories\n{ID},张三,2023-10-10,\n{OTHER},李四,2023-10-10,minimum_living\n"
    );
    let mut outputs = Vec::new();
    for (end, bom) in [("\n", false), ("\r\n", true), ("\r", false), ("\r", true)] {
        let mut input = if bom {
            "\u{feff}".to_string()
        } else {
            String::new()
        };
        input.push_str(&body.replace('\n', end));
        let run = yibao(&["batch", "--policy", "140400-2024"], input.as_bytes());
        assert_eq!(run.code, 0, "{end:?}: {}", run.stderr);
        assert!(run.stderr.contains("共 2 行，"), "{end:?}: {}", run.stderr);
        // The notice names the one column not read, not the rows.
        assert!(
            run.stderr
                .contains("共 4 列，其中 1 列不读取：第 2 列 “name”（"),
            "{end:?}: {}",
            run.stderr
        );
        assert!(!run.stderr.contains("张三") && !run.stderr.contains(ID));
        outputs.push(run.stdout);
    }
    assert!(outputs.iter().all(|o| o == &outputs[0]), "{outputs:#?}");
    let rows: Vec<&str> = outputs[0].lines().skip(1).collect();
    assert_eq!(rows.len(), 2);
    assert!(rows[0].contains(",380.00,"), "{}", rows[0]);
    assert!(rows[1].contains(",76.00,"), "{}", rows[1]);
}

#[test]
fn an_unclosed_quote_is_one_error_row_that_says_so() {
    let input =
        format!("id_number,address,paid_on\n{ID},\"open,2023-10-10\n{OTHER},x,2023-10-10\n");
    let run = yibao(&["batch", "--policy", "140400-2024"], input.as_bytes());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows: Vec<&str> = run.stdout.lines().skip(1).collect();
    assert_eq!(rows.len(), 1, "{}", run.stdout);
    assert!(rows[0].starts_with("2,error,"), "{}", rows[0]);
    assert!(
        rows[0].contains("第2个字段：引号到输入结尾仍未闭合"),
        "{}",
        rows[0]
    );
    assert!(!run.stdout.contains(OTHER));
}

/// A JSON Lines file: records with random line ends (LF, CRLF, CR alone) and blank lines
/// between them, and the line each record is on.
fn jsonl_batch() -> impl Strategy<Value = Batch> {
    let record = (
        1950u32..2020,
        1u32..=28,
        "[a-z 张李,\"\r\n\\\\]{0,12}",
        proptest::sample::select(vec!["\n", "\r\n", "\r"]),
        0usize..3,
    );
    (
        proptest::collection::vec(record, 1..40),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(records, bom, last_end)| {
            let mut text = String::new();
            if bom {
                text.push('\u{feff}');
            }
            let mut line = 1u64;
            let mut lines = Vec::new();
            let n = records.len();
            for (k, (year, day, name, end, blanks)) in records.into_iter().enumerate() {
                for _ in 0..blanks {
                    // A space first: a CR then a LF would be one CRLF, not two ends.
                    text.push(' ');
                    text.push_str(end);
                    line += 1;
                }
                lines.push(line);
                let rec = serde_json::json!({
                    "name": name,
                    "birth_date": format!("{year}-05-{day:02}"),
                    "paid_on": "2023-10-10",
                });
                text.push_str(&rec.to_string());
                line += 1;
                if k + 1 < n || last_end {
                    text.push_str(end);
                }
            }
            Batch { text, lines }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn json_lines_records_in_equal_rows_out(b in jsonl_batch()) {
        let run = yibao(
            &["batch", "--policy", "140400-2024", "--input-format", "jsonl"],
            b.text.as_bytes(),
        );
        prop_assert_eq!(run.code, 0, "{}", run.stderr);
        prop_assert_eq!(output_lines(&run.stdout), b.lines.clone(), "{:?}", b.text);
        prop_assert!(!run.stdout.contains(",error,"), "{}", run.stdout);
        let summary = format!("共 {} 行，", b.lines.len());
        prop_assert!(run.stderr.contains(&summary), "{}", run.stderr);
    }
}

#[test]
fn json_lines_with_cr_only_line_ends_are_one_row_each() {
    // A file saved with classic Mac line ends was one line: one invalid_json row, exit 0.
    let input = format!(
        "{{\"id_number\":\"{ID}\",\"paid_on\":\"2023-10-10\"}}\r\
         {{\"id_number\":\"{OTHER}\",\"paid_on\":\"2023-10-10\",\"categories\":[\"minimum_living\"]}}\r"
    );
    let run = yibao(
        &[
            "batch",
            "--policy",
            "140400-2024",
            "--input-format",
            "jsonl",
        ],
        input.as_bytes(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(output_lines(&run.stdout), [1, 2], "{}", run.stdout);
    assert!(run.stderr.contains("共 2 行，"), "{}", run.stderr);
    let rows: Vec<&str> = run.stdout.lines().skip(1).collect();
    assert!(rows[0].contains(",380.00,"), "{}", rows[0]);
    assert!(rows[1].contains(",76.00,"), "{}", rows[1]);
    // Blank CR-only lines alone are no record: not exit 0.
    let run = yibao(
        &[
            "batch",
            "--policy",
            "140400-2024",
            "--input-format",
            "jsonl",
        ],
        b"\r\r \r",
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
}
