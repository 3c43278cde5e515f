// Types of the npm package `yibao`: the JSON contract of core/src/contract.rs and the
// policy format of core/src/policy/mod.rs, field for field.
//
// Conventions: money is a string with two decimals ("380.00"); dates are local
// "YYYY-MM-DD" strings; a field that the answer may leave out is `?`, one that is always
// there but may be empty is `| null`.

// ------------------------------------------------------------------ basic values

/** Yuan with two decimals, e.g. `"380.00"`. Exact: never convert to a float to add. */
export type Money = string;
/** A money amount in a request: a string with at most two decimals, or whole yuan as an integer. */
export type MoneyInput = string | number;
/** A local date, `"YYYY-MM-DD"`. */
export type IsoDate = string;

/** The language of an answer's texts and of an error's message: 中文 (the default) or English. */
export type Lang = 'zh' | 'en';

/** The last argument of every operation. */
export interface Options {
  /**
   * The language of the answer's texts (warnings, assumptions, names) and of an error's
   * message, where the request gives no `lang` of its own. Default `'zh'`.
   */
  lang?: Lang;
}

/**
 * A text of a policy file (the `policy` answer): the Chinese text, and the English version
 * where the file gives one (`null` otherwise). Show `zh`, or `en ?? zh` in English.
 */
export interface Text {
  zh: string;
  en: string | null;
}

// <generated: bindings-wasm/tests/codes.rs>
// From the core's ErrorCode::ALL and message catalogue; written by
// `UPDATE_DOCS=1 cargo test -p yibao-wasm --test codes`, never by hand.

/**
 * The stable error codes of the contract (`YibaoError.code`). The README lists each
 * with its Chinese and English meaning; the `message` says what went wrong, in the
 * request's language.
 */
export type ErrorCode =
  /** 请求不是有效的 JSON — the request is not valid JSON */
  | 'invalid_json'
  /** 请求中的字段缺失、类型不对或不存在 — a field of the request is missing, mistyped or unknown */
  | 'invalid_request'
  /** 没有这个编号的政策 — no policy has this id */
  | 'unknown_policy'
  /** 类别编号不在类别表中 — a category id or number is not in the table */
  | 'unknown_category'
  /** 日期格式不对、不存在或超出范围 — a date is malformed, impossible or out of range */
  | 'invalid_date'
  /** 该日期不在政策的任何缴费期内 — the date lies in no payment period of the policy */
  | 'no_window'
  /** 该日期在缴费期内，但不是缴费日 — the date is in a payment period but not on a payment day */
  | 'not_payment_day'
  /** 身份证号码无效 — the ID number is not valid */
  | 'invalid_id'
  /** 出生日期晚于缴费日期 — the person was born after the payment date */
  | 'birth_after_payment'
  /** 政策文件无法读取（语法错误、未知或位置不对的键） — a policy file cannot be read (syntax, unknown or misplaced key) */
  | 'policy_syntax'
  /** 政策文件可以读取，但内容自相矛盾 — a policy file reads but contradicts itself */
  | 'policy_invalid'
  /** 不符合以户参保的规定 — a household rule is not met */
  | 'household_incomplete'
  /** 没有这个操作 — the operation is not part of the contract */
  | 'unknown_operation'
  /** 该类别包含资助不同的几类人员，请指明其一 — the category includes subtypes the policy aids differently; give the subtype */
  | 'ambiguous_category'
  /** 本政策由参保人选择缴费档次：未选或所选档次不存在 — the policy has contribution grades: none or an unknown one was given */
  | 'invalid_grade';

/**
 * The stable warning codes (`Warning.code`): something to know that is not an error.
 * The README lists each with its sentences in Chinese and English (`{…}` is filled in).
 */
