//! `yibao batch`, run as a back office runs it: a file of residents in, answers out.
//!
//! Figures are those of the 长治 notice (140400-2024, paid 2023-10-10): an ordinary
//! resident pays 380.00; 低保 and 1-2级重度残疾 pay 76.00, the aid of 304.00 coming from
//! 医疗救助资金 and 残疾人就业保障金 respectively; days 26-31 are not payment days.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::PathBuf;

mod common;
use common::yibao;

/// A fresh directory for one test's files.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("yibao-batch-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The CSV output as rows of fields (fields are quoted only in error messages, last).
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some(
            "line,status,id_masked,birth_date,policy,window,personal_standard,fiscal_subsidy,\
             aid_total,aid_source,personal_due,benefit_start,benefit_end,error_code,error_message"
        )
    );
    lines
        .map(|l| {
            let mut fields: Vec<String> = l.splitn(15, ',').map(str::to_string).collect();
            assert_eq!(fields.len(), 15, "{l}");
            let msg = fields[14].trim_matches('"').replace("\"\"", "\"");
            fields[14] = msg;
            fields
        })
        .collect()
}

// Valid ID numbers of region 140402 (长治市潞州区) with their check characters.
const ORDINARY: &str = "140402198005011238";
const LOW_INCOME: &str = "140402198203044567";
const DISABLED: &str = "140402201006077890";
const LATE_DAY: &str = "14040219750909321X";
// One check character off.
const BAD_ID: &str = "140402195001011115";

fn small_csv() -> String {
    format!(
        "id_number,name,birth_date,categories,paid_on,household,policy\n\
         {ORDINARY},张三,,,2023-10-10,H1,140400-2024\n\
         {LOW_INCOME},李四,,minimum_living,2023-10-10,H1,140400-2024\n\
         {DISABLED},王五,,severe_disability,2023-10-10,H2,\n\
         \n\
         {LATE_DAY},赵六,,,2023-10-26,H2,140400-2024\n\
         ,钱七,1990-02-30,,2023-10-10,H3,140400-2024\n\
         {BAD_ID},孙八,,,2023-10-10,H3,140400-2024\n\
         ,周九,1985-07-07,\"minimum_living|severe_disability\",2023-10-10,H4,140400-2024\n"
    )
}

