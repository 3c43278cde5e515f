//! `--help`, `help <op>` and `--version` texts, in Chinese (the default) and English
//! (`--lang en`).
//!
//! # Design
//! Every example here is a real request against the built-in policies, with the figure
//! it answers, so that a reader can paste it and check the result; the integration tests
//! run the headline ones. The two languages say the same things, text for text: a flag
//! documented in one is documented in the other.

use yibao::Lang;

/// The short usage printed after a usage error.
pub fn usage(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => USAGE_ZH,
        Lang::En => USAGE_EN,
    }
}

const USAGE_ZH: &str = "\
用法：yibao [--policy-file 路径]... [--pretty] [--lang zh|en] <操作> < 请求.json
      yibao quote  --policy 编号 [--category 类别]... [--paid-on 日期] [--birth-date 日期 | --id-number 号码] [--grade 档次] [--json]
      yibao window --policy 编号 [--date 日期] [--json]
      yibao batch  [输入文件|-] [-o 输出文件] [--policy 编号] [--input-format csv|jsonl] [--output-format csv|jsonl] [--household-totals 路径]
      yibao check 文件... | yibao test [目录] | yibao new 地区代码-待遇年度 | yibao schema
      yibao help [操作] | --help | --version";

const USAGE_EN: &str = "\
usage: yibao [--policy-file PATH]... [--pretty] [--lang zh|en] <operation> < request.json
       yibao quote  --policy ID [--category C]... [--paid-on DATE] [--birth-date DATE | --id-number N] [--grade G] [--json]
       yibao window --policy ID [--date DATE] [--json]
       yibao batch  [INPUT|-] [-o OUTPUT] [--policy ID] [--input-format csv|jsonl] [--output-format csv|jsonl] [--household-totals PATH]
       yibao check FILE... | yibao test [DIR] | yibao new REGION-YEAR | yibao schema
       yibao help [operation] | --help | --version";

/// The line after a usage error that says where the full help is.
pub fn more(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "运行 yibao --help 查看全部选项（英文说明：yibao --help --lang en）。",
        Lang::En => "Run `yibao --help --lang en` for more.",
    }
}

const OVERVIEW_ZH: &str = "\
yibao —— 按各地通知计算城乡居民基本医疗保险的个人缴费、财政补助、资助和待遇期。

每个操作从标准输入读取请求 JSON，在标准输出打印答复 JSON（退出码 0）。请求有误时在标准
输出打印 {\"error\": {\"code\": ..., \"message\": ...}}，退出码 1；命令行有误时在标准错误输出
说明，退出码 2。

操作：
  quote      某人在某日缴费应缴多少、其余由谁负担、享受哪段待遇
  household  全户每名成员的计算结果及全户合计
  refund     一笔缴费能否退还、退还多少
  window     某日是否为缴费日，以及下一个缴费日
  id         校验身份证号码（请求中没有 \"today\" 时按本机日期补上）
  policies   列出现有政策（无需请求）
  policy     整个政策文件（JSON）
  batch      逐行计算 CSV 或 JSON Lines 文件中的居民，每行一个结果，使用全部 CPU 核心
             （yibao help batch）

编写政策文件（yibao help check | test | new）：
  check      检查政策文件和案例文件：每个错误和提示标出文件、行、列和所在的原文
  test       运行一个目录中的案例文件（通知公布的数字），对照其中的政策文件
  new        生成一个政策文件和案例文件的骨架
  schema     打印政策文件格式的 JSON Schema（编辑器据此补全和检查键）

所有操作通用的选项：
  --policy-file 路径   先载入一个政策文件（TOML）；可重复；与内置政策编号相同时取代内置政策
  --pretty             缩进输出的 JSON
  --lang zh|en         人读的文字所用的语言（默认 zh 中文，en 为英文）：摘要、错误、帮助，
                       以及 batch 的汇总和 error_message 列。从标准输入读取请求的操作以请求
                       自己的 \"lang\" 为准；请求中没有 \"lang\" 时才按 --lang 补上
  -h, --help           本说明；yibao help <操作> 查看单个操作
  -V, --version        版本

用选项代替请求（不读取标准输入）：
  quote  --policy 编号 --category 类别[,类别...] --paid-on 日期 --birth-date 日期 | --id-number 号码
  window --policy 编号 --date 日期
  --json               打印答复 JSON，不打印摘要（摘要为中文，--lang en 为英文）

示例：
  yibao policies
  echo '{\"policy\":\"140400-2024\",\"paid_on\":\"2023-10-10\",\"person\":{\"birth_date\":\"1980-05-01\",\"categories\":[\"minimum_living\"]}}' | yibao quote
  yibao quote --policy 140400-2024 --category minimum_living --paid-on 2023-10-10
  yibao window --policy 140400-2024 --date 2023-10-26
  yibao --help --lang en       （英文说明）

日期格式为 YYYY-MM-DD。全国统一的类别编号（各政策可另有自己的类别，yibao policy 列出）：
";

const OVERVIEW_EN: &str = "\
yibao — contributions to the resident basic medical insurance (城乡居民医保), exactly as the
local notices say.

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

Writing policy files (`yibao help check | test | new`):
  check      checks policy and case files: each error and lint with its file, line,
             column and the source line underlined
  test       runs a folder's case files (the notice's published figures) against its
             policy files
  new        writes skeletons of a policy file and its case file
  schema     prints the JSON Schema of the policy format (for editors' completion and
             checks)