export type WarningCode =
  /** {member}已在他处参保，但不是参加职工医保：通知只规定参加城镇职工医疗保险的人员不随家庭参保，未提及在其他地区参加居民医保的情形，请咨询医保经办机构 — {member} is insured elsewhere but not in employee insurance: the notice excepts only members in 城镇职工医疗保险 from enrolling with the household and does not mention another region's resident insurance; ask the 医保经办机构 */
  | 'household_exception_unstated'
  /** 本户没有成员在此次参保 — no member of the household enrols now */
  | 'nobody_enrolling'
  /** 本政策为估算，不是已公布的通知：{why} — this policy is an estimate, not a published notice: {why} */
  | 'policy_estimate'
  /** {birth}出生，早于{year}年度：本政策自{year}年1月1日起保障；出生当年（{before}年）自出生之日起的待遇须按{before}年度的政策缴纳该年度的费用，本政策不含该年度，请咨询医保经办机构 — born {birth} before benefit year {year}: this policy covers from 1 January {year}; cover from birth in {before} needs that year's contribution under that year's policy, which this one does not hold — ask the 医保经办机构 */
  | 'birth_year_not_covered'
  /** {member}：{problem} — {member}: {problem} */
  | 'member_failed'
  /** {year}年度已于{year_end}结束：此次缴纳的是{year}年度的费用，只保障至{year_end}；此后年度须另行缴费 — benefit year {year} ended on {year_end}: this payment is that year's contribution and covers up to {year_end} only; later years are paid separately */
  | 'paid_after_benefit_year'
  /** “{window}”的缴费人须同时缴纳财政补助部分；此人免于缴纳，只缴个人部分 — “{window}” asks late payers for the fiscal share too; this person is exempt and pays the personal share only */
  | 'payer_exempt'
  /** 政策 {policy} 对“{category}”没有资助 — policy {policy} grants no aid to “{category}” */
  | 'category_not_aided'
  /** 本政策文件没有“{category}”的资助规定，但这不等于没有资助：{why}应缴金额可能更低，请咨询医保经办机构 — this policy file has no aid rule for “{category}”, which does not mean there is none: {why} The amount due may be lower; ask the 医保经办机构 */
  | 'aid_unknown'
  /** “{category}”另有资助（aid[{rule}]），但只给予一项资助：金额最高的一项 — “{category}” is also aided (aid[{rule}]), but only one aid is granted: the highest */
  | 'aid_not_stacked'
  /** “{category}”于{since}认定，晚于通知资助名单的截止日（{by}前认定）：不在名单内，缴费时不按资助计算；能否享受资助请咨询医保经办机构 — “{category}” was recognised on {since}, after the notice's aid lists close ({by}): not on the list, the payment is computed without the aid; ask the 医保经办机构 whether it applies */
  | 'aid_after_cutoff'
  /** 此人已在他处参保，按本政策不享受资助 — the person is insured elsewhere, so no aid applies under this policy */
  | 'aid_excluded'
  /** 此人未满1周岁：国家规定新生儿不设待遇等待期（国办发〔2024〕38号“除新生儿等特殊群体外”），但本政策没有当地新生儿参保的规定（出生后多少天内参保、待遇自何时起）：待遇开始日期不明，请咨询医保经办机构 — the person is under one: the national rules exempt newborns from the waits (国办发〔2024〕38号, “除新生儿等特殊群体外”), but this policy has no local newborn rule (within how many days of birth, cover from when): the date cover starts is unknown; ask the 医保经办机构 */
  | 'newborn_terms_unstated'
  /** 缴费后须经过一段等待期才享受待遇，通知未载明等待期长短：待遇开始日期不明，请咨询医保经办机构 — cover follows a waiting period whose length the notice does not state: the date cover starts is unknown; ask the 医保经办机构 */
  | 'cover_date_unknown'
  /** 自{paid_on}起的{wait}等待期至{wait_end}届满，待遇最早在{year_end}之后开始：此次缴费在{year}年度不能享受待遇 — the wait of {wait} from {paid_on} ends on {wait_end}, so cover could start only after {year_end}: this payment buys no cover in benefit year {year} */
  | 'no_cover'
  /** 通知建议在{date}前缴费，以免待遇中断 — the notice advises paying by {date} so that cover follows on without a gap */
  | 'after_advised_date'
  /** 在集中征缴期外缴费：财政补助部分（{fiscal}元）也由个人缴纳 — paid outside the collection window: the person pays the fiscal share ({fiscal}) as well */
  | 'pays_fiscal_share'
  /** 未提供参保记录，按未断保计算；断保的设固定待遇等待期3个月，每多断保一年再增加一个月（国办发〔2024〕38号） — no enrolment history was given, so no break in insurance is assumed; a break brings the fixed 3-month wait, and each further year without insurance a month more (国办发〔2024〕38号) */
  | 'history_not_given'
  /** 补缴{years}年断保期间的费用共{due}元（按个人缴费标准），随此次缴费一并缴纳，未计入应缴金额（personal_due） — repairing {years} year(s) costs {due} at the personal standard, collected with this payment and not included in personal_due */
  | 'repair_payment'
  /** 法定节假日安排尚未覆盖{paid_on}之后的{days}个工作日 — the statutory calendar does not cover the {days} working days after {paid_on} */
  | 'calendar_unknown'
  /** 通知提示：{text} — the notice says: “{text}” */
  | 'notice_reminder'
  /** 政策 {policy} 的通知未规定此种情形的退费，请咨询医保经办机构 — the notice of policy {policy} does not provide for a refund on this ground; ask the 医保经办机构 */
  | 'refund_not_provided'
  /** 政策 {policy} 的通知所列退费情形未穷尽（如“因重复缴费等”），未提及此种情形：能否退费不明，请咨询参保缴费地医保经办机构 — the notice of policy {policy} gives an open list of refund grounds (“因重复缴费等”) that does not name this one: whether it is refunded is unknown; ask the 医保经办机构 where the payment was made */
  | 'refund_unknown'
  /** {event_on}已在{start}开始的待遇期内：个人缴费不予退还 — the event on {event_on} falls in the cover that started {start}: the personal contribution is not refunded */
  | 'within_benefit_period'
  /** 所缴{paid}元多于{paid_on}应缴的{due}元：本规则退还应缴部分，其余请咨询医保经办机构 — the payment of {paid} is more than the contribution due on {paid_on} ({due}): this rule refunds the contribution; ask the 医保经办机构 about the rest */
  | 'refund_capped'
  /** 所缴金额未超过应缴金额，无可退费用 — nothing was paid above what was due */
  | 'nothing_to_refund';
