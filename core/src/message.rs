//! The message catalogue: every sentence the library says to a person, in Chinese and in
//! English.
//!
//! # Design
//! One table ([`Message`]) holds every warning, error and explanation sentence of the core,
//! each with its stable code, its typed arguments and both texts side by side (the layout
//! rustc moved back to in 2026, and rust-i18n's): a text is written where its arguments are
//! declared, and `format!` refuses, at compile time, a text that leaves one of its
//! arguments out. Nothing is rendered until the edge ([`Message::render`] with the
//! request's [`Lang`]), so the engine stays free of any language state.
//!
//! Arguments render per language ([`Arg`]): a period is `3个月` or `3 months`, a list is
//! joined with `、` or `, `, a policy file's [`Text`] shows its version in that language.
//! Caller text enters only as an [`Excerpt`] (at most 24 characters, ID numbers masked).

use crate::dates::iso::Iso;
use crate::dates::Period;
use crate::id::IdError;
use crate::lang::{Lang, Text};
use crate::money::Money;
use chrono::NaiveDate;

/// How an argument of a message is written in each language.
pub trait Arg {
    /// The argument in `lang`.
    fn show(&self, lang: Lang) -> String;
}

macro_rules! plain_args {
    ($($t:ty),*) => { $(impl Arg for $t {
        fn show(&self, _: Lang) -> String { self.to_string() }
    })* };
}
plain_args!(String, i32, u32, u64, usize, Money);

impl Arg for NaiveDate {
    fn show(&self, _: Lang) -> String {
        Iso(*self).to_string()
    }
}

impl Arg for Period {
    fn show(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => self.describe_zh(),
            Lang::En => self.describe(),
        }
    }
}

impl Arg for Text {
    fn show(&self, lang: Lang) -> String {
        self.get(lang).to_string()
    }
}

impl Arg for Box<Message> {
    fn show(&self, lang: Lang) -> String {
        self.render(lang)
    }
}

/// Caller text shown back: at most 24 characters (then `…`), ID numbers masked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt(String);

impl Excerpt {
    /// The most characters shown.
    pub const MAX_CHARS: usize = 24;

    /// An excerpt of `s`.
    pub fn of(s: &str) -> Excerpt {
        let mut shown: String = s.chars().take(Self::MAX_CHARS).collect();
        if shown.len() < s.len() {
            shown.push('…');
        }
        Excerpt(crate::id::redact(&shown))
    }
}

impl Arg for Excerpt {
    fn show(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!("“{}”", self.0),
            Lang::En => format!("\"{}\"", self.0),
        }
    }
}

/// A list, joined as each language joins lists.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct List(pub Vec<String>);

impl Arg for List {
    fn show(&self, lang: Lang) -> String {
        self.0.join(match lang {
            Lang::Zh => "、",
            Lang::En => ", ",
        })
    }
}

/// Members of a household as a person numbers them (the request's `members[i]`, from 1):
/// `第2、3位成员` / `members 2, 3`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Members(pub Vec<usize>);

impl Arg for Members {
    fn show(&self, lang: Lang) -> String {
        let numbers = List(self.0.iter().map(|i| (i + 1).to_string()).collect());
        match (lang, self.0.len()) {
            (Lang::Zh, _) => format!("第{}位成员", numbers.show(lang)),
            (Lang::En, 1) => format!("member {}", numbers.show(lang)),
            (Lang::En, _) => format!("members {}", numbers.show(lang)),
        }
    }
}

/// Choices a person can give: an id with its name (`名称（id）` / `id (name)`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Choices(pub Vec<(String, Text)>);

impl Arg for Choices {
    fn show(&self, lang: Lang) -> String {
        let items: Vec<String> = self
            .0
            .iter()
            .map(|(id, name)| match lang {
                Lang::Zh => format!("{}（{id}）", name.get(lang)),
                Lang::En => format!("{id} ({})", name.get(lang)),
            })
            .collect();
        List(items).show(lang)
    }
}

impl Arg for IdError {
    fn show(&self, lang: Lang) -> String {
        let (zh, en) = match self {
            IdError::Empty => ("号码为空", "the ID number is empty"),
            IdError::Length => (
                "应为18位（第一代身份证为15位）",
                "the ID number must be 18 characters long (15 for a first-generation card)",
            ),
            IdError::Character => (
                "只能由数字组成，末位可为X",
                "the ID number may contain only digits, with X allowed as the last character",
            ),
            IdError::Region => (
                "前两位不是已知的省级行政区划代码",
                "the region code is not a known province code",
            ),
            IdError::BirthDate => (
                "出生日期不是1900年1月1日以后的有效日期",
                "the birth date is not a valid calendar date on or after 1900-01-01",
            ),
            IdError::FutureBirth => ("出生日期晚于今天", "the birth date is in the future"),
            IdError::Checksum => (
                "校验码不符（GB 11643，ISO 7064 MOD 11-2）",
                "the check digit does not match (ISO 7064 MOD 11-2)",
            ),
        };
        match lang {
            Lang::Zh => zh.to_string(),
            Lang::En => en.to_string(),
        }
    }
}

/// What serde expected of a value, as its own text says it (`a boolean`, `u32`…), shown
/// in Chinese for the shapes JSON has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expected(pub String);

impl Arg for Expected {
    fn show(&self, lang: Lang) -> String {
        let e = self.0.as_str();
        match lang {
            Lang::En => e.to_string(),
            Lang::Zh => {
                let zh = if e.contains("date") {
                    "带引号的字符串 \"YYYY-MM-DD\" 形式的日期"
                } else if e.contains("bool") {
                    "true 或 false"
                } else if (e.starts_with('u') || e.starts_with('i')) && e.len() <= 4 {
                    "整数"
                } else if e.contains("sequence") {
                    "数组"
                } else if e.contains("struct") || e.contains("map") {
                    "对象"
                } else if e.contains("string") || e.contains("amount") {
                    "字符串"
                } else if e.contains("variant") {
                    "所列取值之一"
                } else {
                    "正确类型的值"
                };
                zh.to_string()
            }
        }
    }
}

/// Fills a template: `{name}` is the argument of that name in `lang`, `{{` and `}}` are
/// braces. One function for every message (the npm module's size: a `format!` per text
/// and language cost 25 KB); that each text names exactly its arguments is a test.
fn fill(template: &str, names: &[&str], args: &[&dyn Arg], lang: Lang) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(i) = rest.find(['{', '}']) {
        out.push_str(rest.get(..i).unwrap_or_default());
        let tail = rest.get(i..).unwrap_or_default();
        if let Some(t) = tail.strip_prefix("{{") {
            out.push('{');
            rest = t;
        } else if let Some(t) = tail.strip_prefix("}}") {
            out.push('}');
            rest = t;
        } else if let (Some(body), Some(end)) = (tail.strip_prefix('{'), tail.find('}')) {
            let name = body.get(..end.saturating_sub(1)).unwrap_or_default();
            match names.iter().position(|n| *n == name) {
                Some(k) => {
                    if let Some(a) = args.get(k) {
                        out.push_str(&a.show(lang));
                    }
                }
                None => out.push_str(tail.get(..=end).unwrap_or_default()),
            }
            rest = tail.get(end + 1..).unwrap_or_default();
        } else {
            out.push_str(tail.get(..1).unwrap_or_default());
            rest = tail.get(1..).unwrap_or_default();
        }
    }
    out.push_str(rest);
    out
}