Flags for every operation:
  --policy-file PATH   load a policy file (TOML) first; repeatable; replaces a
                       built-in policy with the same id
  --pretty             indent the JSON output
  --lang zh|en         the language of everything a person reads (default zh, Chinese):
                       summaries, errors, help, the batch summary and its error_message
                       column. An operation reading its request on stdin answers in the
                       request's own \"lang\"; --lang is added to a request that has none
  -h, --help           this text; `yibao help <operation>` for one operation
  -V, --version        the version

Human flags (the request is built from flags and stdin is not read):
  quote  --policy ID --category C[,C...] --paid-on DATE --birth-date DATE | --id-number N
  window --policy ID --date DATE
  --json               print the answer JSON instead of the summary (the summary is in
                       Chinese, or English with --lang en)

Examples:
  yibao policies
  echo '{\"policy\":\"140400-2024\",\"paid_on\":\"2023-10-10\",\"person\":{\"birth_date\":\"1980-05-01\",\"categories\":[\"minimum_living\"]}}' | yibao quote
  yibao quote --policy 140400-2024 --category minimum_living --paid-on 2023-10-10 --lang en
  yibao window --policy 140400-2024 --date 2023-10-26 --lang en
  yibao --help                 (the help in Chinese)

Dates are YYYY-MM-DD. The national category ids (a policy may declare its own too;
`yibao policy` lists them):
";

/// The full help, or one operation's.
pub fn text(topic: Option<&str>, lang: Lang) -> String {
    match topic {
        None => {
            let mut s = String::from(match lang {
                Lang::Zh => OVERVIEW_ZH,
                Lang::En => OVERVIEW_EN,
            });
            for c in yibao::Category::ALL {
                let name = match lang {
                    Lang::Zh => c.name_zh(),
                    Lang::En => c.name_en(),
                };
                s.push_str(&format!("  {:<27}{name}\n", c.id()));
            }
            s.push('\n');
            s.push_str(usage(lang));
            s.push('\n');
            s
        }
        Some(op) => format!("{}\n", operation(op, lang)),
    }
}

fn operation(op: &str, lang: Lang) -> &'static str {
    let (zh, en) = match op {
        "quote" => (QUOTE_ZH, QUOTE_EN),
        "household" => (HOUSEHOLD_ZH, HOUSEHOLD_EN),
        "refund" => (REFUND_ZH, REFUND_EN),
        "window" => (WINDOW_ZH, WINDOW_EN),
        "id" => (ID_ZH, ID_EN),
        "policies" => (POLICIES_ZH, POLICIES_EN),
        "policy" => (POLICY_ZH, POLICY_EN),
        "batch" => (BATCH_ZH, BATCH_EN),
        "check" => (CHECK_ZH, CHECK_EN),
        "test" => (TEST_ZH, TEST_EN),
        "new" => (NEW_ZH, NEW_EN),
        "schema" => (SCHEMA_ZH, SCHEMA_EN),
        // `args` only lets the contract's operations and `batch` through.
        _ => (USAGE_ZH, USAGE_EN),
    };
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