// </generated>

/** Category ids (design.md); a person with none is an ordinary resident. */
export type CategoryId =
  | 'extreme_poverty'
  | 'orphan'
  | 'unsupported_child'
  | 'welfare_institution_child'
  | 'minimum_living'
  | 'low_income'
  | 'returned_to_poverty'
  | 'monitored_at_risk'
  | 'unstable_out_of_poverty'
  | 'marginal_at_risk'
  | 'sudden_hardship'
  | 'out_of_poverty'
  | 'severe_disability'
  | 'model_worker'
  | 'priority_entitled'
  | 'policy_insured'
  | 'child_in_distress'
  | 'critically_ill'
  | 'student';

/**
 * A category id under one policy: a national id, or one of the categories the policy
 * declares itself (its `categories`, e.g. `"disabled_unable_to_work"` in 曾都区).
 */
export type AnyCategoryId = CategoryId | (string & {});

/** A category a policy declares: its notice's own group, or its name for a national one. */
export interface CategoryDecl {
  /** Stable ASCII id (a national id gives only the notice's own name for it). */
  id: AnyCategoryId;
  /** The notice's own Chinese name. */
  name: string;
  name_en?: string;
  /** The categories it includes (a family, such as 防贫监测对象). */
  includes?: AnyCategoryId[];
  cite?: Cite;
}

/** Who funds an aid. */
export type FundingSource =
  | 'medical_assistance'
  | 'disability_employment_security_fund'
  | 'government'
  | 'county_finance';

/** Why a refund is asked. */
export type RefundReason = 'duplicate' | 'death' | 'employee_insurance' | 'aid_confirmed';

/** Kind of identity document. */
export type IdKind =
  | 'resident'
  | 'resident_legacy15'
  | 'hong_kong_permit'
  | 'macao_permit'
  | 'taiwan_permit'
  | 'foreign_permanent_resident';

/** Sex from the ID number. */
export type Sex = 'male' | 'female';

/** Why an ID number is invalid. */
export type IdInvalidReason =
  | 'empty'
  | 'length'
  | 'character'
  | 'region'
  | 'birth_date'
  | 'future_birth'
  | 'checksum';

// ------------------------------------------------------------------ requests

/** A person as the caller describes them. */
export interface Person {
  /** ID number; gives the birth date. Never echoed unmasked. */
  id_number?: string;
  /** Birth date, when no ID number is given (or to check it). */
  birth_date?: IsoDate;
  /** Category ids (national, or the policy's own); none (or absent) for an ordinary resident. */
  categories?: AnyCategoryId[];
  /** Already insured in employee insurance or another region's resident insurance. */
  insured_elsewhere?: boolean;
  /** The day the person was recognised in their aided category (认定日期), for aid lists with a cut-off (凌源: 2021年12月31日前认定). */
  aided_since?: IsoDate;
  /** In employee insurance (职工医保) now: 凌源's exception to the whole-household rule; implies `insured_elsewhere`. */
  employee_insured?: boolean;
  /** In a household: already enrolled and paid for the benefit year (a newborn joins a household that paid). */
  already_enrolled?: boolean;
  /** The day employee insurance (职工医保) ended, for the switch exemption. */
  employee_insurance_ended_on?: IsoDate;
  /** Insurance transferred from another region (医保关系转移接续). */
  transfer?: boolean;
  /** A parent is insured (for newborn rules that ask it). */
  parent_insured?: boolean;
  /** In a household: whether this member enrols now (default true). */
  enrolling?: boolean;
  /** Newly identified as aided this year (新增资助对象): exempt from continuity waits. */
  newly_aided?: boolean;
  /** Enrolment history, for the 国办发〔2024〕38号 waits and incentives (from 2025). */
  history?: History;
  /** The contribution grade chosen (缴费档次), where the policy has `grades`: its id. */
  grade?: string;
}