/// Written into the code of [`messages!`]: one entry per message, its code, typed
/// arguments and its two texts.
macro_rules! messages {
    ($(
        $(#[$doc:meta])*
        $variant:ident { $($field:ident : $ty:ty),* $(,)? } = $code:literal,
            zh: $zh:literal,
            en: $en:literal;
    )*) => {
        /// Every sentence of the library (see the module docs).
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum Message {
            $($(#[$doc])* $variant { $(#[allow(missing_docs)] $field: $ty),* },)*
        }

        impl Message {
            /// Every message's code, in catalogue order (a code may name several
            /// sentences: `no_cover` has three).
            pub const CODES: &'static [&'static str] = &[$($code),*];

            /// The stable code (a warning's `code`).
            pub fn code(&self) -> &'static str {
                match self {
                    $(Message::$variant { .. } => $code,)*
                }
            }

            /// The sentence in `lang`, arguments filled in.
            pub fn render(&self, lang: Lang) -> String {
                match self {
                    $(Message::$variant { $($field),* } => fill(
                        match lang {
                            Lang::Zh => $zh,
                            Lang::En => $en,
                        },
                        &[$(stringify!($field)),*],
                        &[$($field as &dyn Arg),*],
                        lang,
                    ),)*
                }
            }

            /// Both raw texts of every entry, for the catalogue's own tests and docs.
            pub fn templates() -> &'static [(&'static str, &'static str, &'static str)] {
                &[$(($code, $zh, $en)),*]
            }

            /// The arguments of every entry, in catalogue order (for the test that each
            /// text names exactly its own).
            pub fn arguments() -> &'static [&'static [&'static str]] {
                &[$(&[$(stringify!($field)),*]),*]
            }
        }
    };
}