const CHECK_ZH: &str = "\
yibao check 文件... —— 检查政策文件（*.toml）和案例文件（*.cases.toml）。

  yibao check 140400-2027.toml
  每个错误（文件无法载入）和提示（可以载入，但编写者应当查看：一个电话字段写了两个号码、
  引用条款却没有原文、国家规定取代的缴费期等待期）都标出文件、行、列，并在原文下划线。
  政策文件在第一个错误处停止：改正后再检查，以发现其后的问题。
  退出码：0 全部可以载入（可有提示），1 有文件无法载入。格式见 docs/policy-format.md。";

const CHECK_EN: &str = "\
yibao check FILE... — checks policy files (*.toml) and case files (*.cases.toml).

  yibao check 140400-2027.toml
  Each error (the file does not load) and lint (it loads, but its author should look: a
  phone field holding two numbers, a clause cited without its words, a period's wait the
  national rules replace) names the file, line and column and underlines the source.
  A policy file stops at its first error: fix it and check again for the next.
  Exit 0: every file loads (lints may be shown); 1: a file does not. Format:
  docs/policy-format.md.";

const TEST_ZH: &str = "\
yibao test [目录] —— 运行目录中（默认当前目录）的案例文件。

  yibao test core/policies
  先载入目录中的每个政策文件（*.toml，同编号的内置政策被取代），再逐个运行每个
  *.cases.toml 中的案例：请求的答复须包含 expected 所写的每一项。不符的案例打印所在
  的项、通知的数字和计算结果，以及请求和答复。
  退出码：0 全部相符，1 有不符、有文件无法载入、案例重名，或目录中没有案例。
  案例文件格式见 docs/cases.md。";

const TEST_EN: &str = "\
yibao test [DIR] — runs the case files of a folder (the current one by default).

  yibao test core/policies
  Loads every policy file of the folder first (*.toml; a built-in of the same id is
  replaced), then runs each case of each *.cases.toml: the answer must hold everything
  its `expected` says. A case that differs is printed with where, the notice's figure,
  the library's, the request and the answer.
  Exit 0: every case agrees; 1: one differs, a file does not load, two cases share a
  name, or the folder holds no case. Case files: docs/cases.md.";

const NEW_ZH: &str = "\
yibao new 地区代码-待遇年度 —— 在当前目录生成政策文件和案例文件的骨架。

  yibao new 140400-2027
  → 140400-2027.toml        每一节都有注释，载入后标为估算（estimate），需按通知填写
    140400-2027.cases.toml  两个待填写的案例
  不会覆盖已有的文件。然后运行 yibao check 140400-2027.toml 和 yibao test .";

const NEW_EN: &str = "\
yibao new REGION-YEAR — writes skeletons of a policy file and its case file here.

  yibao new 140400-2027
  → 140400-2027.toml        every section commented; it loads, marked an estimate,
                            until filled in from the notice
    140400-2027.cases.toml  two cases to fill in
  An existing file is never overwritten. Then: yibao check 140400-2027.toml and
  yibao test .";

const SCHEMA_ZH: &str = "\
yibao schema —— 打印政策文件格式的 JSON Schema（draft-07），与 docs/policy.schema.json 相同。

  政策文件第一行写 #:schema <路径>/policy.schema.json，Taplo / Even Better TOML 等编辑器
  即据此补全和检查键。本 Schema 由读取政策文件的类型生成：它只检查键和取值的形式，
  日期先后、金额关系等由 yibao check 检查。";

const SCHEMA_EN: &str = "\
yibao schema — prints the JSON Schema (draft-07) of the policy format, as
docs/policy.schema.json holds it.

  With #:schema <path>/policy.schema.json on a policy file's first line, editors (Taplo /
  Even Better TOML) complete and check its keys. It is generated from the types that read
  policy files: it checks keys and the form of values; the order of dates, the relations
  of amounts and the rest are yibao check's.";

const QUOTE_ZH: &str = "\
yibao quote —— 某人在某日缴费应缴多少、其余由谁负担、享受哪段待遇。

从标准输入：
  echo '{\"policy\":\"140400-2024\",\"paid_on\":\"2023-10-10\",
         \"person\":{\"birth_date\":\"1980-05-01\",\"categories\":[\"minimum_living\"]}}' | yibao quote
  → ...\"personal_due\":\"76.00\",...\"benefit_start\":\"2024-01-01\",\"benefit_end\":\"2024-12-31\"...
  person 的字段：id_number 或 birth_date，categories（类别编号数组），insured_elsewhere、
          transfer、employee_insurance_ended_on、parent_insured、newly_aided、history、grade
  \"lang\": \"en\" 使答复中的文字（名称、假设、提示、错误）为英文；默认中文