/** A person's enrolment history (resident or employee insurance). */
export interface History {
  /** Calendar years insured (any scheme); an empty list is a first enrolment. */
  insured_years?: number[];
  /** Missed years paid now to repair the variable wait (修复). */
  repair_years?: number;
  /** Insured years without reimbursement (零报销). */
  zero_claim_years?: number[];
  /** Last year a raised cap was used after a major illness. */
  raised_cap_used_in?: number;
}

/** `quote` request. */
export interface QuoteRequest {
  /** Policy id, e.g. `"140400-2024"`. */
  policy: string;
  /** Payment (or registration) date. */
  paid_on: IsoDate;
  person: Person;
  /** The language of the answer's texts (default `'zh'`); the `lang` option sets it. */
  lang?: Lang;
}

/** `household` request. */
export interface HouseholdRequest {
  policy: string;
  paid_on: IsoDate;
  /** Every member of the household (户口簿), enrolling or not. */
  members: Person[];
  lang?: Lang;
}

/** A payment being refunded. */
export interface Payment {
  paid_on: IsoDate;
  amount: MoneyInput;
}

/** `refund` request. */
export interface RefundRequest {
  policy: string;
  person: Person;
  payment: Payment;
  reason: RefundReason;
  /** When the event happened (death, joining employee insurance, the duplicate, the aid confirmation). */
  event_on: IsoDate;
  lang?: Lang;
}

/** `window` request. */
export interface WindowRequest {
  policy: string;
  /** The date asked about. */
  date: IsoDate;
  lang?: Lang;
}

/** `id` request. */
export interface IdRequest {
  id_number: string;
  /** Today, to refuse birth dates in the future (the library has no clock). */
  today?: IsoDate;
  lang?: Lang;
}

/** `policy` request. */
export interface PolicyRequest {
  policy: string;
  lang?: Lang;
}

/** `policies` request: nothing but the language. */
export interface PoliciesRequest {
  lang?: Lang;
}

// ------------------------------------------------------------------ answers

/** The payment period a date falls in. */
export interface WindowRef {
  /** Stable id, e.g. `"window"`, `"late"`. */
  id: string;
  /** The notice's name, in the request's language (Chinese where the file gives no English). */
  name: string;
  from: IsoDate;
  to: IsoDate;
}

/** One aid granted. */
export interface AidLine {
  category: AnyCategoryId;
  /** The category's name as the policy's notice writes it (长治: 低保人员), in the request's language. */
  category_name: string;
  source: FundingSource;
  /** The funder's name (the notice's own where the policy gives it), in the request's language. */
  source_name: string;
  amount: Money;
}

/** Where a figure comes from. */
export interface Citation {
  /** The rule in the policy file, e.g. `"tiers.late"`, `"aid[2]"`. */
  rule: string;
  document: string;
  clause: string;
  /** The clause's words, where the file quotes them. */
  text?: string;
}

/** An assumption the policy file makes where its notice is silent. */
export interface Assumption {
  rule: string;
  /** In the request's language (the Chinese text where the file gives no English). */
  text: string;
}

/** Something the caller should know that is not an error. */
export interface Warning {
  /** Stable code, e.g. `"no_cover"`, `"pays_fiscal_share"` (the README lists them all). */
  code: WarningCode;
  /** In the request's language. */
  message: string;
}

/** An earlier year collected with this payment (通河's newborns). */
export interface PriorYearLine {
  year: number;
  /** Its personal standard (before aid). */
  amount: Money;
  /** Its fiscal subsidy (included in the quote's `fiscal_subsidy` and `total`). */
  fiscal_subsidy: Money;
}

/**
 * `quote` answer. `personal_due + aid_total + fiscal_subsidy == total` and
 * `personal_due + aid_total == personal_standard`.
 */
export interface Quote {
  policy: string;
  window: WindowRef;
  /** The newborn rule applied, if any: its id. */
  newborn: string | null;
  /** The newborn rule applied, in the notice's words and the request's language: show this, not the id. */
  newborn_name: string | null;
  /** The contribution grade applied, if any: its id. */
  grade: string | null;
  /** Everything paid for this person by anyone. */
  total: Money;
  /** The personal standard (个人缴费标准) before aid; aid is computed on it. */
  personal_standard: Money;
  /** Prior years included in `personal_standard` (absent when none). */
  prior_years?: PriorYearLine[];
  /** What the government pays. */
  fiscal_subsidy: Money;
  /**
   * The fiscal share the person pays as well (长治: late payers pay the 640 of the fiscal
   * subsidy on top of 380); `"0.00"` otherwise.
   */
  fiscal_share_paid_by_person: Money;
  /** The single most favourable aid, one line per funding source of it. */
  aid: AidLine[];
  aid_total: Money;
  /** What the person pays. */
  personal_due: Money;
  /** First day of cover, or null when the payment buys none. */
  benefit_start: IsoDate | null;
  /** Last day of cover, or null when the payment buys none. */
  benefit_end: IsoDate | null;
  /** How each figure is known. */
  basis: Bases;
  citations: Citation[];
  assumptions: Assumption[];
  warnings: Warning[];
  /** The continuity waits, where the policy applies them (benefit years from 2025). */
  continuity: ContinuityInfo | null;
  /** The 大病保险 cap raise, where incentives apply and a history is given. */
  cap_raise: CapRaise | null;
  /** When the payment shows in the records (N working days, statutory calendar). */
  payment_visible_on: IsoDate | null;
}