messages! {
    // ---- Requests: their shape ----
    /// The request text is not JSON.
    InvalidJson { line: usize, column: usize } = "invalid_json",
        zh: "请求不是有效的 JSON：第{line}行第{column}列有误",
        en: "the request is not valid JSON: error at line {line}, column {column}";
    /// The request text is not UTF-8.
    InvalidUtf8 { offset: usize } = "invalid_utf8",
        zh: "请求不是 UTF-8 文本：第{offset}字节起编码无效",
        en: "the request is not UTF-8 text (invalid byte sequence at byte offset {offset})";
    /// The request could not be read at all.
    RequestUnreadable {} = "request_unreadable",
        zh: "无法读取请求",
        en: "the request cannot be read";
    /// A request larger than the limit.
    RequestTooLarge { bytes: usize, max: usize } = "request_too_large",
        zh: "请求共{bytes}字节，超过上限{max}字节",
        en: "the request is {bytes} bytes; at most {max} are read";
    /// An answer larger than the limit.
    AnswerTooLarge { bytes: usize, max: usize } = "answer_too_large",
        zh: "答复将有{bytes}字节，超过上限{max}字节：请分次请求（例如按户分批）",
        en: "the answer would be {bytes} bytes; at most {max} are given: ask in parts (a household at a time, say)";
    /// A field the operation does not have.
    UnknownField { field: String, expected: List } = "unknown_field",
        zh: "请求中没有字段 {field}（此处可用的字段：{expected}）",
        en: "unknown field {field} (the fields here: {expected})";
    /// A field given twice.
    DuplicateField { field: String } = "duplicate_field",
        zh: "请求字段 {field} 出现了两次",
        en: "field {field} is given twice";
    /// A required field is absent.
    MissingField { field: String } = "missing_field",
        zh: "请求缺少字段 {field}",
        en: "missing field {field}";
    /// A field has a value of the wrong type or out of range.
    InvalidValue { field: String, expected: Expected } = "invalid_value",
        zh: "请求字段 {field} 的值不对：应为{expected}",
        en: "field {field} has an invalid value: expected {expected}";
    /// A value that is not one of the listed ones.
    UnknownVariant { field: String, given: Excerpt, expected: List } = "unknown_value",
        zh: "请求字段 {field} 的值 {given} 不是可用的取值（{expected}）",
        en: "field {field}: {given} is not one of {expected}";
    /// An amount of money that cannot be read.
    InvalidAmount { field: String } = "invalid_amount",
        zh: "请求字段 {field} 不是有效金额：应为不带符号的十进制字符串，至多两位小数，不超过10亿元即 1,000,000,000.00（如 \"380.00\"）",
        en: "field {field} is not a valid amount: expected an unsigned decimal string with at most 2 decimals, at most 1,000,000,000.00 (e.g. \"380.00\")";
    /// `policies` takes no fields but `lang`.
    PoliciesTakesNoFields {} = "policies_takes_no_fields",
        zh: "policies 操作除 lang 外不接受字段",
        en: "`policies` takes no fields but lang";
    /// An operation that is not part of the contract.
    UnknownOperation { op: Excerpt } = "unknown_operation",
        zh: "没有操作 {op}；可用的操作：quote、household、refund、window、id、policies、policy",
        en: "unknown operation {op}; operations: quote, household, refund, window, id, policies, policy";

    // ---- Requests: dates and persons ----
    /// A date that is malformed, impossible or out of range.
    InvalidDate { field: String } = "invalid_date",
        zh: "字段 {field} 的日期无效：应为1900-01-01至2199-12-31之间实际存在的日期，格式 YYYY-MM-DD",
        en: "invalid date in {field}: expected a real calendar day as YYYY-MM-DD within 1900-01-01..2199-12-31";
    /// A person without a birth date.
    NeedsBirth {} = "needs_birth",
        zh: "参保人须提供身份证号码（id_number）或出生日期（birth_date）",
        en: "person needs `id_number` or `birth_date`";
    /// The birth date given and the one in the ID number differ.
    BirthMismatch {} = "birth_mismatch",
        zh: "出生日期（birth_date）与身份证号码中的出生日期不一致",
        en: "birth_date does not match the birth date in the ID number";
    /// An enrolment year outside what history can hold.
    HistoryYearOutOfRange { field: String, year: i32, first: i32, last: i32 } = "history_year",
        zh: "参保记录 history.{field} 中的年份{year}不在{first}至{last}之间",
        en: "history.{field}: year {year} outside {first}..={last}";
    /// The ID number is not valid.
    InvalidId { reason: IdError } = "invalid_id",
        zh: "身份证号码无效：{reason}",
        en: "invalid ID number: {reason}";
    /// Born after the payment.
    BirthAfterPayment { birth: NaiveDate, paid_on: NaiveDate } = "birth_after_payment",
        zh: "出生日期{birth}晚于缴费日期{paid_on}",
        en: "the birth date {birth} is after the payment date {paid_on}";

    // ---- Policies, categories, grades, periods ----
    /// No policy has the id.
    UnknownPolicy { policy: Excerpt } = "unknown_policy",
        zh: "没有编号为 {policy} 的政策；policies 操作列出全部编号",
        en: "unknown policy {policy}; the `policies` operation lists the ids";
    /// A category the policy does not know.
    UnknownCategory { policy: String, category: Excerpt } = "unknown_category",
        zh: "政策 {policy} 没有类别 {category}：可用全国统一的类别编号（design.md）和本政策声明的类别（policy 操作列出）",
        en: "unknown category {category}: policy {policy} knows the national ids (design.md) and the categories it declares (the `policy` operation lists them)";
    /// A family of categories aided differently by subtype.
    AmbiguousCategory { category: Text, subtypes: Choices } = "ambiguous_category",
        zh: "“{category}”包含本政策资助不同的几类人员，请指明其一：{subtypes}",
        en: "category “{category}” includes subtypes that this policy aids differently; give one of: {subtypes}";
    /// No grade given where the policy has grades.
    GradeMissing { policy: String, grades: Choices } = "grade_missing",
        zh: "政策 {policy} 由参保人选择缴费档次（person.grade）：{grades}",
        en: "policy {policy} asks each person to choose a contribution grade (person.grade): {grades}";
    /// A grade the policy does not have.
    GradeUnknown { policy: String, given: Excerpt, grades: Choices } = "grade_unknown",
        zh: "政策 {policy} 没有缴费档次 {given}；可选：{grades}",
        en: "policy {policy} has no contribution grade {given}; the grades: {grades}";
    /// A date in no payment period.
    NoWindow { policy: String, date: NaiveDate } = "no_window",
        zh: "政策 {policy} 在{date}没有缴费期",
        en: "policy {policy} has no payment period on {date}";
    /// A date in a period, but not on its payment days.
    NotPaymentDay { date: NaiveDate, window: Text, days: String, next: NaiveDate } = "not_payment_day",
        zh: "{date}不是“{window}”的缴费日（每月{days}日可缴费）；下一个缴费日为{next}",
        en: "{date} is not a payment day of “{window}” (payments on days {days} of each month); next payment day {next}";
    /// The same, with no later payment day in the policy.
    NotPaymentDayLast { date: NaiveDate, window: Text, days: String } = "not_payment_day",
        zh: "{date}不是“{window}”的缴费日（每月{days}日可缴费）；本政策此后没有缴费日",
        en: "{date} is not a payment day of “{window}” (payments on days {days} of each month); the policy has no later payment day";

    // ---- Households ----
    /// Too many members.
    HouseholdTooLarge { max: usize, given: usize } = "household_too_large",
        zh: "一户至多{max}名成员，请求中有{given}名",
        en: "a household has at most {max} members; {given} were given";
    /// No member.
    HouseholdEmpty {} = "household_empty",
        zh: "一户至少有一名成员",
        en: "a household has at least one member";
    /// The whole household must enrol (凌源).
    HouseholdIncomplete { policy: String, members: Members } = "household_incomplete",
        zh: "政策 {policy} 要求以家庭为单位整户参保；以下成员未参保且未在他处参保：{members}",
        en: "policy {policy} requires the whole household to enrol together (整户参保); not enrolling and not insured elsewhere: {members}";
    /// A member insured elsewhere, not in employee insurance, in a whole-household policy.
    HouseholdExceptionUnstated { member: Members } = "household_exception_unstated",
        zh: "{member}已在他处参保，但不是参加职工医保：通知只规定参加城镇职工医疗保险的人员不随家庭参保，未提及在其他地区参加居民医保的情形，请咨询医保经办机构",
        en: "{member} is insured elsewhere but not in employee insurance: the notice excepts only members in 城镇职工医疗保险 from enrolling with the household and does not mention another region's resident insurance; ask the 医保经办机构";
    /// Nobody enrols now.
    NobodyEnrolling {} = "nobody_enrolling",
        zh: "本户没有成员在此次参保",
        en: "no member of the household enrols now";

    // ---- Policy files ----
    /// A policy file that cannot be read.
    PolicySyntax { file: String, line: usize, column: usize, detail: TomlDetail } = "policy_syntax",
        zh: "{file}:{line}:{column}: {detail}",
        en: "{file}:{line}:{column}: {detail}";
    /// A policy file that contradicts itself.
    PolicyInvalid { file: String, path: String, problem: Box<Message> } = "policy_invalid",
        zh: "{file}: {path}: {problem}",
        en: "{file}: {path}: {problem}";
    // ---- Lints (`yibao check`): what an author should see, not refused ----
    /// A citation without the clause's words, and no assumption either.
    LintCiteWithoutText {} = "lint_cite_without_text",
        zh: "引用了条款却没有写出条款原文（text），也没有说明假设（assume）：读者无法对照通知核对",
        en: "a clause is cited without its words (`text`) and nothing is assumed (`assume`): a reader cannot check it against the notice";
    /// A value of a skeleton (`yibao new`) still to be written.
    LintUnfilled {} = "lint_unfilled",
        zh: "尚待按通知填写（“待填写”）",
        en: "still to be written from the notice (“待填写”)";
    /// A phone field holding more than one number.
    LintPhoneHoldsSeveral { numbers: usize } = "lint_phone_holds_several",
        zh: "一个电话字段写了{numbers}个号码：每个号码写成一条联系方式，才能逐个拨打",
        en: "one phone field holds {numbers} numbers: write one contact per number, so that each can be dialled";
    /// A tier's own wait that the national continuity rules replace.
    LintTierWaitReplaced { tier: String } = "lint_tier_wait_replaced",
        zh: "缴费期 {tier} 写了自己的等待期，但 continuity = \"national\"：按国家规定的等待期计算，本缴费期的等待期不适用；通知规定本地等待期的，写 continuity = \"tier\"",
        en: "period {tier} has a wait of its own, but continuity = \"national\": the national waits apply and this one does not; where the notice sets a local wait, write continuity = \"tier\"";
    /// A policy or case file larger than the limit.
    PolicyTooLarge { file: String, bytes: usize, max: usize } = "policy_too_large",
        zh: "{file}: 文件共{bytes}字节，超过上限{max}字节",
        en: "{file}: the file is {bytes} bytes; at most {max} are read";
    /// A packed policy (the npm package's built-in form, `policy::packed`) that cannot be
    /// read: a damaged or foreign build.
    PolicyPackedDamaged { file: String } = "policy_packed_damaged",
        zh: "{file}: 预处理的政策数据已损坏或来自其他版本，无法读取",
        en: "{file}: the packed policy is damaged or from another build and cannot be read";
    /// A table of a policy file with more entries than the limit.
    TooManyRules { max: usize } = "too_many_rules",
        zh: "此表最多{max}条",
        en: "at most {max} entries";
    /// A policy file that cannot be opened.
    PolicyUnreadable { file: String } = "policy_unreadable",
        zh: "{file}: 无法读取政策文件",
        en: "{file}: the policy file cannot be read";

    // ---- Policy files: what validation refuses (an analyst reads these) ----
    /// An id of the wrong shape.
    IdShape {} = "id_shape",
        zh: "编号须为1至40个字符，只含 a-z、0-9 和 _",
        en: "ids are 1-40 characters of a-z, 0-9 and _";
    /// A date outside the library's range.
    DateRange {} = "date_range",
        zh: "日期须在1900-01-01至2199-12-31之间",
        en: "date outside 1900-01-01..2199-12-31";
    /// A period too long.
    PeriodTooLong {} = "period_too_long",
        zh: "期限至多731天或24个月",
        en: "a period is at most 731 days or 24 months";
    /// A category without a name.
    CategoryNameMissing {} = "category_name_missing",
        zh: "类别须写明通知中的名称",
        en: "a category needs the notice's name";
    /// A category declared twice.
    CategoryTwice { id: String } = "category_twice",
        zh: "类别 {id} 声明了两次",
        en: "category {id} is declared twice";
    /// A national category given members.
    NationalIncludes {} = "national_includes",
        zh: "全国统一类别保留其全国成员；要把其他类别归为一组，请声明本政策自己的类别",
        en: "a national category keeps its national members; declare a category of the policy's own to group others";
    /// Too many categories of its own.
    TooManyCategories { max: usize } = "too_many_categories",
        zh: "一个政策至多声明{max}个自己的类别",
        en: "a policy declares at most {max} categories of its own";
    /// A category id neither national nor declared.
    UndeclaredCategory { id: Excerpt } = "undeclared_category",
        zh: "没有类别 {id}：应为全国统一的类别编号（design.md）或在 [[categories]] 中声明的编号",
        en: "unknown category {id}: a national id (design.md) or one declared under [[categories]]";
    /// A group standard without its group.
    GroupNeedsGroup {} = "group_needs_group",
        zh: "分组标准须指明其人群：category、age 条件，或两者",
        en: "a group standard names its group: a `category`, an `age` condition, or both";
    /// An age condition without a bound.
    AgeNeedsBound {} = "age_needs_bound",
        zh: "年龄条件须有 at_least 或 under",
        en: "an age condition needs `at_least` or `under`";
    /// An age above 150.
    AgeTooHigh {} = "age_too_high",
        zh: "年龄至多150",
        en: "an age is at most 150";
    /// `at_least` not below `under`.
    AgeOrder {} = "age_order",
        zh: "at_least 须小于 under",
        en: "`at_least` is below `under`";
    /// A region code of the wrong shape.
    RegionCode {} = "region_code",
        zh: "GB/T 2260 行政区划代码为6位数字",
        en: "a GB/T 2260 region code has six digits";
    /// A benefit year out of range.
    BenefitYearRange {} = "benefit_year_range",
        zh: "待遇年度须在2000至2100之间",
        en: "benefit year outside 2000..=2100";
    /// The policy id does not match its region and year.
    PolicyIdForm { id: String } = "policy_id_form",
        zh: "政策编号须为 “{id}”",
        en: "the id must be \"{id}\"";
    /// A year the calendar does not have.
    NoSuchYear {} = "no_such_year",
        zh: "没有这一年",
        en: "no such year";
    /// Two group standards for one group.
    GroupTwice {} = "group_twice",
        zh: "同一人群（类别与年龄）至多有一个分组标准",
        en: "a group (category and age) has at most one group standard";
    /// Two grades with one id.
    GradeTwice {} = "grade_twice",
        zh: "缴费档次编号不得重复",
        en: "grade ids are unique";
    /// Too many grades.
    TooManyGrades {} = "too_many_grades",
        zh: "至多255个缴费档次",
        en: "at most 255 grades";
    /// An amount above the bound.
    AmountTooLarge { max: Money } = "amount_too_large",
        zh: "金额至多{max}元",
        en: "an amount is at most {max}";
    /// No payment period.
    NoTiers {} = "no_tiers",
        zh: "政策至少要有一个缴费期",
        en: "a policy needs at least one payment period";
    /// Two tiers with one id.
    TierTwice {} = "tier_twice",
        zh: "缴费期编号不得重复",
        en: "tier ids are unique";
    /// A period that ends before it starts.
    EndsBeforeStart {} = "ends_before_start",
        zh: "期间的最后一天不得早于第一天",
        en: "a period ends on or after its first day";
    /// A payment period outside the years it can lie in.
    TierOutsideYear { first: NaiveDate, last: NaiveDate } = "tier_outside_year",
        zh: "缴费期须在{first}至{last}之内",
        en: "a payment period lies within {first}..={last}";
    /// Payment periods out of order or overlapping.
    TiersOverlap { end: NaiveDate } = "tiers_overlap",
        zh: "缴费期须按日期先后排列且不重叠（上一个缴费期至{end}）",
        en: "payment periods are in date order and do not overlap (the previous one ends {end})";
    /// Payment days out of range.
    PaymentDaysRange {} = "payment_days_range",
        zh: "缴费日为每月1至31日，且 from 不大于 to",
        en: "payment days are 1..=31 with from <= to";
    /// Too many ranges of payment days.
    PaymentDaysTooMany {} = "payment_days_too_many",
        zh: "至多再列30段缴费日",
        en: "at most 30 further ranges";
    /// A tier whose cover starts at birth.
    TierCoverBirth {} = "tier_cover_birth",
        zh: "自出生起享受待遇只用于新生儿规则；缴费期的待遇自缴费或待遇年度起",
        en: "cover from birth is for newborn rules; a payment period's cover starts from the payment or the benefit year";
    /// A tier that must say how the national waits apply.
    TierContinuityNeeded {} = "tier_continuity_needed",
        zh: "本待遇年度适用国家连续参保等待期规定（国办发〔2024〕38号）：须写明由国家等待期取代本缴费期的 cover（continuity = \"national\"），还是适用本缴费期自己的规定并在其后加变动待遇等待期（continuity = \"tier\"）",
        en: "the national continuity waits (国办发〔2024〕38号) are in force for this benefit year: say whether they replace this period's `cover` (continuity = \"national\") or the period's own terms apply with the variable wait after them (continuity = \"tier\")";
    /// `continuity` where the national rules are not in force.
    TierContinuityNotInForce {} = "tier_continuity_not_in_force",
        zh: "continuity 只用于适用国家连续参保规定的待遇年度（2025年起，[continuity] applies = false 者除外）",
        en: "`continuity` only applies where the national continuity rules are in force (benefit years from 2025, unless [continuity] applies = false)";
    /// An advised date outside its period.
    AdviseByOutside {} = "advise_by_outside",
        zh: "建议缴费日须在其缴费期内",
        en: "the advised date lies inside its period";
    /// employee_switch without its exemption.
    EmployeeSwitchNeedsExemption {} = "employee_switch_needs_exemption",
        zh: "employee_switch 的期限取自同类 [[wait_exemptions]]，请添加一条",
        en: "employee_switch takes its `within` from a [[wait_exemptions]] entry of that kind; add one";
    /// payer_exempt without a fiscal share to exempt from.
    PayerExemptNeedsFiscal {} = "payer_exempt_needs_fiscal",
        zh: "只有 payer = \"personal_and_fiscal\" 时 payer_exempt 才有意义",
        en: "payer_exempt only makes sense when payer = \"personal_and_fiscal\"";
    /// An aid rule without a category.
    AidNeedsCategory {} = "aid_needs_category",
        zh: "至少列出一个类别",
        en: "list at least one category";
    /// `against_grade` names a grade the policy does not have.
    AgainstUnknownGrade { given: Excerpt, grades: Choices } = "against_unknown_grade",
        zh: "没有缴费档次{given}：资助所依据的档次应为 [[grades]] 中的编号之一：{grades}",
        en: "no contribution grade {given}: the grade the aid is computed on is one of the ids under [[grades]]: {grades}";
    /// `against_grade` in a policy without grades.
    AgainstGradeWithoutGrades { given: Excerpt } = "against_grade_without_grades",
        zh: "本政策没有缴费档次（[[grades]]），资助不能按档次{given}的标准计算",
        en: "this policy has no contribution grades ([[grades]]): the aid cannot be computed on the standard of grade {given}";
    /// Aid above the personal standard.
    AidAboveStandard { aid: Money, standard: Money } = "aid_above_standard",
        zh: "资助{aid}元高于个人缴费标准{standard}元",
        en: "aid of {aid} is above the personal standard {standard}";
    /// A personal share above the standard.
    ShareAboveStandard { share: Money, standard: Money } = "share_above_standard",
        zh: "个人负担{share}元高于个人缴费标准{standard}元",
        en: "a personal share of {share} is above the personal standard {standard}";
    /// A percentage above 100.
    PercentRange {} = "percent_range",
        zh: "百分比须在0至100之间",
        en: "a percentage is 0..=100";
    /// An exemption whose cover does not start from the payment.
    ExemptionCover {} = "exemption_cover",
        zh: "免等待期人员的待遇自缴费起算（payment_day、day_after_payment、next_month 或等待期后）",
        en: "an exemption's cover starts from the payment (payment_day, day_after_payment, next_month or after a wait)";
    /// employee_switch without `within`.
    EmployeeSwitchNeedsWithin {} = "employee_switch_needs_within",
        zh: "employee_switch 须有 within，如 {{ months = 3 }}",
        en: "employee_switch needs `within`, e.g. {{ months = 3 }}";
    /// `within` on another exemption.
    WithinOnlyEmployeeSwitch {} = "within_only_employee_switch",
        zh: "within 只用于 employee_switch",
        en: "`within` only applies to employee_switch";
    /// Two newborn rules with one id.
    NewbornTwice {} = "newborn_twice",
        zh: "新生儿规则编号不得重复",
        en: "newborn rule ids are unique";
    /// A newborn rule without a lower bound on birth.
    NewbornNeedsBound {} = "newborn_needs_bound",
        zh: "新生儿规则须有 within 或 born_from（出生日期的下限）",
        en: "a newborn rule needs `within` or `born_from` (a lower bound on the birth date)";
    /// A newborn date outside the years.
    NewbornDateOutside { first: NaiveDate, last: NaiveDate } = "newborn_date_outside",
        zh: "新生儿规则的日期须在{first}至{last}之内",
        en: "a newborn date lies within {first}..={last}";
    /// born_to before born_from.
    BornOrder {} = "born_order",
        zh: "born_to 不得早于 born_from",
        en: "born_to is on or after born_from";
    /// registered_to before registered_from.
    RegisteredOrder {} = "registered_order",
        zh: "registered_to 不得早于 registered_from",
        en: "registered_to is on or after registered_from";
    /// A prior year that is not the year before.
    PriorYearYear {} = "prior_year_year",
        zh: "prior_year 须为待遇年度的上一年",
        en: "the prior year is the year before the benefit year";
    /// A prior year on a rule that charges nothing.
    PriorYearCharge {} = "prior_year_charge",
        zh: "只有 charge = \"standard\" 时才一并收取上一年度费用",
        en: "a prior year is only collected with charge = \"standard\"";
    /// Two refund rules for one reason.
    RefundTwice {} = "refund_twice",
        zh: "每种退费情形只有一条规则",
        en: "one rule per reason";
    /// A number of months or years above 24.
    AtMost24 {} = "at_most_24",
        zh: "至多24",
        en: "at most 24";
    /// Working days out of range.
    WorkingDaysRange {} = "working_days_range",
        zh: "须为1至60个工作日",
        en: "1..=60 working days";
    /// No national minimum for the benefit year (the fiscal subsidy left out).
    NoNationalMinimum { year: i32 } = "no_national_minimum",
        zh: "通知未载明财政补助标准时取{year}待遇年度的国家最低标准，但本库没有该年度的国家标准：请写明 fiscal（及其 fiscal_assume）",
        en: "a fiscal subsidy the notice does not state is the national minimum of benefit year {year}, which the library does not hold: give `fiscal` (with its `fiscal_assume`)";
    /// A category that includes itself.
    CategoryIncludesItself { id: String } = "category_includes_itself",
        zh: "类别 {id} 包含了它自己（直接或经由其他类别）",
        en: "category {id} includes itself (directly or through another)";
    /// An empty reminder.
    ReminderEmpty {} = "reminder_empty",
        zh: "提示须有内容",
        en: "a reminder says something";
    /// A text without Chinese.
    TextNotChinese {} = "text_not_chinese",
        zh: "须有中文文本（可另附英文：{{ zh = \"……\", en = \"…\" }}）",
        en: "a text needs its Chinese version (with an optional English one: {{ zh = \"…\", en = \"…\" }})";
    /// English in a Chinese text.
    TextEnglishPhrase { phrase: Excerpt } = "text_english_phrase",
        zh: "中文文本中有英文 {phrase}：英文请写在 en 中（{{ zh = \"……\", en = \"…\" }}）",
        en: "English {phrase} in the Chinese text: put English under en ({{ zh = \"…\", en = \"…\" }})";

    // ---- The CLI's batch rows and files ----
    /// A batch row without a birth date.
    RowNeedsBirth {} = "row_needs_birth",
        zh: "该行既没有身份证号码（id_number）也没有出生日期（birth_date）",
        en: "the row has neither an id_number nor a birth_date";
    /// A batch row without a payment date.
    RowNeedsPaidOn {} = "row_needs_paid_on",
        zh: "该行没有缴费日期（paid_on）",
        en: "the row has no paid_on";
    /// A batch row without a policy.
    RowNeedsPolicy {} = "row_needs_policy",
        zh: "该行没有政策编号（policy），也未给出 --policy",
        en: "the row has no policy and no --policy ID was given";
    /// A row with the wrong number of fields.
    FieldCount { count: usize, expected: usize } = "field_count",
        zh: "该行有{count}个字段，表头有{expected}个",
        en: "the row has {count} fields, the header has {expected}";
    /// A quote inside an unquoted CSV field.
    QuoteInsideField { field: usize } = "quote_inside_field",
        zh: "第{field}个字段：未加引号的字段中有引号（带引号的字段以引号开头，引号前不能有空格）",
        en: "field {field}: a quote inside an unquoted field (a quoted field starts with its quote: no spaces before it)";
    /// Text after a closing quote.
    TextAfterQuote { field: usize } = "text_after_quote",
        zh: "第{field}个字段：结束引号后还有文字（CSV 字段要么整个加引号，要么不加）",
        en: "field {field}: text after a closing quote (a CSV field is either quoted whole or not at all)";
    /// An unclosed quote.
    QuoteNotClosed { field: usize } = "quote_not_closed",
        zh: "第{field}个字段：引号到输入结尾仍未闭合",
        en: "field {field}: a quoted field is not closed before the end of the input";
    /// Not a true/false value.
    NotAFlag { given: Excerpt } = "not_a_flag",
        zh: "{given} 不是是/否值（true/false、1/0、yes/no）",
        en: "{given} is not true or false (true/false, 1/0, yes/no)";
    /// A record longer than the limit.
    RecordTooLong { max: usize } = "record_too_long",
        zh: "该记录超过{max}字节，未读取（未闭合的引号会一直延续到下一个引号）",
        en: "the record is longer than {max} bytes and was not read (a quoted field left open runs to the next quote)";
    /// A row that is not UTF-8.
    RowNotUtf8 { byte: usize } = "row_not_utf8",
        zh: "该行不是 UTF-8 文本（行内第{byte}字节无效）",
        en: "the row is not UTF-8 text (invalid byte {byte} of the row)";
    /// A policy file that is not UTF-8.
    PolicyNotUtf8 { file: String, line: usize, column: usize } = "policy_not_utf8",
        zh: "{file}:{line}:{column}: 政策文件不是 UTF-8 文本",
        en: "{file}:{line}:{column}: the file is not UTF-8 text";

    // ---- Readings the library states (assumption texts, not warnings) ----
    /// The library's reading where a person meets several aid rules and the notice does not
    /// say how they combine (an assumption text, not a warning).
    AidHighestAssumed {} = "aid_highest_assumed",
        zh: "通知未载明同时符合多项资助条件者如何资助：假设不叠加，只给予金额最高的一项；金额相同时取政策文件中先列出的规则，资金来源随之确定",
        en: "The notice does not say how aid combines for a person who meets several of its rules: assumed not to add up, the highest single aid being granted; between equal amounts the rule listed first in the policy file, and with it its funding source";
    /// An aid list with a cut-off, the recognition date not given (an assumption text).
    AidListAssumed { by: NaiveDate } = "aid_list_assumed",
        zh: "通知的资助名单为{by}前认定的人员：未给出此人的认定日期（aided_since），假设在此之前已认定、在名单内",
        en: "the notice's aid lists hold persons recognised by {by}: the person's recognition date (aided_since) is not given, so they are assumed recognised by then and on the list";
    /// A period's last day is a statutory day off, and the file does not move it (an
    /// assumption text).
    DeadlineNotMoved { window: Text, to: NaiveDate, moved: NaiveDate } = "deadline_not_moved",
        zh: "“{window}”的最后一日{to}为法定休假日：通知未提及顺延，本政策按通知所列日期截止，未按民法典第二百零三条顺延至{moved}（线上渠道休假日亦可缴费）；如当地按顺延办理，请以医保经办机构为准",
        en: "the last day of “{window}”, {to}, is a statutory day off: the notice does not say it moves, and this policy keeps the notice's date rather than moving it to {moved} under the Civil Code, art. 203 (online channels take payments on days off); where the local office moves it, its word decides";

    // ---- Warnings of quotes ----
    /// The policy is an estimate, not a notice.
    PolicyEstimate { why: Text } = "policy_estimate",
        zh: "本政策为估算，不是已公布的通知：{why}",
        en: "this policy is an estimate, not a published notice: {why}";
    /// Born before the benefit year; the birth year's cover needs that year's policy.
    BirthYearNotCovered { birth: NaiveDate, year: i32, before: i32 } = "birth_year_not_covered",
        zh: "{birth}出生，早于{year}年度：本政策自{year}年1月1日起保障；出生当年（{before}年）自出生之日起的待遇须按{before}年度的政策缴纳该年度的费用，本政策不含该年度，请咨询医保经办机构",
        en: "born {birth} before benefit year {year}: this policy covers from 1 January {year}; cover from birth in {before} needs that year's contribution under that year's policy, which this one does not hold — ask the 医保经办机构";
    /// A household member's quote failed: which member, and why.
    MemberFailed { member: Members, problem: Box<Message> } = "member_failed",
        zh: "{member}：{problem}",
        en: "{member}: {problem}";
    /// A newborn's birth-year contribution paid after that year ended.
    PaidAfterBenefitYear { year: i32, year_end: NaiveDate } = "paid_after_benefit_year",
        zh: "{year}年度已于{year_end}结束：此次缴纳的是{year}年度的费用，只保障至{year_end}；此后年度须另行缴费",
        en: "benefit year {year} ended on {year_end}: this payment is that year's contribution and covers up to {year_end} only; later years are paid separately";
    /// Exempt from paying the fiscal share.
    PayerExempt { window: Text } = "payer_exempt",
        zh: "“{window}”的缴费人须同时缴纳财政补助部分；此人免于缴纳，只缴个人部分",
        en: "“{window}” asks late payers for the fiscal share too; this person is exempt and pays the personal share only";
    /// A category the policy does not aid.
    CategoryNotAided { policy: String, category: Text } = "category_not_aided",
        zh: "政策 {policy} 对“{category}”没有资助",
        en: "policy {policy} grants no aid to “{category}”";
    /// A category without an aid rule in a policy whose aid rules were not all read.
    AidUnknown { category: Text, why: Text } = "aid_unknown",
        zh: "本政策文件没有“{category}”的资助规定，但这不等于没有资助：{why}应缴金额可能更低，请咨询医保经办机构",
        en: "this policy file has no aid rule for “{category}”, which does not mean there is none: {why} The amount due may be lower; ask the 医保经办机构";
    /// Aid is not stacked.
    AidNotStacked { category: Text, rule: usize } = "aid_not_stacked",
        zh: "“{category}”另有资助（aid[{rule}]），但只给予一项资助：金额最高的一项",
        en: "“{category}” is also aided (aid[{rule}]), but only one aid is granted: the highest";
    /// Recognised after an aid list's cut-off.
    AidAfterCutoff { category: Text, since: NaiveDate, by: NaiveDate } = "aid_after_cutoff",
        zh: "“{category}”于{since}认定，晚于通知资助名单的截止日（{by}前认定）：不在名单内，缴费时不按资助计算；能否享受资助请咨询医保经办机构",
        en: "“{category}” was recognised on {since}, after the notice's aid lists close ({by}): not on the list, the payment is computed without the aid; ask the 医保经办机构 whether it applies";
    /// Insured elsewhere: no aid here.
    AidExcluded {} = "aid_excluded",
        zh: "此人已在他处参保，按本政策不享受资助",
        en: "the person is insured elsewhere, so no aid applies under this policy";
    /// A child under one in a 2025+ policy without a newborn rule.
    NewbornTermsUnstated {} = "newborn_terms_unstated",
        zh: "此人未满1周岁：国家规定新生儿不设待遇等待期（国办发〔2024〕38号“除新生儿等特殊群体外”），但本政策没有当地新生儿参保的规定（出生后多少天内参保、待遇自何时起）：待遇开始日期不明，请咨询医保经办机构",
        en: "the person is under one: the national rules exempt newborns from the waits (国办发〔2024〕38号, “除新生儿等特殊群体外”), but this policy has no local newborn rule (within how many days of birth, cover from when): the date cover starts is unknown; ask the 医保经办机构";
    /// A wait of unstated length.
    CoverDateUnknown {} = "cover_date_unknown",
        zh: "缴费后须经过一段等待期才享受待遇，通知未载明等待期长短：待遇开始日期不明，请咨询医保经办机构",
        en: "cover follows a waiting period whose length the notice does not state: the date cover starts is unknown; ask the 医保经办机构";
    /// A stated wait ends after the benefit year.
    NoCoverAfterWait { wait: Period, paid_on: NaiveDate, wait_end: NaiveDate, year_end: NaiveDate, year: i32 } = "no_cover",
        zh: "自{paid_on}起的{wait}等待期至{wait_end}届满，待遇最早在{year_end}之后开始：此次缴费在{year}年度不能享受待遇",
        en: "the wait of {wait} from {paid_on} ends on {wait_end}, so cover could start only after {year_end}: this payment buys no cover in benefit year {year}";
    /// Cover would start after the benefit year.
    NoCover { paid_on: NaiveDate, year_end: NaiveDate, year: i32 } = "no_cover",
        zh: "{paid_on}缴费的待遇最早在{year_end}之后开始：此次缴费在{year}年度不能享受待遇",
        en: "cover bought on {paid_on} would start only after {year_end}: this payment buys no cover in benefit year {year}";
    /// The continuity wait ends after the benefit year.
    NoCoverContinuity { months: u32, year: i32 } = "no_cover",
        zh: "{months}个月的待遇等待期在{year}年度结束后才届满：此次缴费当年不能享受待遇",
        en: "the {months}-month wait ends after the benefit year {year}: this payment buys no cover that year";
    /// Paid after the notice's advised date.
    AfterAdvisedDate { date: NaiveDate } = "after_advised_date",
        zh: "通知建议在{date}前缴费，以免待遇中断",
        en: "the notice advises paying by {date} so that cover follows on without a gap";
    /// The person pays the fiscal share too.
    PaysFiscalShare { fiscal: Money } = "pays_fiscal_share",
        zh: "在集中征缴期外缴费：财政补助部分（{fiscal}元）也由个人缴纳",
        en: "paid outside the collection window: the person pays the fiscal share ({fiscal}) as well";
    /// No enrolment history given.
    HistoryNotGiven {} = "history_not_given",
        zh: "未提供参保记录，按未断保计算；断保的设固定待遇等待期3个月，每多断保一年再增加一个月（国办发〔2024〕38号）",
        en: "no enrolment history was given, so no break in insurance is assumed; a break brings the fixed 3-month wait, and each further year without insurance a month more (国办发〔2024〕38号)";
    /// Repair of missed years.
    RepairPayment { years: u32, due: Money } = "repair_payment",
        zh: "补缴{years}年断保期间的费用共{due}元（按个人缴费标准），随此次缴费一并缴纳，未计入应缴金额（personal_due）",
        en: "repairing {years} year(s) costs {due} at the personal standard, collected with this payment and not included in personal_due";
    /// Working days beyond the calendar.
    CalendarUnknown { days: u32, paid_on: NaiveDate } = "calendar_unknown",
        zh: "法定节假日安排尚未覆盖{paid_on}之后的{days}个工作日",
        en: "the statutory calendar does not cover the {days} working days after {paid_on}";
    /// What the notice tells a person in this situation.
    NoticeReminder { text: Text } = "notice_reminder",
        zh: "通知提示：{text}",
        en: "the notice says: “{text}”";

    // ---- Warnings of refunds ----
    /// No refund rule for the reason.
    RefundNotProvided { policy: String } = "refund_not_provided",
        zh: "政策 {policy} 的通知未规定此种情形的退费，请咨询医保经办机构",
        en: "the notice of policy {policy} does not provide for a refund on this ground; ask the 医保经办机构";
    /// A ground an open list of refund grounds does not name.
    RefundUnknown { policy: String } = "refund_unknown",
        zh: "政策 {policy} 的通知所列退费情形未穷尽（如“因重复缴费等”），未提及此种情形：能否退费不明，请咨询参保缴费地医保经办机构",
        en: "the notice of policy {policy} gives an open list of refund grounds (“因重复缴费等”) that does not name this one: whether it is refunded is unknown; ask the 医保经办机构 where the payment was made";
    /// The event falls in the cover.
    WithinBenefitPeriod { event_on: NaiveDate, start: NaiveDate } = "within_benefit_period",
        zh: "{event_on}已在{start}开始的待遇期内：个人缴费不予退还",
        en: "the event on {event_on} falls in the cover that started {start}: the personal contribution is not refunded";
    /// The payment exceeds what was due.
    RefundCapped { paid: Money, paid_on: NaiveDate, due: Money } = "refund_capped",
        zh: "所缴{paid}元多于{paid_on}应缴的{due}元：本规则退还应缴部分，其余请咨询医保经办机构",
        en: "the payment of {paid} is more than the contribution due on {paid_on} ({due}): this rule refunds the contribution; ask the 医保经办机构 about the rest";
    /// Nothing above what was due.
    NothingToRefund {} = "nothing_to_refund",
        zh: "所缴金额未超过应缴金额，无可退费用",
        en: "nothing was paid above what was due";
}