用选项（打印中文摘要，--lang en 为英文摘要，--json 打印答复 JSON）：
  yibao quote --policy 140400-2024 --category minimum_living --paid-on 2023-10-10
  → 摘要中有：资助：304.00 元（低保人员，医疗救助）
              个人应缴：76.00 元
              待遇期：2024-01-01 至 2024-12-31
  --policy 编号        政策编号（yibao policies 列出）        必填
  --category 类别      类别编号；可重复，或用逗号分隔           默认：无（普通居民）
  --paid-on 日期       缴费日期                                 默认：今天
  --birth-date 日期    出生日期                                 默认：见下
  --id-number 号码     身份证号码（由此得出出生日期；只显示遮盖后的号码）
  --grade 档次         缴费档次编号，政策设有缴费档次时须给出
  既未给出 --birth-date 也未给出 --id-number 时，按 1980-01-01 出生的成年人计算，摘要中
  会说明这一假设。";

const QUOTE_EN: &str = "\
yibao quote — what a person pays on a date, who pays the rest, and the cover bought.

From stdin:
  echo '{\"policy\":\"140400-2024\",\"paid_on\":\"2023-10-10\",
         \"person\":{\"birth_date\":\"1980-05-01\",\"categories\":[\"minimum_living\"]}}' | yibao quote
  → ...\"personal_due\":\"76.00\",...\"benefit_start\":\"2024-01-01\",\"benefit_end\":\"2024-12-31\"...
  person: id_number or birth_date, categories [ids], insured_elsewhere, transfer,
          employee_insurance_ended_on, parent_insured, newly_aided, history, grade
  \"lang\": \"en\" gives the answer's texts (names, assumptions, warnings, errors) in
  English; Chinese by default

With flags (a summary in Chinese, or English with --lang en; --json for the JSON):
  yibao quote --policy 140400-2024 --category minimum_living --paid-on 2023-10-10 --lang en
  → the summary has: Personal due: 76.00 yuan
                     Cover: 2024-01-01 to 2024-12-31
  --policy ID          policy id (`yibao policies` lists them)      required
  --category C[,C]     category id; repeatable or comma-separated   default: none
  --paid-on DATE       payment date                                 default: today
  --birth-date DATE    birth date                                   default: see below
  --id-number N        ID number (gives the birth date; shown masked)
  --grade G            contribution grade (缴费档次) id, where the policy has grades
  With neither --birth-date nor --id-number an adult born 1980-01-01 is assumed, and
  the summary says so.";