/**
 * How a figure is known: stated by the notice, a national default, assumed by the policy
 * file (the answer's `assumptions` say what), or unknown (the figure is null and a
 * warning says why and whom to ask).
 */
export type Basis = 'stated' | 'national' | 'assumed' | 'unknown';

/** The basis of each figure of a quote. */
export interface Bases {
  personal_standard: Basis;
  fiscal_subsidy: Basis;
  /** Null when no aid is granted. */
  aid: Basis | null;
  benefit_start: Basis;
}

/** How the continuity rules of 国办发〔2024〕38号 set the wait. */
export interface ContinuityInfo {
  history_given: boolean;
  break_years: number;
  fixed_wait_months: number;
  variable_wait_months: number;
  repaired_years: number;
  months_removed: number;
  /** Repaired years × the personal standard; not part of `personal_due`. */
  repair_due: Money;
  floor_applied: boolean;
  wait_months: number;
  wait_counted_from: IsoDate | null;
  exemption: Exemption | null;
  /** The payment period's own cover replaced the national fixed wait (`continuity = "tier"`). */
  local_terms: boolean;
}

/** The year's raise of the 大病保险 annual cap (参保激励). */
export interface CapRaise {
  continuous_years: number;
  continuity_steps: number;
  zero_claim_steps: number;
  step: Money;
  uncapped: Money;
  limit: Money | null;
  raise: Money;
}

/** `household` answer. */
export interface Household {
  policy: string;
  /** One entry per member in request order; null for a member not enrolling now. */
  members: (Quote | null)[];
  /** Sum of the members' `personal_due`. */
  personal_due_total: Money;
  citations: Citation[];
  assumptions: Assumption[];
  warnings: Warning[];
}

/** `refund` answer. */
export interface Refund {
  policy: string;
  /** `null` when the notice does not say (an open list of grounds, 长治 “因重复缴费等”): the warning `refund_unknown` says whom to ask. */
  refundable: boolean | null;
  /** `"0.00"` when not refundable. */
  amount: Money;
  /** The first day the refund is made, where the notice says (鄢陵: after the collection period). */
  refund_from: IsoDate | null;
  /** Who makes the refund, where the notice says (鄢陵: 行业部门). */
  handled_by: string | null;
  citations: Citation[];
  assumptions: Assumption[];
  warnings: Warning[];
}

/** `window` answer. */
export interface WindowStatus {
  policy: string;
  /** A payment is accepted on this date, on the terms of `terms`. */
  open: boolean;
  /**
   * The date is in the collection window proper (集中征缴期: the whole year's cover at the
   * personal standard); false in a late period that still accepts payments on other terms.
   */
  collection_window: boolean;
  /** The terms of a payment in the period the date lies in. */
  terms: PaymentTerms | null;
  /** The payment period the date falls in, if any. */
  window: WindowRef | null;
  /** The date is a payment day of its month (false on the 26th in 长治). */
  payment_day: boolean;
  /** The first payment day on or after the date, if any. */
  next_payment_day: IsoDate | null;
  citations: Citation[];
  assumptions: Assumption[];
}

/** The terms of a payment in one period. */
export interface PaymentTerms {
  payer: Payer;
  cover: CoverStart;
  aid: boolean;
}

/** `id` answer. */
export interface IdInfo {
  valid: boolean;
  /** Why not, when invalid. */
  reason: IdInvalidReason | null;
  kind: IdKind | null;
  /** The 18-character form. */
  normalized: string | null;
  birth_date: IsoDate | null;
  sex: Sex | null;
  /** First six characters. */
  region_code: string | null;
  /** Masked form, e.g. `"140402********1234"`. */
  masked: string;
}

/** One entry of `policies`. */
export interface PolicySummary {
  id: string;
  region_code: string;
  region_name: string;
  /** The province (省级行政区) of the region code (GB/T 2260); absent for a code outside it. */
  province?: string;
  benefit_year: number;
  title: string;
  /** No notice backs the policy: its figures are an estimate (absent otherwise). */
  estimate?: boolean;
}

