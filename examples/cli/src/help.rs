//! `--help`, `help <op>` and `--version` texts.
//!
//! # Design
//! Every example here is a real request against the built-in policies, with the figure
//! it answers, so that a reader can paste it and check the result; the integration tests
//! run the headline ones.

/// The short usage printed after a usage error.
pub const USAGE: &str = "\
usage: yibao [--policy-file PATH]... [--pretty] <operation> < request.json
       yibao quote  --policy ID [--category C]... [--paid-on DATE] [--birth-date DATE | --id-number N] [--grade G] [--lang zh|en] [--json]
       yibao window --policy ID [--date DATE] [--lang zh|en] [--json]
       yibao batch  [INPUT|-] [-o OUTPUT] [--policy ID] [--input-format csv|jsonl] [--output-format csv|jsonl] [--household-totals PATH]
       yibao help [operation] | --help | --version";

const OVERVIEW: &str = "\
yibao — 城乡居民基本医疗保险 contributions, exactly as the local notices say.

Every operation reads its request JSON on stdin and prints the answer JSON on stdout
(exit 0). A failed request prints {\"error\": {\"code\": ..., \"message\": ...}} on stdout
and exits 1; a wrong command line prints a message on stderr and exits 2.

Operations:
  quote      what a person pays on a date, who pays the rest, and the cover bought
  household  every member's quote and the household total
  refund     whether and how much of a payment is refunded
  window     whether a date is a payment day, and the next one
  id         checks an ID number (fills \"today\" from the local clock when absent)
  policies   lists the policies in force (no request needed)
  policy     the whole policy file as JSON
  batch      a CSV or JSON Lines file of residents, one answer per row, on every
             core (`yibao help batch`)

Flags for every operation:
  --policy-file PATH   load a policy file (TOML) first; repeatable; replaces a
                       built-in policy with the same id
  --pretty             indent the JSON output
  -h, --help           this text; `yibao help <operation>` for one operation
  -V, --version        the version

Human flags (the request is built from flags and stdin is not read):
  quote  --policy ID --category C[,C...] --paid-on DATE --birth-date DATE | --id-number N
  window --policy ID --date DATE
  --lang zh|en         language of the summary (default zh)
  --json               print the answer JSON instead of the summary

Examples:
  yibao policies
  echo '{\"policy\":\"140400-2024\",\"paid_on\":\"2023-10-10\",\"person\":{\"birth_date\":\"1980-05-01\",\"categories\":[\"minimum_living\"]}}' | yibao quote
  yibao quote --policy 140400-2024 --category minimum_living --paid-on 2023-10-10
  yibao window --policy 140400-2024 --date 2023-10-26 --lang en

Dates are YYYY-MM-DD. Category ids: ";

/// The full help, or one operation's.
pub fn text(topic: Option<&str>) -> String {
    match topic {
        None => {
            let ids: Vec<&str> = yibao::Category::ALL.iter().map(|c| c.id()).collect();
            format!("{OVERVIEW}{}.\n\n{USAGE}\n", ids.join(", "))
        }
        Some(op) => format!("{}\n", operation(op)),
    }
}

fn operation(op: &str) -> &'static str {
    match op {
        "quote" => "\
yibao quote — what a person pays on a date, who pays the rest, and the cover bought.

From stdin:
  echo '{\"policy\":\"140400-2024\",\"paid_on\":\"2023-10-10\",
         \"person\":{\"birth_date\":\"1980-05-01\",\"categories\":[\"minimum_living\"]}}' | yibao quote
  → ...\"personal_due\":\"76.00\",...\"benefit_start\":\"2024-01-01\",\"benefit_end\":\"2024-12-31\"...
  person: id_number or birth_date, categories [ids], insured_elsewhere, transfer,
          employee_insurance_ended_on, parent_insured

With flags (a summary in Chinese, or English with --lang en; --json for the JSON):
  yibao quote --policy 140400-2024 --category minimum_living --paid-on 2023-10-10
  --policy ID          policy id (`yibao policies` lists them)      required
  --category C[,C]     category id; repeatable or comma-separated   default: none
  --paid-on DATE       payment date                                 default: today
  --birth-date DATE    birth date                                   default: see below
  --id-number N        ID number (gives the birth date; shown masked)
  --grade G            contribution grade (缴费档次), where the policy has grades
  With neither --birth-date nor --id-number an adult born 1980-01-01 is assumed, and
  the summary says so.",
        "household" => "\
yibao household — every member's quote and the household's total.

  echo '{\"policy\":\"211382-2022\",\"paid_on\":\"2022-02-15\",\"members\":[
         {\"birth_date\":\"1980-01-01\"},{\"birth_date\":\"1982-03-04\"},{\"birth_date\":\"2010-06-07\"}]}' | yibao household
  → ...\"personal_due_total\":\"960.00\"...
  members: persons as in `quote`, plus \"enrolling\": false for a member not enrolling now.",
        "refund" => "\
yibao refund — whether and how much of a payment is refunded.

  echo '{\"policy\":\"140400-2024\",\"person\":{\"birth_date\":\"1980-01-01\"},
         \"payment\":{\"paid_on\":\"2023-10-10\",\"amount\":\"380.00\"},
         \"reason\":\"duplicate\",\"event_on\":\"2023-10-11\"}' | yibao refund
  → ...\"refundable\":true,\"amount\":\"380.00\"...
  reason: duplicate, death, employee_insurance, aid_confirmed",
        "window" => "\
yibao window — whether a date is a payment day, and the next one.

  echo '{\"policy\":\"140400-2024\",\"date\":\"2023-10-26\"}' | yibao window
  → ...\"payment_day\":false,\"next_payment_day\":\"2023-11-01\"...

With flags (a summary; --lang en for English, --json for the JSON):
  yibao window --policy 140400-2024 --date 2023-10-26
  --policy ID     policy id                 required
  --date DATE     the date asked about      default: today",
        "id" => "\
yibao id — checks an ID number: validity, birth date, sex, region, masked form.

  echo '{\"id_number\":\"11010519491231002X\"}' | yibao id
  → {\"valid\":true,...\"birth_date\":\"1949-12-31\",\"sex\":\"female\",...\"masked\":\"110105********002X\"}
  \"today\" (YYYY-MM-DD) refuses birth dates after it; when absent, the CLI fills it
  from the local clock.",
        "policies" => "\
yibao policies — the policies in force: id, region, benefit year, title.

  yibao policies
  yibao --policy-file my-region-2025.toml policies    (built-ins plus your file)
  stdin is not needed: empty, null or {}.",
        "batch" => BATCH,
        "policy" => "\
yibao policy — a whole policy as JSON (tiers, aid, newborns, refunds, contacts, targets).

  echo '{\"policy\":\"140400-2024\"}' | yibao policy",
        // `args` only lets the contract's operations through.
        _ => USAGE,
    }
}

/// `yibao help batch`.
const BATCH: &str = "\
yibao batch — a file of residents in, one answer per row out, on every core.

  yibao batch county.csv -o answers.csv --household-totals households.csv
  yibao batch --policy 140400-2024 < county.csv > answers.csv
  yibao batch county.jsonl --output-format jsonl

Input: a path, or stdin (no path, or -). CSV needs a header line; JSON Lines has one
object per line with the same names (`categories` an array or a `|`-separated string).
Columns (any order, names in any case; other columns are ignored):
  id_number        ID number (gives the birth date; shown only masked)   \\ one of
  birth_date       YYYY-MM-DD                                             / the two
  categories       category ids separated by |, e.g. minimum_living|severe_disability
  paid_on          payment date YYYY-MM-DD                                required
  household        household key: rows with the same key are one household
  policy           policy id of the row; else --policy ID
  insured_elsewhere, transfer, parent_insured, newly_aided   true/false, 1/0, yes/no
  employee_insurance_ended_on                     YYYY-MM-DD
CSV is RFC 4180: a quoted field may hold commas and line ends and stays one record;
records end in CRLF, LF or CR alone; a byte-order mark and blank lines are skipped.

Output: one line per row, in input order (CSV with a header, or JSON Lines):
  line, status (ok|error), id_masked, birth_date, policy, window, personal_standard,
  fiscal_subsidy, aid_total, aid_source, personal_due, benefit_start, benefit_end,
  error_code, error_message
`line` is the row's line in the input (the CSV header is line 1). A bad row never stops
the batch: its line carries status error and the contract's error code and message
(invalid_id, invalid_date, not_payment_day, no_window, unknown_category, ...). Money has
two decimals; empty benefit dates mean the payment buys no cover that year.

Flags:
  -o, --output PATH          output file (default stdout)
  --input-format csv|jsonl   default: from the input's extension (.jsonl/.ndjson), else csv
  --output-format csv|jsonl  default: from the output's extension, else csv
  --policy ID                policy of rows without a policy value
  --household-totals PATH    one line per household: members, quoted, errors, personal
                             due and aid totals, status (complete | member_errors |
                             incomplete: a member failed under a whole-household rule
                             such as 凌源's 整户参保); CSV, or JSON Lines for .jsonl
  --threads N                worker threads, 1 to 256 (default: every core)
  --chunk-bytes N            input read per step, 65536 (64 KiB) to 268435456
                             (256 MiB); default 4 MiB; memory stays a few times
                             this, plus a few hundred bytes per household
  --no-progress              no progress bar (it is drawn only when stderr is a terminal)

At the end a summary goes to stderr: rows, totals of personal due, fiscal subsidy and
aid by funding source, errors by code with the first line of each, and households.
Exit status: 0 when every row was answered (rows with errors included), 1 when the
input or output failed, 2 for a wrong command line.";

/// `--version`: the CLI's and the library's versions (they may differ once published
/// separately).
pub fn version() -> String {
    format!(
        "yibao {} (library yibao {})\n",
        env!("CARGO_PKG_VERSION"),
        yibao::VERSION
    )
}