const HOUSEHOLD_ZH: &str = "\
yibao household —— 全户每名成员的计算结果及全户合计。

  echo '{\"policy\":\"211382-2022\",\"paid_on\":\"2022-02-15\",\"members\":[
         {\"birth_date\":\"1980-01-01\"},{\"birth_date\":\"1982-03-04\"},{\"birth_date\":\"2010-06-07\"}]}' | yibao household
  → ...\"personal_due_total\":\"960.00\"...
  members：各成员，字段与 quote 的 person 相同；此次不参保的成员加 \"enrolling\": false。";

const HOUSEHOLD_EN: &str = "\
yibao household — every member's quote and the household's total.

  echo '{\"policy\":\"211382-2022\",\"paid_on\":\"2022-02-15\",\"members\":[
         {\"birth_date\":\"1980-01-01\"},{\"birth_date\":\"1982-03-04\"},{\"birth_date\":\"2010-06-07\"}]}' | yibao household
  → ...\"personal_due_total\":\"960.00\"...
  members: persons as in `quote`, plus \"enrolling\": false for a member not enrolling now.";

const REFUND_ZH: &str = "\
yibao refund —— 一笔缴费能否退还、退还多少。

  echo '{\"policy\":\"140400-2024\",\"person\":{\"birth_date\":\"1980-01-01\"},
         \"payment\":{\"paid_on\":\"2023-10-10\",\"amount\":\"380.00\"},
         \"reason\":\"duplicate\",\"event_on\":\"2023-10-11\"}' | yibao refund
  → ...\"refundable\":true,\"amount\":\"380.00\"...
  reason（退费情形）：duplicate（重复缴费）、death（死亡）、employee_insurance（参加职工
  医保）、aid_confirmed（确认为资助对象）";

const REFUND_EN: &str = "\
yibao refund — whether and how much of a payment is refunded.

  echo '{\"policy\":\"140400-2024\",\"person\":{\"birth_date\":\"1980-01-01\"},
         \"payment\":{\"paid_on\":\"2023-10-10\",\"amount\":\"380.00\"},
         \"reason\":\"duplicate\",\"event_on\":\"2023-10-11\"}' | yibao refund
  → ...\"refundable\":true,\"amount\":\"380.00\"...
  reason: duplicate, death, employee_insurance, aid_confirmed";

const WINDOW_ZH: &str = "\
yibao window —— 某日是否为缴费日，以及下一个缴费日。

  echo '{\"policy\":\"140400-2024\",\"date\":\"2023-10-26\"}' | yibao window
  → ...\"payment_day\":false,\"next_payment_day\":\"2023-11-01\"...

用选项（打印中文摘要，--lang en 为英文摘要，--json 打印答复 JSON）：
  yibao window --policy 140400-2024 --date 2023-10-26
  --policy 编号    政策编号          必填
  --date 日期      要查询的日期      默认：今天";

const WINDOW_EN: &str = "\
yibao window — whether a date is a payment day, and the next one.

  echo '{\"policy\":\"140400-2024\",\"date\":\"2023-10-26\"}' | yibao window
  → ...\"payment_day\":false,\"next_payment_day\":\"2023-11-01\"...

With flags (a summary in Chinese, or English with --lang en; --json for the JSON):
  yibao window --policy 140400-2024 --date 2023-10-26 --lang en
  --policy ID     policy id                 required
  --date DATE     the date asked about      default: today";

const ID_ZH: &str = "\
yibao id —— 校验身份证号码：是否有效、出生日期、性别、地区代码、遮盖后的号码。

  echo '{\"id_number\":\"11010519491231002X\"}' | yibao id
  → {\"valid\":true,...\"birth_date\":\"1949-12-31\",\"sex\":\"female\",...\"masked\":\"110105********002X\"}
  \"today\"（YYYY-MM-DD）用于拒绝晚于该日的出生日期；请求中没有时，按本机日期补上。";

const ID_EN: &str = "\
yibao id — checks an ID number: validity, birth date, sex, region, masked form.

  echo '{\"id_number\":\"11010519491231002X\"}' | yibao id
  → {\"valid\":true,...\"birth_date\":\"1949-12-31\",\"sex\":\"female\",...\"masked\":\"110105********002X\"}
  \"today\" (YYYY-MM-DD) refuses birth dates after it; when absent, the CLI fills it
  from the local clock.";

const POLICIES_ZH: &str = "\
yibao policies —— 现有政策：编号、地区、待遇年度、通知标题。

  yibao policies
  yibao --policy-file my-region-2025.toml policies    （内置政策加上你的文件）
  无需请求：标准输入可为空、null 或 {}。";

const POLICIES_EN: &str = "\
yibao policies — the policies in force: id, region, benefit year, title.

  yibao policies
  yibao --policy-file my-region-2025.toml policies    (built-ins plus your file)
  stdin is not needed: empty, null or {}.";

const POLICY_ZH: &str = "\
yibao policy —— 整个政策（JSON）：缴费期、资助、新生儿、退费、联系方式、参保目标。

  echo '{\"policy\":\"140400-2024\"}' | yibao policy";

const POLICY_EN: &str = "\
yibao policy — a whole policy as JSON (tiers, aid, newborns, refunds, contacts, targets).

  echo '{\"policy\":\"140400-2024\"}' | yibao policy";

/// `yibao help batch`.
const BATCH_ZH: &str = "\
yibao batch —— 输入居民文件，每行输出一个结果，使用全部 CPU 核心。

  yibao batch county.csv -o answers.csv --household-totals households.csv
  yibao batch --policy 140400-2024 < county.csv > answers.csv
  yibao batch county.jsonl --output-format jsonl

输入：一个文件路径，或标准输入（不给路径，或 -）。CSV 须有表头行；JSON Lines 每行一个
对象，键名与列名相同（categories 可为数组，或用 | 分隔的字符串）。
列（顺序不限，列名不分大小写；其他列不读取）：
  id_number        身份证号码（由此得出出生日期；只显示遮盖后的号码）  \\ 二者
  birth_date       出生日期 YYYY-MM-DD                                    / 至少其一
  categories       类别编号，用 | 分隔，如 minimum_living|severe_disability
  paid_on          缴费日期 YYYY-MM-DD                                    必填
  household        户编号：户编号相同的各行为一户
  policy           该行的政策编号；为空时按 --policy
  insured_elsewhere、transfer、parent_insured、newly_aided   true/false、1/0、yes/no
  employee_insurance_ended_on                     YYYY-MM-DD
  grade            缴费档次编号（政策有 grades 时，未享受分类标准者必填，如成都 adult_520）
CSV 按 RFC 4180 读取：带引号的字段可含逗号和换行，仍为一条记录；记录可以 CRLF、LF 或
单独的 CR 结尾；跳过字节顺序标记（BOM）和空行。JSON Lines 每行一个对象，行以 LF、CRLF 或
单独的 CR 结尾，同样跳过 BOM 和空行。

输出：每行输入一行结果，顺序与输入相同（带表头的 CSV，或 JSON Lines）：
  line、status（ok|error）、id_masked、birth_date、policy、window、personal_standard、
  fiscal_subsidy、aid_total、aid_source、personal_due、benefit_start、benefit_end、
  error_code、error_message
line 为该行在输入中的行号（CSV 表头为第 1 行）。出错的行不会中止处理：该行 status 为
error，并给出错误代码 error_code（invalid_id、invalid_date、not_payment_day、no_window、
unknown_category……）和说明 error_message（按 --lang 的语言，默认中文；其中的身份证号码
已遮盖）。金额保留两位小数；待遇日期为空表示此次缴费在该年度不产生待遇。

选项：
  -o, --output 路径          输出文件（默认标准输出）
  --input-format csv|jsonl   默认按输入文件的扩展名（.jsonl、.ndjson 为 JSON Lines），否则 csv
  --output-format csv|jsonl  默认按输出文件的扩展名，否则 csv
  --policy 编号              没有 policy 值的行所用的政策
  --household-totals 路径    每户一行：成员数、已计算、出错、个人应缴合计、资助合计、状态
                             （complete 完整、member_errors 有成员出错、incomplete 不完整：
                             按整户参保的规定（如凌源）有成员出错）；CSV，扩展名为 .jsonl
                             时为 JSON Lines
  --threads N                工作线程数，1 至 256（默认：全部核心）
  --chunk-bytes N            每次读取的输入字节数，65536（64 KiB）至 268435456（256 MiB）；
                             默认 4 MiB；占用内存为其数倍，另加每户几百字节
  --no-progress              不显示进度条（只在标准错误输出为终端时显示）
  --lang zh|en               汇总、提示和 error_message 列的语言（默认 zh 中文）

结束时在标准错误输出汇总：行数；个人应缴、财政补助及按资金来源分列的资助合计；按错误
代码分列的出错行数及各自首见的行号；户数。
退出码：0 每行都有结果（包括出错的行）；1 输入或输出失败；2 命令行有误。";

/// `yibao help batch --lang en`.
const BATCH_EN: &str = "\
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
  grade            contribution grade id (where the policy has grades, required of
                   everyone without a group standard, e.g. 成都 adult_520)
CSV is RFC 4180: a quoted field may hold commas and line ends and stays one record;
records end in CRLF, LF or CR alone; a byte-order mark and blank lines are skipped.
JSON Lines: one object a line, lines ending in LF, CRLF or CR alone; a byte-order mark and
blank lines are skipped likewise.

Output: one line per row, in input order (CSV with a header, or JSON Lines):
  line, status (ok|error), id_masked, birth_date, policy, window, personal_standard,
  fiscal_subsidy, aid_total, aid_source, personal_due, benefit_start, benefit_end,
  error_code, error_message
`line` is the row's line in the input (the CSV header is line 1). A bad row never stops
the batch: its line carries status error, the contract's error code (invalid_id,
invalid_date, not_payment_day, no_window, unknown_category, ...) and error_message, in
the language of --lang (Chinese by default; ID numbers in it masked). Money has two
decimals; empty benefit dates mean the payment buys no cover that year.

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
  --lang zh|en               language of the summary, the notices and the
                             error_message column (default zh, Chinese)

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