/** A category id with its Chinese and English names. */
export interface CategoryInfo {
  id: CategoryId;
  name_zh: string;
  /** An English name, for developers. */
  name_en: string;
}

// ------------------------------------------------------------------ the policy (`policy`)

/** A citation in a policy file. */
export interface Cite {
  clause: string;
  /** Another document than the policy's notice, if the rule comes from one. */
  document?: string;
  text?: string;
}

/** A length of time as a notice states it. */
export type Period = { days: number } | { months: number };

/** Where cover starts (one vocabulary for tiers, exemptions and newborn rules). */
export type CoverStart =
  | 'benefit_start'
  | 'payment_day'
  | 'day_after_payment'
  | 'next_month'
  | 'birth'
  | 'birth_in_benefit_year'
  | 'after_unstated_wait'
  | { after: Period }
  | { months_from_payment_month: number };

/** What an aid rule grants. */
export type Grant =
  | 'full'
  | { fixed: Money }
  /** A whole number (70), or a decimal string with at most two decimals ("12.5"). */
  | { percent: number | string }
  | { personal_share: Money };

export type Payer = 'personal' | 'personal_and_fiscal';
export type Exemption = 'aided' | 'transfer' | 'employee_switch' | 'newly_aided';
export type Fact = 'insured_elsewhere';
export type NewbornCharge = 'free' | 'standard';
export type RefundWhen = 'any' | 'before_benefit' | 'never';
export type RefundAmount = 'paid' | 'excess';
export type ContactKind = 'channel' | 'bank' | 'service_point' | 'hotline';

export interface Standard {
  personal: Money;
  fiscal: Money;
  cite: Cite;
  assume?: Text;
  /** An assumption about the fiscal figure alone. */
  fiscal_assume?: Text;
  /** The national minimum year the figures come from, if any. */
  national_year?: number;
  /** Set when the notice states no fiscal subsidy: the national minimum of the benefit year (the one rule), with its citation. */
  fiscal_national?: { year: number; cite: Cite };
}

/** A contribution grade the resident chooses (成年居民 400 / 520元两档). */
export interface Grade {
  id: string;
  /** The notice's name, e.g. `一档`. */
  name: Text;
  personal: Money;
  /** Default: the `[standard]`'s fiscal figure. */
  fiscal?: Money;
  cite: Cite;
  assume?: Text;
}

/** A condition on age (周岁) on a reference day. */
export interface AgeCondition {
  at_least?: number;
  under?: number;
  on: 'benefit_start' | 'benefit_end' | 'payment_day';
}

export interface GroupStandard {
  /** Absent: everyone the `age` condition selects. */
  category?: AnyCategoryId;
  age?: AgeCondition;
  personal: Money;
  fiscal: Money;
  cite: Cite;
  assume?: Text;
}

export interface PaymentDays {
  /** First day of the month, 1–31. */
  from: number;
  /** Last day of the month, 1–31. */
  to: number;
  /** Further ranges of days in the same month. */
  also?: { from: number; to: number }[];
  cite: Cite;
  assume?: Text;
}

export interface Tier {
  id: string;
  /** The notice's name, e.g. `集中征缴期`. */
  name: Text;
  from: IsoDate;
  to: IsoDate;
  payment_days?: PaymentDays;
  payer: Payer;
  payer_exempt?: Exemption[];
  /** Where cover starts; absent: the whole benefit year. */
  cover?: CoverStart;
  /** Where the national continuity rules are in force: which waits apply. */
  continuity?: 'national' | 'tier' | 'tier_if_continuous';
  /** Whether aid applies in this tier. */
  aid: boolean;
  /** 民法典 第二百零三条: a last day on a statutory day off moves to the next working day. */
  deadline_moves?: boolean;
  advise_by?: IsoDate;
  cite: Cite;
  assume?: Text;
}

/** A further share of an aid, from another funding source. */
export interface AidPart {
  grant: Grant;
  source: FundingSource;
}

export interface AidRule {
  categories: AnyCategoryId[];
  /** Categories the person must have as well. */
  with?: AnyCategoryId[];
  age?: AgeCondition;
  /** The aid lists hold persons recognised by this day (凌源: 2021-12-31). */
  recognized_by?: { date: IsoDate; cite: Cite };
  grant: Grant;
  source: FundingSource;
  /** Further shares of the same aid from other sources, on what remains to pay. */
  also?: AidPart[];
  /** The grade whose personal standard the aid is computed on (綦江: 二档 payers aided at
   *  the 一档 standard), never more than the person's own standard. */
  against_grade?: string;
  cite: Cite;
  assume?: Text;
}