/// Which of the project's TOML files a syntax error is in: the Chinese text names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    /// A policy file (`core/policies/<id>.toml`).
    Policy,
    /// A case file (`<id>.cases.toml`, docs/cases.md).
    Cases,
}

impl DocKind {
    fn noun(self) -> &'static str {
        match self {
            DocKind::Policy => "政策文件",
            DocKind::Cases => "案例文件",
        }
    }
}

/// The reason a TOML file cannot be read, from the TOML reader. Its common kinds (the
/// ones serde names: unknown key, missing key, wrong type) are said in Chinese, with the
/// reader's own words kept after them for the analyst.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TomlDetail {
    /// The reader's own words (serde's or toml's), which the English text is.
    pub text: String,
    /// The file it is in.
    pub kind: DocKind,
}

impl Arg for TomlDetail {
    fn show(&self, lang: Lang) -> String {
        let d = self.text.as_str();
        if lang == Lang::En {
            return d.to_string();
        }
        let noun = self.kind.noun();
        // serde names keys in backticks: "unknown field `wait`, expected one of `id`, …".
        let ticked: Vec<String> = d
            .split('`')
            .skip(1)
            .step_by(2)
            .map(|k| format!("`{k}`"))
            .collect();
        let first = ticked.first().cloned().unwrap_or_default();
        let rest = List(ticked.iter().skip(1).cloned().collect()).show(lang);
        if d.starts_with("unknown field") {
            format!("{noun}此处不能有键 {first}（此处可用的键：{rest}）")
        } else if d.starts_with("unknown variant") {
            format!("{noun}中的取值 {first} 不可用（可用的取值：{rest}）")
        } else if d.starts_with("missing field") {
            format!("{noun}缺少必需的键 {first}")
        } else if d.starts_with("duplicate") {
            format!("{noun}中的键重复 {first}")
        } else if d.contains("amount") {
            // The library's own `Money` errors (money.rs).
            "金额无效：应为带引号的不带符号的十进制字符串，至多两位小数，不超过10亿元即 1,000,000,000.00（如 \"380.00\"）".to_string()
        } else if d.contains("percentage") {
            "百分比无效：应为0至100之间的整数或至多两位小数（如 \"12.5\"）".to_string()
        } else if d.starts_with("invalid date") {
            "日期无效：应为1900-01-01至2199-12-31之间实际存在的日期，写成带引号的字符串 \"YYYY-MM-DD\"".to_string()
        } else if d.contains("date literal") {
            "日期须写成带引号的字符串 \"YYYY-MM-DD\"，不能写成 TOML 日期".to_string()
        } else if let Some(e) = d.split("expected ").nth(1) {
            format!(
                "{noun}中的值不对：应为{}",
                Expected(e.to_string()).show(lang)
            )
        } else {
            // The reader's own words, for the analyst, where no kind is known.
            format!("{noun}不是有效的 TOML（{}）", d.replace('\n', " "))
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn each_code_is_snake_case_and_each_text_is_in_its_language() {
        for (code, zh, en) in Message::templates() {
            assert!(
                code.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
                "{code}"
            );
            // Placeholders are ids; the Chinese text reads with them left out.
            let stripped = strip_placeholders(zh);
            // A text that is only its arguments (`{file}:{line}:{column}：{detail}`) has no
            // words of its own.
            assert!(
                stripped.chars().any(crate::lang::is_han)
                    || !stripped.chars().any(char::is_alphabetic),
                "{code}: zh has no Chinese"
            );
            assert_eq!(
                crate::lang::english_phrase(&stripped),
                None,
                "{code}: English in the Chinese text"
            );
            assert_eq!(
                crate::lang::chinese_sentence(&strip_placeholders(en)),
                None,
                "{code}: Chinese sentence in the English text"
            );
        }
    }

    /// The placeholders of a template (`{name}`), braces `{{ }}` aside.
    fn placeholders(t: &str) -> std::collections::BTreeSet<String> {
        let t = t.replace("{{", "").replace("}}", "");
        t.split('{')
            .skip(1)
            .filter_map(|p| p.split('}').next())
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn each_text_names_exactly_its_arguments() {
        let args = Message::arguments();
        assert_eq!(args.len(), Message::templates().len());
        for ((code, zh, en), fields) in Message::templates().iter().zip(args) {
            let fields: std::collections::BTreeSet<String> =
                fields.iter().map(|f| f.to_string()).collect();
            assert_eq!(placeholders(zh), fields, "{code}: zh");
            assert_eq!(placeholders(en), fields, "{code}: en");
        }
    }

    #[test]
    fn fill_replaces_names_and_keeps_braces() {
        let n = 3usize;
        let s = fill("a {n} b {{ c }} {n}", &["n"], &[&n as &dyn Arg], Lang::Zh);
        assert_eq!(s, "a 3 b { c } 3");
        assert_eq!(fill("{x}", &[], &[], Lang::En), "{x}");
        assert_eq!(fill("}", &[], &[], Lang::En), "}");
    }

    fn strip_placeholders(t: &str) -> String {
        let mut out = String::new();
        let mut depth = 0;
        for c in t.chars() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                _ if depth == 0 => out.push(c),
                _ => {}
            }
        }
        out
    }

    #[test]
    fn arguments_render_in_each_language() {
        let m = Message::NotPaymentDay {
            date: NaiveDate::from_ymd_opt(2023, 10, 26).unwrap(),
            window: Text {
                zh: "集中征缴期".into(),
                en: Some("collection window".into()),
            },
            days: "1–25".into(),
            next: NaiveDate::from_ymd_opt(2023, 11, 1).unwrap(),
        };
        assert_eq!(
            m.render(Lang::Zh),
            "2023-10-26不是“集中征缴期”的缴费日（每月1–25日可缴费）；下一个缴费日为2023-11-01"
        );
        assert_eq!(
            m.render(Lang::En),
            "2023-10-26 is not a payment day of “collection window” (payments on days 1–25 of each month); next payment day 2023-11-01"
        );
        let e = Excerpt::of("１１０１０５１９４９１２３１００２Ｘ and more text after");
        // Masked as every ID number is: the birth date never shows.
        assert!(!e.show(Lang::En).contains("１９４９１２３１"), "{e:?}");
        assert!(e.show(Lang::Zh).ends_with("…”"));
    }
}