#[test]
fn small_csv_real_figures_line_numbers_and_summary() {
    let run = yibao(
        &["batch", "--policy", "140400-2024"],
        small_csv().as_bytes(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = csv_rows(&run.stdout);
    assert_eq!(rows.len(), 7);
    let by_line = |n: &str| rows.iter().find(|r| r[0] == n).unwrap();

    let ordinary = by_line("2");
    assert_eq!(ordinary[1], "ok");
    assert_eq!(ordinary[2], "140402********1238");
    assert_eq!(ordinary[3], "1980-05-01");
    assert_eq!(ordinary[4], "140400-2024");
    assert_eq!(ordinary[5], "window");
    assert_eq!(
        &ordinary[6..13],
        [
            "380.00",
            "640.00",
            "0.00",
            "",
            "380.00",
            "2024-01-01",
            "2024-12-31"
        ]
    );
    assert_eq!(&ordinary[13..], ["", ""]);

    let low = by_line("3");
    assert_eq!(
        &low[6..11],
        ["380.00", "640.00", "304.00", "medical_assistance", "76.00"]
    );

    // The policy column is empty on this row: --policy applies.
    let disabled = by_line("4");
    assert_eq!(disabled[4], "140400-2024");
    assert_eq!(
        &disabled[6..11],
        [
            "380.00",
            "640.00",
            "304.00",
            "disability_employment_security_fund",
            "76.00"
        ]
    );

    // Line 5 is blank: no row. Line 6 pays on the 26th.
    assert!(rows.iter().all(|r| r[0] != "5"));
    let late = by_line("6");
    assert_eq!(late[1], "error");
    assert_eq!(late[13], "not_payment_day");
    assert!(late[14].contains("2023-10-26"), "{}", late[14]);
    assert!(
        late[14].contains("2023-11-01"),
        "next payment day: {}",
        late[14]
    );
    assert_eq!(late[2], "140402********321X");
    assert!(late[6..13].iter().all(String::is_empty));

    // The message names the column, in Chinese (the default), never echoing the value.
    let bad_date = by_line("7");
    assert_eq!(bad_date[13], "invalid_date");
    assert_eq!(
        bad_date[14],
        "字段 birth_date 的日期无效：应为1900-01-01至2199-12-31之间实际存在的日期，格式 YYYY-MM-DD"
    );
    assert_eq!(bad_date[2], "");

    let bad_id = by_line("8");
    assert_eq!(bad_id[13], "invalid_id");
    assert_eq!(bad_id[2], "140402********1115");
    assert_eq!(
        bad_id[14],
        "身份证号码无效：校验码不符（GB 11643，ISO 7064 MOD 11-2）"
    );

    // Two aids: the single most favourable, never stacked (both are 304.00 here; the
    // first rule listed wins the tie).
    let both = by_line("9");
    assert_eq!(&both[8..11], ["304.00", "medical_assistance", "76.00"]);

    // Order is input order.
    let lines: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(lines, ["2", "3", "4", "6", "7", "8", "9"]);

    // No full ID number anywhere, valid or not.
    for id in [ORDINARY, LOW_INCOME, DISABLED, LATE_DAY, BAD_ID] {
        assert!(!run.stdout.contains(id), "{id} in stdout");
        assert!(!run.stderr.contains(id), "{id} in stderr");
    }

    // Summary by hand: 380 + 76 + 76 + 76 = 608.00 due; aid 304 × 3. In Chinese.
    let s = &run.stderr;
    for expected in [
        "yibao batch: 共 7 列，其中 1 列不读取：第 2 列 “name”（读取哪些列见 yibao help batch）\n",
        "yibao batch: 共 7 行，用时 ",
        "：4 行已计算，3 行出错\n",
        "  个人应缴合计：608.00 元\n",
        "  个人缴费标准合计：1520.00 元\n",
        "  财政补助合计：2560.00 元\n",
        "  资助合计：912.00 元\n",
        "    医疗救助资金（medical_assistance）：608.00 元，2 行\n",
        "    残疾人就业保障金（disability_employment_security_fund）：304.00 元，1 行\n",
        "  按错误代码：\n",
        "    invalid_date：1 行，首见于第 7 行\n",
        "    not_payment_day：1 行，首见于第 6 行\n",
        "    invalid_id：1 行，首见于第 8 行\n",
        "  户数：4（complete 完整 2 户，member_errors 有成员出错 2 户，incomplete 不完整 0 户）\n",
    ] {
        assert!(s.contains(expected), "{expected:?} missing in\n{s}");
    }

    // The same in English, the error_message column too.
    let run = yibao(
        &["batch", "--policy", "140400-2024", "--lang", "en"],
        small_csv().as_bytes(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = csv_rows(&run.stdout);
    assert_eq!(
        rows.iter().find(|r| r[0] == "7").unwrap()[14],
        "invalid date in birth_date: expected a real calendar day as YYYY-MM-DD within 1900-01-01..2199-12-31"
    );
    assert_eq!(
        rows.iter().find(|r| r[0] == "6").unwrap()[14],
        "2023-10-26 is not a payment day of “collection window” (payments on days 1–25 of each month); next payment day 2023-11-01"
    );
    let s = &run.stderr;
    for expected in [
        "yibao batch: ignoring 1 of 7 columns: #2 \"name\" (the columns read are listed in `yibao help batch`)\n",
        "yibao batch: 7 rows in ",
        "4 quoted, 3 with errors\n",
        "  personal due (个人应缴) total: 608.00\n",
        "  aid (资助) total:              912.00\n",
        "    medical assistance fund (medical_assistance): 608.00 for 2 rows\n",
        "    disability employment security fund (disability_employment_security_fund): 304.00 for 1 rows\n",
        "  errors by code:\n",
        "    not_payment_day: 1 (first on line 6)\n",
        "    invalid_date: 1 (first on line 7)\n",
        "    invalid_id: 1 (first on line 8)\n",
        "  households: 4 (2 complete, 2 with member errors, 0 incomplete)\n",
    ] {
        assert!(s.contains(expected), "{expected:?} missing in\n{s}");
    }
}

#[test]
fn jsonl_in_and_out() {
    let input = format!(
        "{{\"id_number\":\"{ORDINARY}\",\"paid_on\":\"2023-10-10\",\"policy\":\"140400-2024\"}}\n\
         {{\"birth_date\":\"1982-03-04\",\"categories\":[\"minimum_living\"],\"paid_on\":\"2023-10-10\",\"policy\":\"140400-2024\"}}\n\
         {{\"birth_date\":\"2010-06-07\",\"categories\":\"severe_disability\",\"paid_on\":\"2023-10-10\",\"policy\":\"140400-2024\"}}\n\
         {{\"id_number\":\"{LATE_DAY}\",\"paid_on\":\"2023-10-26\",\"policy\":\"140400-2024\"}}\n\
         {{\"birth_date\":\"1980-01-01\",\"paid_on\":\"2023-10-1\",\"policy\":\"140400-2024\"}}\n\
         {{\"id_number\":\"{BAD_ID}\",\"paid_on\":\"2023-10-10\",\"policy\":\"140400-2024\"}}\n\
         {{\"birth_date\":\"1980-01-01\",\"paid_on\":\"2023-10-10\",\"categories\":[\"nobody\"],\"policy\":\"140400-2024\"}}\n\
         {{oops\n"
    );
    let dir = scratch("jsonl");
    let path = dir.join("county.jsonl");
    std::fs::write(&path, &input).unwrap();
    let out_path = dir.join("answers.jsonl");
    let run = yibao(
        &[
            "batch",
            path.to_str().unwrap(),
            "-o",
            out_path.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    let text = std::fs::read_to_string(&out_path).unwrap();
    let rows: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 8);
    for (i, r) in rows.iter().enumerate() {
        assert_eq!(r["line"], i as u64 + 1);
    }
    assert_eq!(rows[0]["status"], "ok");
    assert_eq!(rows[0]["id_masked"], "140402********1238");
    assert_eq!(rows[0]["personal_due"], "380.00");
    assert_eq!(rows[0]["benefit_start"], "2024-01-01");
    assert_eq!(rows[0]["error"], serde_json::Value::Null);
    assert_eq!(rows[1]["id_masked"], serde_json::Value::Null);
    assert_eq!(rows[1]["personal_due"], "76.00");
    assert_eq!(rows[1]["aid_source"], "medical_assistance");
    assert_eq!(rows[2]["personal_due"], "76.00");
    assert_eq!(rows[2]["aid_source"], "disability_employment_security_fund");
    let codes: Vec<&str> = rows[3..]
        .iter()
        .map(|r| r["error"]["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        [
            "not_payment_day",
            "invalid_date",
            "invalid_id",
            "unknown_category",
            "invalid_json"
        ]
    );
    assert_eq!(rows[3]["status"], "error");
    assert_eq!(rows[3]["personal_due"], serde_json::Value::Null);
    assert_eq!(rows[5]["id_masked"], "140402********1115");
    assert!(!text.contains(BAD_ID) && !text.contains(LATE_DAY) && !text.contains(ORDINARY));
    assert!(
        run.stderr.contains("  个人应缴合计：532.00 元\n"),
        "{}",
        run.stderr
    );
    // JSON Lines: the message of an error in Chinese, by default.
    assert_eq!(
        rows[6]["error"]["message"],
        "政策 140400-2024 没有类别 “nobody”：可用全国统一的类别编号（design.md）和本政策声明的类别（policy 操作列出）"
    );
}

#[test]
fn csv_in_jsonl_out_and_the_reverse_agree() {
    let csv = yibao(
        &[
            "batch",
            "--policy",
            "140400-2024",
            "--output-format",
            "jsonl",
        ],
        small_csv().as_bytes(),
    );
    assert_eq!(csv.code, 0, "{}", csv.stderr);
    let rows: Vec<serde_json::Value> = csv
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let due: Vec<&str> = rows
        .iter()
        .filter_map(|r| r["personal_due"].as_str())
        .collect();
    assert_eq!(due, ["380.00", "76.00", "76.00", "76.00"]);
    assert_eq!(rows[3]["line"], 6);
    assert_eq!(rows[3]["error"]["code"], "not_payment_day");
}

/// Whether `text` holds `id` in any written form: ASCII, full-width, or with separators
/// (checked by dropping separators and folding full-width digits on both sides).
fn holds_id(text: &str, id: &str) -> bool {
    let fold = |s: &str| -> String {
        s.chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '‐' | '－' | '—' | '_' | '.'))
            .map(|c| match c {
                '０'..='９' => char::from_u32(u32::from(c) - 0xFF10 + 0x30).unwrap(),
                'x' | 'Ｘ' | 'ｘ' => 'X',
                _ => c,
            })
            .collect()
    };
    fold(text).contains(&fold(id))
}

#[test]
fn a_cr_only_csv_never_prints_its_rows_in_the_ignored_columns_notice() {
    // Excel's "CSV (Macintosh)": records end with CR alone. A line reader takes the whole
    // file for its header, so the "ignoring columns" notice used to print every row.
    let input = small_csv().replace('\n', "\r");
    let run = yibao(&["batch", "--policy", "140400-2024"], input.as_bytes());
    for id in [ORDINARY, LOW_INCOME, DISABLED, LATE_DAY, BAD_ID] {
        assert!(!holds_id(&run.stderr, id), "{id} in stderr: {}", run.stderr);
        assert!(!holds_id(&run.stdout, id), "{id} in stdout");
    }
    let notice = run.stderr.lines().find(|l| l.contains("不读取")).unwrap();
    assert!(notice.chars().count() < 400, "{notice}");
    // And written apart in the header itself.
    let header = "paid_on,birth_date,140402 19800501 1238,１４０４０２１９８２０３０４４５６７\n2023-10-10,1980-01-01,a,b\n";
    let run = yibao(&["batch", "--policy", "140400-2024"], header.as_bytes());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!holds_id(&run.stderr, ORDINARY), "{}", run.stderr);
    assert!(!holds_id(&run.stderr, LOW_INCOME), "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "共 4 列，其中 2 列不读取：第 3 列 “140402 ******** 1238”、第 4 列 “１４０４０２********４５６７”"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn crlf_bom_and_quoted_fields() {
    let input = format!(
        "\u{feff}\"paid_on\",\"id_number\",\"categories\"\r\n\
         2023-10-10,\"{LOW_INCOME}\",\"minimum_living\"\r\n\
         2023-10-10,{ORDINARY},\"\"\r\n"
    );
    let run = yibao(&["batch", "--policy=140400-2024"], input.as_bytes());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = csv_rows(&run.stdout);
    assert_eq!(rows[0][10], "76.00");
    assert_eq!(rows[1][10], "380.00");
    assert!(!run.stdout.contains('\r'));
}

#[test]
fn many_rows_keep_their_order_across_chunks_and_threads() {
    // 200 000 rows, every one a different birth date and ID; the output row for line n
    // must be the answer for input line n.
    const N: usize = 200_000;
    let weights = [7u32, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let checks = b"10X98765432";
    let start = chrono::NaiveDate::from_ymd_opt(1930, 1, 1).unwrap();
    let mut input = String::from("id_number,categories,paid_on\n");
    let mut expected = Vec::with_capacity(N);
    for i in 0..N {
        let birth = start + chrono::Duration::days((i % 30_000) as i64);
        let first17 = format!("140402{}{:03}", birth.format("%Y%m%d"), i % 1000);
        let sum: u32 = first17
            .bytes()
            .zip(weights)
            .map(|(b, w)| u32::from(b - b'0') * w)
            .sum();
        let id = format!("{first17}{}", checks[(sum % 11) as usize] as char);
        // Every 7th row pays on the 27th (an error); every 10th is 低保.
        let (paid, cats) = match (i % 7, i % 10) {
            (0, _) => ("2023-10-27", ""),
            (_, 0) => ("2023-10-10", "minimum_living"),
            _ => ("2023-10-10", ""),
        };
        input.push_str(&format!("{id},{cats},{paid}\n"));
        expected.push((
            format!("{}********{}", &id[..6], &id[14..]),
            birth.to_string(),
            i % 7 == 0,
            i % 10 == 0,
        ));
    }
    let run = yibao(
        &[
            "batch",
            "--policy",
            "140400-2024",
            "--chunk-bytes",
            "100000",
            "--threads",
            "3",
        ],
        input.as_bytes(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = csv_rows(&run.stdout);
    assert_eq!(rows.len(), N);
    let mut due_fen: u64 = 0;
    for (i, (row, (masked, birth, late, low))) in rows.iter().zip(&expected).enumerate() {
        assert_eq!(row[0], (i + 2).to_string(), "line of row {i}");
        assert_eq!(&row[2], masked, "row {i}");
        assert_eq!(&row[3], birth, "row {i}");
        if *late {
            assert_eq!(row[13], "not_payment_day", "row {i}");
        } else {
            let due = if *low { "76.00" } else { "380.00" };
            assert_eq!(row[10], due, "row {i}");
            due_fen += if *low { 7_600 } else { 38_000 };
        }
    }
    let total = format!("{}.{:02}", due_fen / 100, due_fen % 100);
    assert!(
        run.stderr
            .contains(&format!("  个人应缴合计：{total} 元\n")),
        "{total}: {}",
        run.stderr
    );
    let late = N.div_ceil(7);
    assert!(
        run.stderr
            .contains(&format!("    not_payment_day：{late} 行，首见于第 2 行\n")),
        "{}",
        run.stderr
    );
}

#[test]
fn household_totals_and_the_whole_household_rule() {
    // 凌源 (211382-2022) requires the whole household to enrol together (整户参保): a
    // household with a failed member is incomplete. 长治 has no such rule.
    let input = "household,birth_date,categories,paid_on,policy\n\
                 L1,1980-01-01,,2022-02-15,211382-2022\n\
                 L2,1980-01-01,,2022-02-15,211382-2022\n\
                 L1,1982-02-02,,2022-02-15,211382-2022\n\
                 L2,1982-02-30,,2022-02-15,211382-2022\n\
                 C1,1980-05-01,,2023-10-10,140400-2024\n\
                 C1,1982-03-04,minimum_living,2023-10-26,140400-2024\n\
                 \"110105194912310021\",1949-12-31,,2023-10-10,140400-2024\n";
    let dir = scratch("households");
    let totals = dir.join("households.csv");
    let run = yibao(
        &[
            "batch",
            "--household-totals",
            totals.to_str().unwrap(),
            "--no-progress",
        ],
        input.as_bytes(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(&totals).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            "household,policy,members,quoted,errors,personal_due_total,aid_total,status,first_line,first_error_line",
            "L1,211382-2022,2,2,0,640.00,0.00,complete,2,",
            "L2,211382-2022,2,1,1,320.00,0.00,incomplete,3,5",
            "C1,140400-2024,2,1,1,380.00,0.00,member_errors,6,7",
            // A key that looks like an ID number is shown masked.
            "110105********0021,140400-2024,1,1,0,380.00,0.00,complete,8,",
        ]
    );
    assert!(!text.contains("110105194912310021"));
    let s = &run.stderr;
    assert!(
        s.contains("  户数：4（complete 完整 2 户，member_errors 有成员出错 1 户，incomplete 不完整 1 户）\n"),
        "{s}"
    );
    assert!(
        s.contains("    不完整：有成员的行出错，而政策 211382-2022 要求以家庭为单位整户参保\n"),
        "{s}"
    );

    let jsonl = dir.join("households.jsonl");
    let run = yibao(
        &["batch", "--household-totals", jsonl.to_str().unwrap()],
        input.as_bytes(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let first: serde_json::Value = serde_json::from_str(
        std::fs::read_to_string(&jsonl)
            .unwrap()
            .lines()
            .nth(1)
            .unwrap(),
    )
    .unwrap();
    assert_eq!(first["household"], "L2");
    assert_eq!(first["status"], "incomplete");
    assert_eq!(first["personal_due_total"], "320.00");
}

#[test]
fn rows_that_cannot_be_read_are_reported_in_place() {
    let long = "x".repeat((1 << 20) + 100);
    let input = format!(
        "birth_date,paid_on,policy\n\
         1980-01-01,2023-10-10\n\
         1980-01-01,2023-10-10,140400-2024,extra\n\
         {long}\n\
         1980-01-01,2023-10-10,999999-2024\n\
         2024-05-05,2023-10-10,140400-2024\n\
         1980-01-01,2023-10-10,140400-2024\n"
    );
    let run = yibao(&["batch"], input.as_bytes());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = csv_rows(&run.stdout);
    let got: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (r[0].as_str(), r[13].as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("2", "invalid_request"),
            ("3", "invalid_request"),
            ("4", "invalid_request"),
            ("5", "unknown_policy"),
            ("6", "birth_after_payment"),
            ("7", ""),
        ]
    );
    assert_eq!(rows[3][4], "999999-2024");
    assert_eq!(
        rows[2][14],
        "该记录超过1048576字节，未读取（未闭合的引号会一直延续到下一个引号）"
    );
    assert_eq!(rows[0][14], "该行有2个字段，表头有3个");
    assert_eq!(rows[1][14], "该行有4个字段，表头有3个");
    assert_eq!(
        rows[3][14],
        "没有编号为 “999999-2024” 的政策；policies 操作列出全部编号"
    );
    assert_eq!(rows[4][14], "出生日期2024-05-05晚于缴费日期2023-10-10");
    // And in English with --lang en.
    let run = yibao(&["batch", "--lang", "en"], input.as_bytes());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = csv_rows(&run.stdout);
    assert_eq!(
        rows[2][14],
        "the record is longer than 1048576 bytes and was not read (a quoted field left open runs to the next quote)"
    );
    assert_eq!(rows[0][14], "the row has 2 fields, the header has 3");
    assert_eq!(
        rows[3][14],
        "unknown policy \"999999-2024\"; the `policies` operation lists the ids"
    );
    assert_eq!(
        rows[4][14],
        "the birth date 2024-05-05 is after the payment date 2023-10-10"
    );
}

#[test]
fn what_stops_a_batch() {
    // No payment date column: nothing can be answered.
    // Each message in Chinese (the default), and in English with --lang en.
    let stops = |args: &[&str], input: &[u8], zh: &str, en: &str| {
        let run = yibao(args, input);
        assert_eq!(run.code, 1, "{args:?}: {}", run.stderr);
        assert!(
            run.stdout.is_empty() || run.stdout.starts_with("line,"),
            "{}",
            run.stdout
        );
        assert!(run.stderr.contains(zh), "{zh:?} missing in {}", run.stderr);
        let run = yibao(&[args, &["--lang", "en"]].concat(), input);
        assert_eq!(run.code, 1, "{args:?} --lang en: {}", run.stderr);
        assert!(run.stderr.contains(en), "{en:?} missing in {}", run.stderr);
    };
    stops(
        &["batch", "--policy", "140400-2024"],
        b"id_number\n1\n",
        "yibao batch: 表头行：没有缴费日期列 paid_on\n",
        "yibao batch: header line: no `paid_on` column\n",
    );
    // No policy column and no --policy.
    stops(
        &["batch"],
        b"birth_date,paid_on\n",
        "yibao batch: 表头行：没有政策编号列 policy，也未给出 --policy 政策编号\n",
        "yibao batch: header line: no `policy` column and no --policy ID\n",
    );
    // An unknown --policy.
    stops(
        &["batch", "--policy", "000000-2024"],
        b"birth_date,paid_on\n",
        "yibao batch: 没有编号为 “000000-2024” 的政策；policies 操作列出全部编号\n",
        "yibao batch: unknown policy \"000000-2024\"; the `policies` operation lists the ids\n",
    );
    // An empty input.
    stops(
        &["batch", "--policy", "140400-2024"],
        b"",
        "yibao batch: 输入为空：CSV 文件须以表头行开始\n",
        "yibao batch: the input is empty: a CSV file starts with a header line\n",
    );
    // A missing file (the system's own words follow).
    stops(
        &["batch", "/nonexistent/county.csv"],
        b"",
        "yibao batch: 无法打开 /nonexistent/county.csv：",
        "yibao batch: cannot open /nonexistent/county.csv: ",
    );
    // A wrong command line.
    let run = yibao(&["batch", "--output-format", "xml"], b"");
    assert_eq!(run.code, 2);
    // A header alone, or with blank lines, gives no row: not a batch that went well
    // (exit 0 with "0 rows" is how a CR-only file misread as one header line looked).
    for input in [
        &b"birth_date,paid_on\n"[..],
        b"birth_date,paid_on",
        b"birth_date,paid_on\r\n\r\n  \n\n",
    ] {
        let run = yibao(&["batch", "--policy", "140400-2024"], input);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(
            run.stderr.contains("输入只有表头行，没有数据行"),
            "{}",
            run.stderr
        );
    }
    // JSON Lines: blank lines only are no rows either; an empty input stays a batch
    // of no rows.
    let run = yibao(&["batch", "--input-format", "jsonl"], b"\n  \n");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("输入不为空，但没有任何一行数据"),
        "{}",
        run.stderr
    );
    let run = yibao(&["batch", "--input-format", "jsonl"], b"");
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// What the usage message shows of a flag's value: a number of 15 or more digits is
/// masked as an ID number would be (first six and last four kept).
fn yibao_redact_like(value: &str) -> String {
    let n = value.chars().count();
    if n >= 15 {
        format!("{}{}{}", &value[..6], "*".repeat(n - 10), &value[n - 4..])
    } else if n >= 10 {
        "*".repeat(n)
    } else {
        value.to_string()
    }
}

#[test]
fn numeric_flags_out_of_range_are_usage_errors() {
    // Each once panicked (the first), aborted on allocation (the second) or hung
    // starting threads (the third). Now a usage error, exit 2, before any input is read.
    for (flag, value, range) in [
        (
            "--chunk-bytes",
            "18446744073709551615",
            "65536 to 268435456",
        ),
        ("--chunk-bytes", "100000000000", "65536 to 268435456"),
        ("--chunk-bytes", "1", "65536 to 268435456"),
        ("--threads", "30000", "1 to 256"),
        ("--threads", "0", "1 to 256"),
    ] {
        let run = yibao(
            &["batch", "--policy", "140400-2024", flag, value],
            small_csv().as_bytes(),
        );
        assert_eq!(run.code, 2, "{flag} {value}: {}", run.stderr);
        // The value is echoed through the ID mask (twenty digits look like one).
        let shown = yibao_redact_like(value);
        let (from, to) = range.split_once(" to ").unwrap();
        assert!(
            run.stderr
                .contains(&format!("{flag} “{shown}”：应为 {from} 至 {to} 之间的整数")),
            "{}",
            run.stderr
        );
        assert!(run.stdout.is_empty());
        let run = yibao(
            &[
                "batch",
                "--policy",
                "140400-2024",
                flag,
                value,
                "--lang",
                "en",
            ],
            small_csv().as_bytes(),
        );
        assert_eq!(run.code, 2, "{flag} {value}: {}", run.stderr);
        assert!(
            run.stderr.contains(&format!(
                "{flag} \"{shown}\": expected a whole number from {range}"
            )),
            "{}",
            run.stderr
        );
    }
    // The bounds themselves are accepted.
    for (flag, value) in [
        ("--chunk-bytes", "65536"),
        ("--chunk-bytes", "268435456"),
        ("--threads", "1"),
        ("--threads", "256"),
    ] {
        let run = yibao(
            &["batch", "--policy", "140400-2024", flag, value],
            small_csv().as_bytes(),
        );
        assert_eq!(run.code, 0, "{flag} {value}: {}", run.stderr);
        assert_eq!(csv_rows(&run.stdout).len(), 7);
    }
}

#[test]
fn help_documents_the_columns() {
    let run = yibao(&["help", "batch"], b"");
    assert_eq!(run.code, 0);
    for word in [
        "id_number",
        "birth_date",
        "categories",
        "paid_on",
        "household",
        "grade",
        "--household-totals",
        "id_masked",
        "error_message",
    ] {
        assert!(run.stdout.contains(word), "{word}");
    }
    let run = yibao(&["--help"], b"");
    assert!(run.stdout.contains("batch"), "{}", run.stdout);
}

/// A `grade` column names the contribution grade (缴费档次), as the JSON `person.grade`:
/// 綦江 (test fixture 500110-2017) 一档 140 / 二档 450, 低保 aided at the 一档 standard in
/// either (pays 0 or 310); no grade where one is needed, or an unknown one, is
/// `invalid_grade` on that row only.
#[test]
fn a_grade_column_names_the_contribution_grade() {
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/vectors/policies/500110-2017.toml"
    );
    let csv = "birth_date,categories,grade,paid_on\n\
               1980-05-01,,grade_1,2016-10-10\n\
               1980-05-01,,grade_2,2016-10-10\n\
               1980-05-01,minimum_living,grade_1,2016-10-10\n\
               1980-05-01,minimum_living,grade_2,2016-10-10\n\
               1980-05-01,minimum_living,,2016-10-10\n\
               1980-05-01,,grade_3,2016-10-10\n";
    let run = yibao(
        &["batch", "--policy-file", fixture, "--policy", "500110-2017"],
        csv.as_bytes(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = csv_rows(&run.stdout);
    let figures: Vec<(&str, &str, &str, &str)> = rows
        .iter()
        .map(|r| (r[1].as_str(), r[6].as_str(), r[8].as_str(), r[10].as_str()))
        .collect();
    assert_eq!(
        figures[..4],
        [
            ("ok", "140.00", "0.00", "140.00"),
            ("ok", "450.00", "0.00", "450.00"),
            ("ok", "140.00", "140.00", "0.00"),
            ("ok", "450.00", "140.00", "310.00"),
        ]
    );
    for r in &rows[4..] {
        assert_eq!(
            (r[1].as_str(), r[13].as_str()),
            ("error", "invalid_grade"),
            "{r:?}"
        );
    }
    assert!(rows[5][14].contains("grade_3"), "{}", rows[5][14]);
    // JSON Lines: the same key.
    let jsonl = r#"{"birth_date":"1980-05-01","categories":["minimum_living"],"grade":"grade_2","paid_on":"2016-10-10"}"#;
    let run = yibao(
        &[
            "batch",
            "--policy-file",
            fixture,
            "--policy",
            "500110-2017",
            "--input-format",
            "jsonl",
            "--output-format",
            "jsonl",
        ],
        jsonl.as_bytes(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains(r#""personal_due":"310.00""#),
        "{}",
        run.stdout
    );
}