export interface AidExclusion {
  fact: Fact;
  cite: Cite;
  assume?: Text;
}

export interface WaitExemption {
  kind: Exemption;
  within?: Period;
  /** Where the exempt person's cover starts (default `'day_after_payment'`). */
  cover: CoverStart;
  cite: Cite;
  assume?: Text;
}

export interface PriorYear {
  year: number;
  personal: Money;
  /** Its fiscal subsidy (the national minimum of `year` where the notice states none). */
  fiscal?: Money;
  /** Set when `fiscal` is the national minimum: its citation. */
  fiscal_national?: Cite;
}

export interface NewbornRule {
  id: string;
  /** The rule in the notice's words (what `Quote.newborn_name` shows). */
  name: Text;
  born_from?: IsoDate;
  born_to?: IsoDate;
  registered_from?: IsoDate;
  registered_to?: IsoDate;
  within?: Period;
  same_year?: boolean;
  parent_insured?: boolean;
  charge: NewbornCharge;
  prior_year?: PriorYear;
  cover: CoverStart;
  cite: Cite;
  assume?: Text;
}

export interface RefundRule {
  reason: RefundReason;
  when: RefundWhen;
  amount: RefundAmount;
  /** The refund is made on or after this day (`refund_from`). */
  not_before?: IsoDate;
  /** Who makes the refund, in the notice's words (`handled_by`). */
  handled_by?: Text;
  cite: Cite;
  assume?: Text;
}

export interface HouseholdRule {
  /** The whole household enrols together; members insured elsewhere are excepted. */
  whole: boolean;
  cite: Cite;
  assume?: Text;
}

export interface Contact {
  kind: ContactKind;
  name: string;
  area?: string;
  address?: string;
  phone?: string;
  note?: Text;
}

export interface Target {
  group: string;
  /** Percentage of the group to be insured, 0–100. */
  percent: number;
  cite: Cite;
}

export interface Note {
  topic: string;
  text: Text;
  cite: Cite;
}

/** A whole policy file (`policy` answer). */
export interface Policy {
  id: string;
  region_code: string;
  region_name: string;
  benefit_year: number;
  title: string;
  issuer?: string;
  document_number?: string;
  published?: IsoDate;
  /** Set when no notice backs the file: why (every quote warns `policy_estimate`). */
  estimate?: Text;
  /** The notice's own names for funding sources (通河: 政府), where it has them. */
  source_names?: Partial<Record<FundingSource, Text>>;
  /** The notice's open list of refund grounds (长治 “因重复缴费等”): a ground without a rule is unknown. */
  refunds_open?: Cite;
  /** The notice's clause that the most favourable aid only is granted; without it the answer states that reading (`aid.highest`). */
  aid_highest?: Cite;
  /** What the notice tells a person in a situation (warning `notice_reminder`). */
  reminders?: { when: 'always' | 'aided' | 'insured_elsewhere' | 'newborn' | 'late'; text: Text; cite: Cite }[];
  /** The notice's own categories, and its own names for national ones. */
  categories?: CategoryDecl[];
  standard: Standard;
  /** Contribution grades; where present, a person without a group standard names one. */
  grades?: Grade[];
  group_standards?: GroupStandard[];
  tiers: Tier[];
  aid?: AidRule[];
  aid_exclusions?: AidExclusion[];
  wait_exemptions?: WaitExemption[];
  newborns?: NewbornRule[];
  refunds?: RefundRule[];
  household?: HouseholdRule;
  contacts?: Contact[];
  targets?: Target[];
  /** Changes to the national continuity waits. */
  continuity?: ContinuityOverride;
  /** Changes to the national incentives. */
  incentives?: IncentivesOverride;
  /** A payment shows in the records after this many working days. */
  payment_visible_after?: { working_days: number; cite: Cite; assume?: Text };
  notes?: Note[];
}

/** A region's changes to the national continuity waits; every key optional. */
export interface ContinuityOverride {
  applies?: boolean;
  fixed_wait_months?: number;
  variable_months_per_break_year?: number;
  repair_months_per_year?: number;
  floor_after_break_years?: number;
  floor_months?: number;
  exemptions?: Exemption[];
  employee_switch_within?: Period;
  breaks_counted_from?: number;
  cite?: Cite;
  assume?: Text;
}

/** A region's changes to the national incentives; every key optional. */
export interface IncentivesOverride {
  applies?: boolean;
  step?: Money;
  max_total?: Money;
  base_cap?: Money;
  counted_from?: number;
  cite?: Cite;
  assume?: Text;
}

// ------------------------------------------------------------------ the API

/**
 * An error of the library: `code` is stable, `message` is for people, in the request's
 * language (the `lang` option, default Chinese), ID numbers masked.
 */
export declare class YibaoError extends Error {
  readonly name: 'YibaoError';
  readonly code: ErrorCode;
}

/** The operation names of {@link Engine.handle}. */
export type Operation = 'quote' | 'household' | 'refund' | 'window' | 'id' | 'policies' | 'policy';

/**
 * A set of policies and the operations on them. Every operation takes `options` last:
 * `{ lang: 'en' }` gives English texts and errors where the request names no `lang`.
 */
export declare class Engine {
  /** The same as `Engine.builtin()`. */
  constructor();
  /** An engine with the built-in policies. */
  static builtin(): Engine;
  /** An engine with no policies. */
  static empty(): Engine;
  /**
   * Adds (or replaces) a policy from the text of its TOML file and returns its id.
   * `fileName` only names the file in error messages. Throws `policy_syntax` or
   * `policy_invalid`, in the language of `options.lang`. In the browser entry, await
   * `initPolicyReader()` once first (the TOML reader is a module of its own).
   */
  loadPolicy(text: string, fileName?: string, options?: Options): string;
  loadPolicy(text: string, options: Options): string;
  /** How many of the engine's policies are read so far: a policy is read when first used. */
  policiesRead(): number;
  /**
   * The raw contract: a JSON request string in, the JSON answer string out. With
   * `options.lang`, a JSON object without `lang` gets it; the rest of the text is sent as is.
   */
  handle(op: Operation, requestJson: string, options?: Options): string;
  quote(request: QuoteRequest, options?: Options): Quote;
  household(request: HouseholdRequest, options?: Options): Household;
  refund(request: RefundRequest, options?: Options): Refund;
  /** Whether a date is a payment day, and of which period. */
  windowStatus(request: WindowRequest, options?: Options): WindowStatus;
  /** The same as `windowStatus` (the contract's operation name). */
  window(request: WindowRequest, options?: Options): WindowStatus;
  /** Checks an ID number (a string, or a request with `today`). */
  id(request: string | IdRequest, options?: Options): IdInfo;
  policies(options?: Options): PolicySummary[];
  /** The whole policy file; its texts are {@link Text} objects with both languages. */
  policy(request: string | PolicyRequest, options?: Options): Policy;
  /** Frees the engine's wasm memory now rather than at garbage collection. */
  free(): void;
}

/**
 * Loads the WebAssembly module. In the browser entry it must be awaited once before any
 * other call; `input` is the URL, `Response`, bytes or `WebAssembly.Module` of
 * `yibao_wasm_bg.wasm` (default: next to the entry file). In Node it does nothing.
 */
declare function init(input?: string | URL | Request | Response | BufferSource | WebAssembly.Module): Promise<void>;
export default init;
export { init };
/** Loads the module synchronously from its bytes or a compiled module (browser entry). */
export declare function initSync(module: BufferSource | WebAssembly.Module): void;
/**
 * Loads the policy reader, the second WebAssembly module `loadPolicy` needs (browser
 * entry: `yibao_wasm_reader_bg.wasm` in `reader/web/`, or the `input` given). The
 * built-in policies do not need it. In Node it does nothing: the reader loads on the
 * first `loadPolicy`.
 */
export declare function initPolicyReader(input?: string | URL | Request | Response | BufferSource | WebAssembly.Module): Promise<void>;
/** Loads the policy reader synchronously from its bytes or a compiled module (browser entry). */
export declare function initPolicyReaderSync(module: BufferSource | WebAssembly.Module): void;

/** The engine behind the module-level functions (built-ins plus what `loadPolicy` added). */
export declare function defaultEngine(): Engine;
/** Adds a policy to the default engine; returns its id. */
export declare function loadPolicy(text: string, fileName?: string, options?: Options): string;
export declare function loadPolicy(text: string, options: Options): string;
export declare function handle(op: Operation, requestJson: string, options?: Options): string;
export declare function quote(request: QuoteRequest, options?: Options): Quote;
export declare function household(request: HouseholdRequest, options?: Options): Household;
export declare function refund(request: RefundRequest, options?: Options): Refund;
/** Whether a date is a payment day, and of which period (the contract's `window`). */
export declare function windowStatus(request: WindowRequest, options?: Options): WindowStatus;
/**
 * The same as {@link windowStatus}. Imported under this name it shadows the browser's
 * global `window`: prefer `windowStatus`.
 */
export declare function window(request: WindowRequest, options?: Options): WindowStatus;
export declare function id(request: string | IdRequest, options?: Options): IdInfo;
export declare function policies(options?: Options): PolicySummary[];
export declare function policy(request: string | PolicyRequest, options?: Options): Policy;
/** Every category id with its Chinese and English names. */
export declare function categories(): CategoryInfo[];
/** The library version. */
export declare function version(): string;
