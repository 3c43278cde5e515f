// The calculator page: a resident picks region and year, describes themselves (or their
// household) and a payment date, and sees what they pay, who pays the rest, whether that
// day is a payment day, when cover starts and ends, why, and where to pay.
//
// Every figure comes from the npm package `yibao` (served at ./pkg/); this file only
// reads the form and draws. No request leaves the page's own site.
import init, { categories, household, id, policies, policy, quote, refund, version, windowStatus, YibaoError } from './pkg/web.js';

// ------------------------------------------------------------------ words

const TEXT = {
  zh: {
    title: '城乡居民医保缴费计算器',
    subtitle: '按当地缴费通知精确计算：个人缴多少、谁来资助、哪天能缴、何时享受待遇',
    loading: '正在加载计算引擎…',
    region: '地区与年度',
    mode: '计算方式',
    modePerson: '个人',
    modeHousehold: '全家（户）',
    addMember: '＋ 添加家庭成员',
    remove: '删除',
    member: '家庭成员 {n}',
    person: '参保人',
    idNumber: '身份证号码',
    birthDate: '出生日期（未填身份证号码时）',
    category: '人员类别',
    grade: '缴费档次',
    ordinary: '普通居民',
    elsewhere: '已参加职工医保或在外地参保',
    enrolling: '本次随全家参保缴费',
    paidOn: '缴费日期',
    calculate: '计算',
    footer: '结果依据各地缴费通知；通知未写明之处列为假设。以医保经办机构和税务部门的答复为准。',
    yearLabel: '{region} · {year}年度',
    estimateTag: '（估算，无当地通知）',
    otherProvince: '其他',
    youPay: '个人应缴',
    yuan: '元',
    personalStandard: '个人缴费标准',
    fiscalShare: '财政补助部分（由您缴纳）',
    basisAssumed: '通知未载明、由政策文件假设的：{figures}（见下方“假设”）。',
    basisUnknown: '通知未载明、无法确定的：{figures}。',
    basisNames: { personal_standard: '个人缴费标准', fiscal_subsidy: '财政补助', aid: '资助', benefit_start: '待遇开始日期' },
    priorYear: '其中{year}年度',
    aid: '资助',
    aidLine: '{category}：由{source}资助',
    noAid: '无资助',
    fiscal: '财政补助（政府为您缴纳）',
    total: '合计（各方共缴）',
    newborn: '适用新生儿规则：{rule}',
    payday: '缴费日',
    paydayYes: '{date} 可以缴费：{window}（{from} 至 {to}）',
    paydayNo: '{date} 不是缴费日。',
    paydayNext: '下一个缴费日：{next}',
    paydayNone: '本年度已没有缴费日。',
    paymentDays: '每月 {days} 日办理',
    cover: '待遇享受期',
    coverRange: '{start} 至 {end}（共 {days} 天）',
    noCover: '本次缴费不能享受当年的医保待遇。',
    coverUnknown: '等待期满后享受待遇至{year}年12月31日；通知未载明等待期长度，开始日期无法确定，请咨询当地医保经办机构。',
    waitNote: '缴费后等待期：{from} 至 {to}（{days} 天）',
    continuityNote: '等待期 {months} 个月：固定 {fixed} 个月 + 断保 {breaks} 年 {variable} 个月 − 修复 {repaired} 年 {removed} 个月{floor}（国办发〔2024〕38号）',
    floorNote: '，不少于 6 个月',
    visibleNote: '缴费记录可查询日期：{date} 起',
    timeline: '待遇年度时间轴',
    citations: '计算依据',
    assumptions: '通知未写明之处的假设',
    warnings: '请注意',
    where: '去哪里缴费、咨询',
    kind_channel: '缴费渠道',
    kind_bank: '代征银行',
    kind_service_point: '服务网点',
    kind_hotline: '咨询电话',
    notes: '须知',
    householdTotal: '全家个人应缴合计',
    colMember: '成员',
    colCategory: '类别',
    colDue: '个人应缴',
    colCover: '待遇享受期',
    notEnrolling: '本次不参保',
    idValid: '✓ 有效：{masked}，{birth} 出生，{sex}',
    idInvalid: '✗ {reason}（{masked}）',
    male: '男',
    female: '女',
    reason_empty: '请填写号码',
    reason_length: '应为18位（第一代身份证15位）',
    reason_character: '只能是数字，最后一位可以是X',
    reason_region: '前两位不是有效的省级地区码',
    reason_birth_date: '号码中的出生日期不存在',
    reason_future_birth: '号码中的出生日期晚于今天',
    reason_checksum: '校验码不对，请核对号码',
    errorTitle: '无法计算',
    err_invalid_json: '请求格式不正确。',
    err_invalid_request: '信息不完整：请填写身份证号码或出生日期，并选择缴费日期。',
    err_unknown_policy: '没有这个地区和年度的政策。',
    err_unknown_category: '本政策不认识这个人员类别。',
    err_ambiguous_category: '该类别包含资助标准不同的几类人员，请选择具体类别（如脱贫不稳定人员、边缘易致贫人员或突发严重困难人口）。',
    err_invalid_grade: '本地区的个人缴费分档次，请选择缴费档次。',
    err_invalid_date: '日期不正确，请检查。',
    err_no_window: '{date} 不在本年度的任何缴费期内。',
    err_not_payment_day: '{date} 不是缴费日。',
    err_invalid_id: '身份证号码无效，请核对。',
    err_birth_after_payment: '出生日期晚于缴费日期。',
    err_household_incomplete: '本地要求以家庭为单位整户参保：{who}本次未参保，也未在职工医保或外地参保。请全家一起缴费，或为已在别处参保的成员勾选“已参加职工医保或在外地参保”。',
    err_unknown_operation: '不支持的操作。',
    err_policy_syntax: '政策文件有语法错误。',
    err_policy_invalid: '政策文件内容有误。',
    whoMember: '第 {n} 位成员',
    tlWindow: '缴费期',
    tlWait: '等待期',
    tlCover: '享受待遇',
    tlPaid: '缴费',
    tlYear: '{year}年度',
    days: '天',
    modeRefund: '退费',
    lastInsured: '最近一次参保是哪一年（居民医保或职工医保）',
    lastUnset: '不填写（按未断保计算）',
    lastPrev: '{year}年（上一年参保了，没有断保）',
    lastYear: '{year}年（断保 {n} 年）',
    lastNever: '从未参保过（第一次参保）',
    streak: '到那一年为止连续参保了几年（不清楚可不填）',
    repair: '断保的年份，这次补缴（修复）几年',
    repairNone: '不补缴',
    repairYears: '补缴 {n} 年',
    newlyAided: '今年新认定的资助对象（如新认定的低保、特困人员）',
    transfer: '医保关系从外地转入（转移接续）',
    employeeEnded: '职工医保哪天停保（从职工医保转来时填写）',
    parentInsured: '（新生儿）父母至少一方已参保',
    periods: '缴费期：{list}',
    estimateBanner: '注意：这是估算，不是当地已公布的缴费通知。{why}',
    noCoverTitle: '此次缴费在{year}年度不能享受医保待遇',
    noCoverDue: '缴了也不保障今年：',
    coverStartUnknown: '待遇开始日期：不明',
    coverStartUnknownEnd: '待遇开始日期：不明（享受待遇至{end}）',
    continuityPlain: '等待期 {months} 个月（国办发〔2024〕38号）；未填写参保记录，按未断保计算',
    exempted: '免除等待期：{kind}',
    exemption_newly_aided: '新增资助对象',
    exemption_employee_switch: '职工医保转居民医保',
    exemption_transfer: '医保关系转移接续',
    exemption_aided: '资助对象',
    memberCover: '第 {n} 位成员',
    timelineOf: '（第 {n} 位成员）',
    nextDayButton: '按下一个缴费日（{next}）计算',
    refundReason: '退费原因',
    refundEvent: '发生日期（死亡、参加职工医保、重复缴费或认定为资助对象的日期）',
    refundAmount: '已缴金额（元，不填按应缴金额）',
    reason_duplicate: '重复缴费',
    reason_death: '参保人死亡',
    reason_employee_insurance: '参加了职工医保',
    reason_aid_confirmed: '缴费后被认定为资助对象',
    refundYes: '可以退费',
    refundNo: '不予退费',
    refundUnknown: '能否退费不明',
    refundFrom: '退费时间：{date} 起',
    refundBy: '办理部门：{who}',
    announceDue: '个人应缴 {due} 元',
    announceNoCover: '个人应缴 {due} 元；此次缴费在{year}年度不能享受医保待遇',
    announceHousehold: '全家个人应缴合计 {due} 元',
    announceRefund: '{verdict}：{amount} 元',
    announceError: '无法计算',
    amountBad: '已缴金额应为数字，如 400 或 400.00。',
  },
  en: {
    title: 'Resident medical insurance contribution calculator',
    subtitle: 'Exactly as the local notice says: what you pay, who pays the rest, when you can pay and when cover starts',
    loading: 'Loading the engine…',
    region: 'Region and benefit year',
    mode: 'Calculate for',
    modePerson: 'One person',
    modeHousehold: 'A household',
    addMember: '+ Add a household member',
    remove: 'Remove',
    member: 'Member {n}',
    person: 'Insured person',
    idNumber: 'ID number (居民身份证)',
    birthDate: 'Birth date (when no ID number is given)',
    category: 'Category',
    grade: 'Contribution grade',
    ordinary: 'Ordinary resident',
    elsewhere: 'Already insured in employee insurance or elsewhere',
    enrolling: 'Enrols now with the household',
    paidOn: 'Payment date',
    calculate: 'Calculate',
    footer: 'Figures follow the local notices; where a notice is silent the assumption is listed. The medical insurance office and the tax bureau have the last word.',
    yearLabel: '{region} · benefit year {year}',
    estimateTag: ' (estimate: no local notice)',
    otherProvince: 'other',
    youPay: 'You pay',
    yuan: 'yuan',
    personalStandard: 'Personal standard',
    fiscalShare: 'Fiscal share (paid by you)',
    basisAssumed: 'Not stated by the notice, assumed by the policy file: {figures} (see the assumptions below).',
    basisUnknown: 'Not stated by the notice and not known: {figures}.',
    basisNames: { personal_standard: 'personal standard', fiscal_subsidy: 'fiscal subsidy', aid: 'aid', benefit_start: 'date cover starts' },
    priorYear: 'of which benefit year {year}',
    aid: 'Aid',
    aidLine: '{category}: funded by {source}',
    noAid: 'No aid',
    fiscal: 'Government subsidy (paid for you)',
    total: 'Total paid by everyone',
    newborn: 'Newborn rule applied: {rule}',
    payday: 'Payment day',
    paydayYes: '{date} is a payment day: {window} ({from} to {to})',
    paydayNo: '{date} is not a payment day.',
    paydayNext: 'Next payment day: {next}',
    paydayNone: 'No payment day is left this year.',
    paymentDays: 'days {days} of each month',
    cover: 'Cover',
    coverRange: '{start} to {end} ({days} days)',
    noCover: 'This payment buys no cover in the benefit year.',
    coverUnknown: 'Cover starts after a waiting period and runs to 31 December {year}; the notice does not state the wait\'s length, so the start date is unknown: ask the local 医保经办机构.',
    waitNote: 'Waiting period after payment: {from} to {to} ({days} days)',
    continuityNote: 'A {months}-month wait: fixed {fixed} + {variable} for {breaks} years of break − {removed} for {repaired} repaired{floor} (国办发〔2024〕38号)',
    floorNote: ', at least 6 months',
    visibleNote: 'The payment shows in the records from {date}',
    timeline: 'Benefit year timeline',
    citations: 'Where the figures come from',
    assumptions: 'Assumptions where the notice is silent',
    warnings: 'Please note',
    where: 'Where to pay and ask',
    kind_channel: 'Ways to pay',
    kind_bank: 'Collecting banks',
    kind_service_point: 'Service points',
    kind_hotline: 'Hotlines',
    notes: 'Good to know',
    householdTotal: 'Household total',
    colMember: 'Member',
    colCategory: 'Category',
    colDue: 'Pays',
    colCover: 'Cover',
    notEnrolling: 'not enrolling now',
    idValid: '✓ Valid: {masked}, born {birth}, {sex}',
    idInvalid: '✗ {reason} ({masked})',
    male: 'male',
    female: 'female',
    reason_empty: 'enter the number',
    reason_length: 'must be 18 characters (15 for a first-generation card)',
    reason_character: 'digits only, with X allowed last',
    reason_region: 'the first two digits are no province code',
    reason_birth_date: 'the birth date in the number does not exist',
    reason_future_birth: 'the birth date in the number is after today',
    reason_checksum: 'the check digit does not match: please check the number',
    errorTitle: 'Cannot calculate',
    err_invalid_json: 'The request is malformed.',
    err_invalid_request: 'Something is missing: give an ID number or a birth date, and a payment date.',
    err_unknown_policy: 'There is no policy for this region and year.',
    err_unknown_category: 'This policy does not know that category.',
    err_ambiguous_category: 'This category covers groups with different aid: choose the specific one.',
    err_invalid_grade: 'This region has contribution grades: choose one.',
    err_invalid_date: 'A date is not valid.',
    err_no_window: '{date} is outside every payment period of this benefit year.',
    err_not_payment_day: '{date} is not a payment day.',
    err_invalid_id: 'The ID number is not valid.',
    err_birth_after_payment: 'The birth date is after the payment date.',
    err_household_incomplete: 'This region asks the whole household to enrol together: {who} does not enrol now and is not insured elsewhere. Pay for everyone together, or tick “already insured” for members insured elsewhere.',
    err_unknown_operation: 'Unsupported operation.',
    err_policy_syntax: 'The policy file has a syntax error.',
    err_policy_invalid: 'The policy file contradicts itself.',
    whoMember: 'member {n}',
    tlWindow: 'Payment period',
    tlWait: 'Waiting',
    tlCover: 'Covered',
    tlPaid: 'Paid',
    tlYear: 'Benefit year {year}',
    days: 'days',
    modeRefund: 'Refund',
    lastInsured: 'The last year you were insured (resident or employee insurance)',
    lastUnset: 'Not given (no break is assumed)',
    lastPrev: '{year} (insured last year: no break)',
    lastYear: '{year} ({n}-year break)',
    lastNever: 'Never insured (first enrolment)',
    streak: 'Years insured in a row up to that year (optional)',
    repair: 'Missed years you repair (补缴) now',
    repairNone: 'None',
    repairYears: '{n} year(s)',
    newlyAided: 'Newly recognised as aided this year (新增资助对象)',
    transfer: 'Insurance transferred in from another region (转移接续)',
    employeeEnded: 'The day employee insurance ended (if you come from it)',
    parentInsured: '(Newborn) at least one parent is insured',
    periods: 'Payment periods: {list}',
    estimateBanner: 'Note: an estimate, not a published local notice. {why}',
    noCoverTitle: 'This payment buys no cover in benefit year {year}',
    noCoverDue: 'Paid, but no cover this year:',
    coverStartUnknown: 'Cover starts: unknown',
    coverStartUnknownEnd: 'Cover starts: unknown (runs to {end})',
    continuityPlain: 'A {months}-month wait (国办发〔2024〕38号); no enrolment history given, so no break is assumed',
    exempted: 'No wait: {kind}',
    exemption_newly_aided: 'newly aided this year',
    exemption_employee_switch: 'switch from employee insurance',
    exemption_transfer: 'transfer from another region',
    exemption_aided: 'aided person',
    memberCover: 'Member {n}',
    timelineOf: ' (member {n})',
    nextDayButton: 'Calculate for the next payment day ({next})',
    refundReason: 'Reason for the refund',
    refundEvent: 'When it happened (death, joining employee insurance, the duplicate, the aid recognition)',
    refundAmount: 'Amount paid (yuan; empty: the amount due)',
    reason_duplicate: 'paid twice',
    reason_death: 'the insured person died',
    reason_employee_insurance: 'joined employee insurance',
    reason_aid_confirmed: 'recognised as aided after paying',
    refundYes: 'Refundable',
    refundNo: 'Not refunded',
    refundUnknown: 'Refund unknown',
    refundFrom: 'Refunded from {date}',
    refundBy: 'Handled by: {who}',
    announceDue: 'You pay {due} yuan',
    announceNoCover: 'You pay {due} yuan; this payment buys no cover in benefit year {year}',
    announceHousehold: 'Household total {due} yuan',
    announceRefund: '{verdict}: {amount} yuan',
    announceError: 'Cannot calculate',
    amountBad: 'The amount paid must be a number, such as 400 or 400.00.',
  },
};

let lang = 'zh';
const state = {
  categoryNames: new Map(), // id -> { zh, en }: the national names
  policy: null, // the selected policy (whole file)
  last: null, // the last answer: its inputs, to ask again on a language switch
};

// Every request asks for the page's language: warnings, assumptions, names and errors come
// in it from the library.
const opts = () => ({ lang });

// A text of the policy file ({zh, en}): its English version where the file gives one.
function tx(text) {
  if (text === null || text === undefined) return '';
  if (typeof text === 'string') return text;
  return lang === 'en' ? text.en ?? text.zh : text.zh;
}

function t(key, vars = {}) {
  const s = TEXT[lang][key] ?? TEXT.zh[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (_, k) => (vars[k] === undefined ? '' : String(vars[k])));
}

// The notice's own name where the policy declares one (长治: 低保人员), else the shared one.
function categoryName(cat) {
  const own = state.policy?.categories?.find((c) => c.id === cat);
  const shared = state.categoryNames.get(cat);
  if (lang === 'en') return own?.name_en ?? shared?.en ?? own?.name ?? cat;
  return own?.name ?? shared?.zh ?? cat;
}

// ------------------------------------------------------------------ small DOM helpers

const $ = (sel, root = document) => root.querySelector(sel);
const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

const SVG = 'http://www.w3.org/2000/svg';
function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

// Local calendar date of the browser clock (the library has no clock).
function today() {
  const d = new Date();
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

// Day number of an ISO date, for drawing and counting only (never for money).
function dayNo(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / 86400000;
}

// ------------------------------------------------------------------ the form

// The policies by province (the library lists them by province and region, each
// region's newest year first), and selected: the one open for the collection window
// today, else one taking payments today, else the first.
function fillPolicies() {
  const select = $('#policy');
  const current = select.value;
  select.replaceChildren();
  const groups = new Map();
  for (const p of policies()) {
    const province = p.province ?? t('otherProvince');
    if (!groups.has(province)) {
      groups.set(province, el('optgroup', { label: province }));
      select.append(groups.get(province));
    }
    const estimate = p.estimate ? t('estimateTag') : '';
    groups.get(province).append(el('option', { value: p.id, text: `${t('yearLabel', { region: p.region_name, year: p.benefit_year })}${estimate}（${p.id}）` }));
  }
  if (current) {
    select.value = current;
    return;
  }
  const date = today();
  const status = policies().map((p) => ({ id: p.id, w: windowStatus({ policy: p.id, date }, opts()) }));
  const pick = status.find((s) => s.w.collection_window) ?? status.find((s) => s.w.payment_day);
  if (pick) select.value = pick.id;
}

// The categories a policy names (aid rules and group standards): the national ones in the
// table order, then the policy's own. 防贫监测对象 is offered when a subtype is aided: a
// resident may know only that, and the library answers it (or says which subtype to choose).
const MONITORED_SUBTYPES = ['unstable_out_of_poverty', 'marginal_at_risk', 'sudden_hardship'];
function policyCategories(p) {
  const named = new Set();
  for (const rule of p.aid ?? []) rule.categories.forEach((c) => named.add(c));
  for (const g of p.group_standards ?? []) named.add(g.category);
  if (MONITORED_SUBTYPES.some((c) => named.has(c))) named.add('monitored_at_risk');
  const national = [...state.categoryNames.keys()].filter((c) => named.has(c));
  const own = (p.categories ?? []).map((c) => c.id).filter((c) => named.has(c) && !state.categoryNames.has(c));
  return [...national, ...own];
}

function fillCategories(select) {
  const current = select.value;
  select.replaceChildren(el('option', { value: '', text: t('ordinary') }));
  for (const c of policyCategories(state.policy)) {
    select.append(el('option', { value: c, text: categoryName(c) }));
  }
  select.value = [...select.options].some((o) => o.value === current) ? current : '';
}

// The grades a policy lets the resident choose (成都: 400 or 520 yuan), in the notice's
// words; the field shows only for a policy that has them.
function fillGrades(select) {
  const grades = state.policy.grades ?? [];
  const current = select.value;
  select.replaceChildren(...grades.map((g) => el('option', { value: g.id, text: `${tx(g.name)}（${g.personal} ${t('yuan')}）` })));
  if (grades.some((g) => g.id === current)) select.value = current;
  select.closest('.m-grade-field').hidden = grades.length === 0;
}

// The national continuity rules (国办发〔2024〕38号: waits after a break, their exemptions)
// hold from benefit year 2025 (core/data/national.toml) unless a region opts out; the
// exemptions are the national ones unless the region lists its own, plus its own rules.
const CONTINUITY_FROM = 2025;
const NATIONAL_EXEMPTIONS = ['newly_aided', 'employee_switch'];
function continuityApplies(p) {
  return p.benefit_year >= CONTINUITY_FROM && p.continuity?.applies !== false;
}
function exemptionKinds(p) {
  const kinds = new Set(p.continuity?.exemptions ?? NATIONAL_EXEMPTIONS);
  for (const w of p.wait_exemptions ?? []) kinds.add(w.kind);
  return kinds;
}
function asksParent(p) {
  return (p.newborns ?? []).some((n) => n.parent_insured !== undefined && n.parent_insured !== null);
}

// The history questions the policy needs, in a resident's words: the last insured year
// (the break follows from it), the years repaired, and the exemptions it knows.
function fillHistory(member) {
  const p = state.policy;
  const B = p.benefit_year;
  $('.m-history', member).hidden = !continuityApplies(p);
  const last = $('.m-last', member);
  const current = last.value;
  const years = [];
  for (let y = B - 2; y >= B - 10; y--) years.push(el('option', { value: String(y), text: t('lastYear', { year: y, n: B - 1 - y }) }));
  last.replaceChildren(
    el('option', { value: '', text: t('lastUnset') }),
    el('option', { value: String(B - 1), text: t('lastPrev', { year: B - 1 }) }),
    ...years,
    el('option', { value: 'never', text: t('lastNever') }),
  );
  if ([...last.options].some((o) => o.value === current)) last.value = current;
  const kinds = exemptionKinds(p);
  $('.m-newly-field', member).hidden = !kinds.has('newly_aided');
  $('.m-transfer-field', member).hidden = !kinds.has('transfer');
  $('.m-ended-field', member).hidden = !kinds.has('employee_switch');
  $('.m-parent-field', member).hidden = !asksParent(p);
  syncHistory(member);
}

// The questions that follow from the last insured year: how long before it, and repair.
function syncHistory(member) {
  const v = $('.m-last', member).value;
  const year = /^\d+$/.test(v) ? Number(v) : null;
  const breaks = year === null ? 0 : Math.max(0, state.policy.benefit_year - 1 - year);
  $('.m-streak-field', member).hidden = year === null;
  const repair = $('.m-repair', member);
  const current = repair.value;
  repair.replaceChildren(
    el('option', { value: '0', text: t('repairNone') }),
    ...Array.from({ length: breaks }, (_, i) => el('option', { value: String(i + 1), text: t('repairYears', { n: i + 1 }) })),
  );
  if ([...repair.options].some((o) => o.value === current)) repair.value = current;
  $('.m-repair-field', member).hidden = breaks === 0;
}

function shown(node) {
  return !node.closest('[hidden]');
}

// The estimate banner and the payment periods under the selector.
function describePolicy() {
  const p = state.policy;
  $('#policy-title').textContent = p.title;
  const banner = $('#estimate-banner');
  banner.hidden = !p.estimate;
  banner.textContent = p.estimate ? t('estimateBanner', { why: tx(p.estimate) }) : '';
  const sep = lang === 'en' ? '; ' : '；';
  $('#policy-periods').textContent = t('periods', { list: p.tiers.map((x) => `${tx(x.name)} ${x.from} – ${x.to}`).join(sep) });
}

function selectPolicy() {
  state.policy = policy($('#policy').value);
  describePolicy();
  $$('.m-category').forEach(fillCategories);
  $$('.m-grade').forEach(fillGrades);
  $$('.member').forEach(fillHistory);
  fillReasons();
}

// The refund grounds: those the notice names first, then the others (the library says
// when the notice does not provide for one).
const REASONS = ['duplicate', 'death', 'employee_insurance', 'aid_confirmed'];
function fillReasons() {
  const select = $('#refund-reason');
  const current = select.value;
  const named = new Set((state.policy.refunds ?? []).map((r) => r.reason));
  const order = [...REASONS.filter((r) => named.has(r)), ...REASONS.filter((r) => !named.has(r))];
  select.replaceChildren(...order.map((r) => el('option', { value: r, text: t(`reason_${r}`) })));
  if (order.includes(current)) select.value = current;
}

function householdMode() {
  return $('#mode-household').checked;
}

function refundMode() {
  return $('#mode-refund').checked;
}

function addMember() {
  const node = $('#member-template').content.firstElementChild.cloneNode(true);
  $('#members').append(node);
  applyWords(node);
  fillCategories($('.m-category', node));
  fillGrades($('.m-grade', node));
  fillHistory(node);
  $('.m-last', node).addEventListener('change', () => syncHistory(node));
  $('.remove', node).addEventListener('click', () => {
    node.remove();
    renumber();
  });
  const idInput = $('.m-id', node);
  idInput.addEventListener('input', () => checkId(node));
  renumber();
  return node;
}

function renumber() {
  const members = $$('.member');
  const many = householdMode();
  members.forEach((m, i) => {
    $('.member-title', m).textContent = many ? t('member', { n: i + 1 }) : t('person');
    $('.remove', m).hidden = !many || members.length === 1;
    $('.household-only', m).hidden = !many;
    m.hidden = !many && i > 0;
  });
  $('#add-member').hidden = !many;
  $('#refund-fields').hidden = !refundMode();
}

// An ID number as typed or pasted: spaces dropped, full-width digits and Ｘ made ASCII.
function idText(raw) {
  return raw
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xFF10 + 48))
    .replace(/[ｘＸ]/g, 'X')
    .replace(/[\s\u3000-]/g, '');
}

// Checks the ID number while it is typed; shows it masked, never echoes it whole.
function checkId(member) {
  const input = $('.m-id', member);
  const out = $('.id-check', member);
  const value = idText(input.value);
  out.className = 'id-check small';
  input.setAttribute('aria-invalid', 'false');
  if (value === '') {
    out.textContent = '';
    return null;
  }
  const info = id({ id_number: value, today: today() }, opts());
  if (info.valid) {
    out.textContent = t('idValid', { masked: info.masked, birth: info.birth_date, sex: t(info.sex) });
    out.classList.add('ok');
    $('.m-birth', member).value = info.birth_date;
  } else if (value.length < 15 && /^[0-9]*$/.test(value)) {
    out.textContent = `${value.length} / 18`;
  } else {
    out.textContent = t('idInvalid', { reason: t(`reason_${info.reason}`), masked: info.masked });
    out.classList.add('bad');
    input.setAttribute('aria-invalid', 'true');
  }
  return info;
}

function readPerson(member) {
  const person = {};
  const idNumber = idText($('.m-id', member).value);
  const birth = $('.m-birth', member).value;
  if (idNumber) person.id_number = idNumber;
  else if (birth) person.birth_date = birth;
  const cat = $('.m-category', member).value;
  if (cat) person.categories = [cat];
  const grade = $('.m-grade', member).value;
  if (grade && (state.policy.grades ?? []).length) person.grade = grade;
  if ($('.m-elsewhere', member).checked) person.insured_elsewhere = true;
  if (shown($('.m-history', member))) {
    const v = $('.m-last', member).value;
    if (v === 'never') person.history = { insured_years: [] };
    else if (/^\d+$/.test(v)) {
      const last = Number(v);
      const n = Math.min(40, Math.max(1, Math.trunc(Number($('.m-streak', member).value)) || 1));
      person.history = { insured_years: Array.from({ length: n }, (_, i) => last - n + 1 + i) };
      const repaired = Number($('.m-repair', member).value) || 0;
      if (repaired > 0) person.history.repair_years = repaired;
    }
    if (shown($('.m-newly', member)) && $('.m-newly', member).checked) person.newly_aided = true;
    if (shown($('.m-transfer', member)) && $('.m-transfer', member).checked) person.transfer = true;
    const ended = $('.m-ended', member).value;
    if (shown($('.m-ended', member)) && ended) person.employee_insurance_ended_on = ended;
  }
  if (shown($('.m-parent', member)) && $('.m-parent', member).checked) person.parent_insured = true;
  if (householdMode() && !$('.m-enrolling', member).checked) person.enrolling = false;
  return person;
}

// ------------------------------------------------------------------ computing

function calculate() {
  const members = $$('.member').filter((m) => !m.hidden);
  const mode = householdMode() ? 'household' : refundMode() ? 'refund' : 'person';
  compute({
    policyId: $('#policy').value,
    paidOn: $('#paid-on').value,
    mode,
    people: members.map(readPerson),
    refund: mode === 'refund'
      ? { reason: $('#refund-reason').value, eventOn: $('#refund-event').value, amount: $('#refund-amount').value.trim() }
      : null,
  });
  // On a phone the answer is below the form: bring it into view and give it focus.
  const box = $('#result');
  if (!box.hidden) {
    box.focus({ preventScroll: true });
    box.scrollIntoView({ block: 'start' });
  }
}

// An amount as typed: whole yuan (an integer for the request) or yuan with up to two
// decimals (a two-decimal string); null for anything else.
function amountOf(text) {
  const s = text.replace(/[,，\s元]/g, '');
  if (/^\d+$/.test(s)) return Number(s);
  const m = /^(\d+)\.(\d{1,2})$/.exec(s);
  return m ? `${m[1]}.${m[2].padEnd(2, '0')}` : null;
}

// Asks the library (in the page's language) and draws the answer.
function compute({ policyId, paidOn, mode, people, refund: asked }) {
  const answer = { policyId, paidOn, mode, people, refund: asked };
  try {
    answer.window = paidOn ? windowStatus({ policy: policyId, date: paidOn }, opts()) : null;
  } catch (e) {
    answer.window = null;
    if (!(e instanceof YibaoError)) throw e;
  }
  try {
    if (mode === 'household') {
      answer.household = household({ policy: policyId, paid_on: paidOn, members: people }, opts());
    } else if (mode === 'refund') {
      const person = people[0] ?? {};
      let amount = asked.amount === '' ? null : amountOf(asked.amount);
      if (asked.amount !== '' && amount === null) throw new YibaoError('invalid_request', t('amountBad'));
      if (amount === null) amount = quote({ policy: policyId, paid_on: paidOn, person }, opts()).personal_due;
      answer.refundAnswer = refund({
        policy: policyId, person, payment: { paid_on: paidOn, amount }, reason: asked.reason, event_on: asked.eventOn || paidOn,
      }, opts());
    } else {
      answer.quote = quote({ policy: policyId, paid_on: paidOn, person: people[0] ?? {} }, opts());
    }
  } catch (e) {
    if (!(e instanceof YibaoError)) throw e;
    answer.error = { code: e.code, message: e.message };
  }
  state.last = answer;
  render();
}

// ------------------------------------------------------------------ drawing the answer

function money(m) {
  return el('span', { class: 'money' }, m);
}

function render() {
  const a = state.last;
  const box = $('#result');
  if (!a) {
    box.hidden = true;
    return;
  }
  box.hidden = false;
  box.replaceChildren(el('h2', { id: 'result-heading', class: 'sr-only', text: t('calculate') }));
  const year = state.policy.benefit_year;
  let headline = '';
  if (a.error) {
    box.append(errorBox(a));
    headline = `${t('announceError')}：${t(`err_${a.error.code}`, { date: a.paidOn, who: '' })}`;
  }
  const q = a.quote;
  if (q) {
    const none = buysNoCover(q);
    // A payment that buys no cover this year: said first, in red, and its amount is not
    // drawn as the big figure to pay.
    if (none) box.append(noCoverAlert(q));
    box.append(
      el('div', { class: none ? 'headline no-cover-due' : 'headline' },
        el('div', { class: 'label', text: none ? t('noCoverDue') : t('youPay') }),
        el('div', { class: 'big', id: 'due' }, q.personal_due, el('small', { text: ` ${t('yuan')}` })),
      ),
      breakdown(q),
    );
    headline = t(none ? 'announceNoCover' : 'announceDue', { due: q.personal_due, year });
  }
  const h = a.household;
  if (h) {
    if (h.members.some((m) => m && buysNoCover(m))) box.append(noCoverAlert(h.members.find((m) => m && buysNoCover(m))));
    box.append(householdTable(h, a.people));
    headline = t('announceHousehold', { due: h.personal_due_total });
  }
  const r = a.refundAnswer;
  if (r) {
    box.append(refundBox(r));
    headline = t('announceRefund', { verdict: refundVerdict(r), amount: r.amount });
  }
  box.append(paydayBox(a));
  if (q) box.append(coverBox(q), timeline(q, a.paidOn, a.window));
  if (h) {
    // Every member's cover; the timeline of the first who enrols.
    const many = h.members.filter((m) => m !== null).length > 1;
    h.members.forEach((m, i) => {
      if (m) box.append(coverBox(m, many ? i + 1 : null));
    });
    const i = h.members.findIndex((m) => m !== null);
    if (i >= 0) box.append(timeline(h.members[i], a.paidOn, a.window, many ? i + 1 : null));
  }
  const explained = q ?? h ?? r;
  if (explained) box.append(explanations(explained, h));
  box.append(whereToPay(state.policy));
  // The live region says the headline only, not the whole answer.
  $('#announce').textContent = headline;
}

// No cover in the benefit year: no date, and the library did not say the date is unknown.
function buysNoCover(q) {
  return !q.benefit_start && q.basis?.benefit_start !== 'unknown';
}

function noCoverAlert(q) {
  const why = q.warnings.filter((w) => w.code === 'no_cover' || w.code === 'paid_after_benefit_year');
  return el('div', { class: 'alert no-cover', id: 'no-cover' },
    el('strong', { text: `⚠ ${t('noCoverTitle', { year: state.policy.benefit_year })}` }),
    why.map((w) => el('p', { text: w.message })),
  );
}

function refundVerdict(r) {
  return r.refundable === true ? t('refundYes') : r.refundable === false ? t('refundNo') : t('refundUnknown');
}

function refundBox(r) {
  const cls = r.refundable === true ? 'ok' : r.refundable === false ? 'bad' : 'unknown';
  return el('div', { class: `refund ${cls}`, id: 'refund' },
    el('div', { class: 'headline' },
      el('div', { class: 'label', text: refundVerdict(r) }),
      el('div', { class: 'big', id: 'refund-amount-out' }, r.amount, el('small', { text: ` ${t('yuan')}` })),
    ),
    r.refund_from ? el('p', { class: 'small', text: t('refundFrom', { date: r.refund_from }) }) : null,
    r.handled_by ? el('p', { class: 'small', text: t('refundBy', { who: r.handled_by }) }) : null,
  );
}

// The page's own words for the error's code, then the library's message (in the page's
// language), with members named as the form numbers them rather than by their place in
// the request (`members[1]`), and without the request's field ids the Chinese text gives
// beside their names (身份证号码（id_number）). The code itself is for scripts and styles:
// `data-code`.
function errorBox(a) {
  const { code, message } = a.error;
  const member = (i) => t('whoMember', { n: Number(i) + 1 });
  // The engine names members as people count them (第2位成员 / member 2).
  const m = /members\[(\d+)\]/.exec(message);
  const n = /第(\d+)[、\d]*位成员|\bmembers? (\d+)/.exec(message);
  const who = m ? member(m[1]) : n ? t('whoMember', { n: Number(n[1] ?? n[2]) }) : '';
  const detail = message
    .replace(/members\[(\d+)\]/g, (_, i) => member(i))
    .replace(/（[a-z][a-z0-9_.]*）/g, '');
  return el('div', { class: 'error', id: 'error', role: 'alert', 'data-code': code },
    el('strong', { text: t('errorTitle') }),
    el('p', { text: t(`err_${code}`, { date: a.paidOn, who }) }),
    el('p', { class: 'small muted detail', text: detail }),
  );
}

function breakdown(q) {
  const rows = [
    [t('personalStandard'), q.personal_standard],
    ...(q.prior_years ?? []).map((p) => [`　${t('priorYear', { year: p.year })}`, p.amount]),
  ];
  if (q.aid.length === 0) rows.push([t('aid'), t('noAid'), 'aid']);
  for (const line of q.aid) {
    rows.push([`− ${t('aid')}：${t('aidLine', { category: line.category_name, source: line.source_name })}`, line.amount, 'aid']);
  }
  if (q.fiscal_share_paid_by_person && q.fiscal_share_paid_by_person !== '0.00') {
    rows.push([`+ ${t('fiscalShare')}`, q.fiscal_share_paid_by_person, 'fiscal-share']);
  }
  rows.push([`= ${t('youPay')}`, q.personal_due, 'due']);
  rows.push([t('fiscal'), q.fiscal_subsidy, 'fiscal']);
  rows.push([t('total'), q.total, 'total']);
  const table = el('table', { class: 'breakdown' });
  for (const [label, value, cls] of rows) {
    table.append(el('tr', { class: cls }, el('th', { text: label }), el('td', {}, /^\d/.test(value) ? money(value) : value)));
  }
  const wrap = el('div', {}, table);
  // Never more certain than the notice: say which figures it does not state.
  const names = TEXT[lang].basisNames ?? TEXT.zh.basisNames;
  const sep = lang === 'en' ? ', ' : '、';
  for (const [basis, key] of [['assumed', 'basisAssumed'], ['unknown', 'basisUnknown']]) {
    const figures = Object.entries(q.basis ?? {}).filter(([, b]) => b === basis).map(([f]) => names[f] ?? f);
    if (figures.length) wrap.append(el('p', { class: `small basis-${basis}`, text: t(key, { figures: figures.join(sep) }) }));
  }
  if (q.newborn) wrap.append(el('p', { class: 'small newborn', text: t('newborn', { rule: q.newborn_name ?? q.newborn }) }));
  return wrap;
}

function householdTable(h, people) {
  const table = el('table', { class: 'members', id: 'household-table' },
    el('tr', {}, el('th', { text: t('colMember') }), el('th', { text: t('colCategory') }), el('th', { text: t('colDue') }), el('th', { text: t('colCover') })),
  );
  h.members.forEach((q, i) => {
    const p = people[i] ?? {};
    const who = p.id_number ? id({ id_number: p.id_number }, opts()).masked : p.birth_date ?? '';
    const cat = p.categories?.length ? categoryName(p.categories[0]) : t('ordinary');
    table.append(el('tr', {},
      el('td', {}, `${i + 1}. `, who),
      el('td', { text: cat }),
      el('td', {}, q ? money(q.personal_due) : t('notEnrolling')),
      el('td', { class: q && buysNoCover(q) ? 'no-cover-cell' : null, text: q ? (q.benefit_start ? `${q.benefit_start} – ${q.benefit_end}` : q.basis?.benefit_start === 'unknown' ? t('coverStartUnknown') : t('noCover')) : '—' }),
    ));
  });
  return el('div', {},
    el('div', { class: 'headline' },
      el('div', { class: 'label', text: t('householdTotal') }),
      el('div', { class: 'big', id: 'household-total' }, h.personal_due_total, el('small', { text: ` ${t('yuan')}` })),
    ),
    table,
  );
}

function paydayBox(a) {
  const w = a.window;
  const box = el('div', { class: 'fact', id: 'payday' }, el('h3', { text: t('payday') }));
  if (!w) return box;
  const tier = state.policy.tiers.find((x) => x.id === w.window?.id);
  if (w.payment_day && w.window) {
    box.classList.add('ok');
    box.append(el('p', { text: t('paydayYes', { date: a.paidOn, window: w.window.name, from: w.window.from, to: w.window.to }) }));
  } else {
    box.classList.add('bad');
    box.append(el('p', { text: t('paydayNo', { date: a.paidOn }) }));
    box.append(el('p', { class: 'next', text: w.next_payment_day ? t('paydayNext', { next: w.next_payment_day }) : t('paydayNone') }));
    if (w.next_payment_day) {
      const next = el('button', { type: 'button', class: 'secondary', id: 'use-next-day', text: t('nextDayButton', { next: w.next_payment_day }) });
      next.addEventListener('click', () => {
        $('#paid-on').value = w.next_payment_day;
        calculate();
      });
      box.append(next);
    }
  }
  if (tier?.payment_days) {
    const d = tier.payment_days;
    const ranges = [d, ...(d.also ?? [])].map((r) => `${r.from}–${r.to}`).join(lang === 'en' ? ', ' : '、');
    box.append(el('p', { class: 'small muted', text: t('paymentDays', { days: ranges }) }));
  }
  return box;
}

function coverBox(q, n = null) {
  const box = el('div', { class: 'fact cover', id: n === null || n === 1 ? 'cover' : `cover-${n}` },
    el('h3', { text: n === null ? t('cover') : `${t('cover')} · ${t('memberCover', { n })}` }));
  if (q.benefit_start && q.benefit_end) {
    const days = dayNo(q.benefit_end) - dayNo(q.benefit_start) + 1;
    box.append(el('p', { class: 'cover-range', text: t('coverRange', { start: q.benefit_start, end: q.benefit_end, days }) }));
    const start = dayNo(q.benefit_start);
    const paid = dayNo(state.last.paidOn);
    if (start > paid + 1 && q.benefit_start > `${state.policy.benefit_year}-01-01`) {
      const from = new Date((paid + 1) * 86400000).toISOString().slice(0, 10);
      const to = new Date((start - 1) * 86400000).toISOString().slice(0, 10);
      box.append(el('p', { class: 'small wait', text: t('waitNote', { from, to, days: start - paid - 1 }) }));
    }
  } else if (q.basis?.benefit_start === 'unknown') {
    // The date cover starts is not known (a wait of unstated length, a newborn without a
    // local rule): said as unknown, with the library's reason; never a date.
    box.classList.add('unknown');
    box.append(el('p', { class: 'cover-unknown-date', text: q.benefit_end ? t('coverStartUnknownEnd', { end: q.benefit_end }) : t('coverStartUnknown') }));
    const why = q.warnings.filter((w) => w.code === 'cover_date_unknown' || w.code === 'newborn_terms_unstated');
    if (why.some((w) => w.code === 'cover_date_unknown')) {
      box.append(el('p', { class: 'cover-unknown', text: t('coverUnknown', { year: state.policy.benefit_year }) }));
    }
    for (const w of why) box.append(el('p', { class: 'small cover-unknown-why', 'data-code': w.code, text: w.message }));
  } else {
    box.classList.add('bad');
    box.append(el('p', { class: 'no-cover-line', text: t('noCover') }));
  }
  // A wait beside an unknown date would read as a date: the continuity line only with one.
  const c = q.basis?.benefit_start === 'unknown' ? null : q.continuity;
  if (c && c.exemption) {
    box.append(el('p', { class: 'small exempted', text: t('exempted', { kind: t(`exemption_${c.exemption}`) }) }));
  } else if (c && c.wait_months > 0) {
    // The break line only once the history was asked (else: the fixed wait, and why).
    box.append(el('p', {
      class: 'small continuity',
      text: c.history_given
        ? t('continuityNote', {
          months: c.wait_months, fixed: c.fixed_wait_months, breaks: c.break_years,
          variable: c.variable_wait_months, repaired: c.repaired_years, removed: c.months_removed,
          floor: c.floor_applied ? t('floorNote') : '',
        })
        : t('continuityPlain', { months: c.wait_months }),
    }));
  }
  if (q.payment_visible_on) {
    box.append(el('p', { class: 'small visible', text: t('visibleNote', { date: q.payment_visible_on }) }));
  }
  return box;
}

// The benefit year as a picture: payment periods, the payment day, the wait, the cover.
function timeline(q, paidOn, w, n = null) {
  const p = state.policy;
  const year = p.benefit_year;
  const yStart = dayNo(`${year}-01-01`);
  const yEnd = dayNo(`${year}-12-31`);
  const tiers = p.tiers;
  const first = Math.min(yStart, ...tiers.map((x) => dayNo(x.from)), dayNo(paidOn));
  const last = Math.max(yEnd, ...tiers.map((x) => dayNo(x.to)));
  // Drawn at the width it is shown at, so that its labels are 12 px or more on a phone.
  const W = Math.max(300, Math.min(760, Math.round(($('#result').clientWidth || 800) - 42)));
  const narrow = W < 560;
  const L = 16;
  const R = 16;
  const x = (d) => L + ((d - first) / (last + 1 - first)) * (W - L - R);
  const H = 192;
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, width: '100%', role: 'img', id: 'timeline', class: 'timeline' });
  root.append(svg('title', {}, t('timeline')));

  // Month grid and labels.
  const firstMonth = new Date(first * 86400000);
  let m = new Date(Date.UTC(firstMonth.getUTCFullYear(), firstMonth.getUTCMonth(), 1));
  while (m.getTime() / 86400000 <= last) {
    const d = m.getTime() / 86400000;
    if (d >= first) {
      root.append(svg('line', { x1: x(d), x2: x(d), y1: 20, y2: 150, stroke: '#e3e7ee', 'stroke-width': 1 }));
      const label = m.getUTCMonth() === 0 ? `${m.getUTCFullYear()}` : `${m.getUTCMonth() + 1}`;
      // On a narrow screen every other month is labelled (January always).
      if (!narrow || m.getUTCMonth() % 2 === 0) {
        root.append(svg('text', { x: x(d) + 2, y: 164, 'font-size': 12, fill: m.getUTCMonth() === 0 ? '#223' : '#5d6677' }, label));
      }
    }
    m = new Date(Date.UTC(m.getUTCFullYear(), m.getUTCMonth() + 1, 1));
  }

  // Row 1: payment periods.
  const rowY = { tiers: 26, year: 62, person: 98 };
  tiers.forEach((tier, i) => {
    const current = w?.window?.id === tier.id;
    const x0 = x(dayNo(tier.from));
    const x1 = x(dayNo(tier.to) + 1);
    root.append(svg('rect', {
      x: x0, y: rowY.tiers, width: Math.max(2, x1 - x0), height: 24, rx: 4,
      fill: i === 0 ? '#3b6fd8' : '#9db6ea', opacity: current ? 1 : 0.55, class: 'tl-tier',
    }));
    root.append(svg('text', { x: x0 + 6, y: rowY.tiers + 16, 'font-size': 12, fill: '#fff' }, fit(tx(tier.name), x1 - x0 - 10)));
  });

  // Row 2: the benefit year.
  root.append(svg('rect', { x: x(yStart), y: rowY.year, width: x(yEnd + 1) - x(yStart), height: 24, rx: 4, fill: '#eef1f6', stroke: '#c9d1de' }));
  root.append(svg('text', { x: x(yEnd + 1) - 6, y: rowY.year + 16, 'font-size': 12, fill: '#445', 'text-anchor': 'end' }, t('tlYear', { year })));

  // Row 3: this payment: the wait, then the cover.
  const paid = dayNo(paidOn);
  if (q.benefit_start) {
    const start = dayNo(q.benefit_start);
    if (start > paid + 1 && start > yStart) {
      const from = Math.max(paid + 1, first);
      root.append(svg('rect', { x: x(from), y: rowY.person, width: Math.max(2, x(start) - x(from)), height: 24, rx: 4, fill: '#f3a93b', class: 'tl-wait' }));
      const label = `${t('tlWait')} ${start - from}${lang === 'zh' ? '天' : ' days'}`;
      const inside = fit(label, x(start) - x(from) - 6) === label;
      // A short wait gets its label under the bar.
      root.append(svg('text', {
        x: inside ? x(from) + 4 : x(from), y: inside ? rowY.person + 16 : rowY.person + 37,
        'font-size': 12, fill: inside ? '#4a2d00' : '#a86400', 'font-weight': inside ? 'normal' : 'bold',
      }, label));
    }
    const end = dayNo(q.benefit_end);
    root.append(svg('rect', { x: x(start), y: rowY.person, width: Math.max(2, x(end + 1) - x(start)), height: 24, rx: 4, fill: '#2e9e6a', class: 'tl-cover' }));
    root.append(svg('text', { x: x(start) + 6, y: rowY.person + 16, 'font-size': 12, fill: '#fff' }, fit(`${t('tlCover')} ${q.benefit_start} – ${q.benefit_end}`, x(end + 1) - x(start) - 10)));
  }

  // The payment day.
  const px = x(paid + 0.5);
  root.append(svg('line', { x1: px, x2: px, y1: 14, y2: 150, stroke: '#c0392b', 'stroke-width': 2, 'stroke-dasharray': '4 3' }));
  root.append(svg('circle', { cx: px, cy: 14, r: 4, fill: '#c0392b' }));
  const labelRight = px < W - 150;
  root.append(svg('text', { x: labelRight ? px + 7 : px - 7, y: 17, 'font-size': 12, 'font-weight': 'bold', fill: '#c0392b', 'text-anchor': labelRight ? 'start' : 'end' }, `${t('tlPaid')} ${paidOn}`));

  // Legend.
  const legend = [['#3b6fd8', t('tlWindow')], ['#f3a93b', t('tlWait')], ['#2e9e6a', t('tlCover')]];
  let lx = W - R;
  for (const [color, label] of legend.reverse()) {
    const w2 = label.length * (lang === 'zh' ? 12 : 7) + 20;
    lx -= w2;
    root.append(svg('rect', { x: lx, y: 178, width: 10, height: 8, fill: color, rx: 2 }));
    root.append(svg('text', { x: lx + 13, y: 187, 'font-size': 12, fill: '#556' }, label));
  }
  return el('figure', { class: 'timeline-box' }, el('figcaption', { text: n === null ? t('timeline') : `${t('timeline')}${t('timelineOf', { n })}` }), root);
}

// Cuts a label to what fits in `width` pixels (roughly).
function fit(text, width) {
  const per = /[\u3000-\u9fff]/.test(text) ? 12 : 7;
  const n = Math.floor(width / per);
  if (n <= 1) return '';
  return text.length <= n ? text : `${text.slice(0, n - 1)}…`;
}

function explanations(a, isHousehold) {
  const wrap = el('div', { class: 'explain' });
  // A household answer carries the household rule; its members carry the rest.
  const quotes = isHousehold ? a.members.filter((m) => m !== null) : [a];
  const seen = new Set();
  const cites = [...(isHousehold ? a.citations : []), ...quotes.flatMap((q) => q.citations)].filter((c) => {
    const k = `${c.rule}|${c.clause}|${c.text ?? ''}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
  const seenA = new Set();
  const assumptions = [...(isHousehold ? a.assumptions : []), ...quotes.flatMap((q) => q.assumptions)].filter((x) =>
    seenA.has(x.text) ? false : (seenA.add(x.text), true),
  );
  const seenW = new Set();
  const warnings = [...a.warnings, ...quotes.flatMap((q) => q.warnings)].filter((x) =>
    seenW.has(x.message) ? false : (seenW.add(x.message), true),
  );
  if (warnings.length) {
    wrap.append(el('h3', { text: t('warnings') }), el('ul', { class: 'warnings' }, warnings.map((x) => el('li', { text: x.message }))));
  }
  if (cites.length) {
    wrap.append(el('details', { open: true, id: 'citations' },
      el('summary', { text: t('citations') }),
      el('ul', { class: 'cites' }, cites.map((c) => el('li', {},
        el('strong', { text: `《${c.document}》${c.clause}` }),
        c.text ? el('blockquote', { text: c.text }) : null,
      ))),
    ));
  }
  if (assumptions.length) {
    wrap.append(el('details', { id: 'assumptions' },
      el('summary', { text: `${t('assumptions')}（${assumptions.length}）` }),
      el('ul', {}, assumptions.map((x) => el('li', { text: x.text }))),
    ));
  }
  return wrap;
}

// A phone field may hold several numbers (“0453-1234567、0453-7654321”): one tel: link each.
function phoneLinks(phone) {
  const numbers = phone.split(/[、,，;；\/]|\s+(?:或|or)\s+|或/).map((x) => x.trim()).filter((x) => /\d/.test(x));
  return el('span', { class: 'phones' }, numbers.map((n) =>
    el('a', { class: 'phone', href: `tel:${n.replace(/[^0-9+]/g, '')}`, text: ` ☎ ${n}` })));
}

// A text with its web addresses as links (they wrap anywhere on a narrow screen).
function linked(text) {
  const parts = [];
  let at = 0;
  for (const m of text.matchAll(/https?:\/\/[^\s，。；、）)]+/g)) {
    parts.push(text.slice(at, m.index), el('a', { class: 'url', href: m[0], rel: 'noopener noreferrer', text: m[0] }));
    at = m.index + m[0].length;
  }
  parts.push(text.slice(at));
  return parts;
}

function whereToPay(p) {
  const wrap = el('div', { class: 'where', id: 'where' }, el('h3', { text: t('where') }));
  const kinds = ['channel', 'bank', 'service_point', 'hotline'];
  const groups = el('div', { class: 'groups' });
  for (const kind of kinds) {
    const list = (p.contacts ?? []).filter((c) => c.kind === kind);
    if (list.length === 0) continue;
    groups.append(el('section', { class: `contacts ${kind}` },
      el('h4', { text: t(`kind_${kind}`) }),
      el('ul', {}, list.map((c) => el('li', {},
        el('span', { class: 'name', text: c.name }),
        c.area ? el('span', { class: 'area', text: ` · ${c.area}` }) : null,
        c.phone ? phoneLinks(c.phone) : null,
        c.address ? el('div', { class: 'small muted' }, linked(c.address)) : null,
        c.note ? el('div', { class: 'small muted' }, linked(tx(c.note))) : null,
      ))),
    ));
  }
  wrap.append(groups);
  if (p.notes?.length) {
    wrap.append(el('h4', { text: t('notes') }), el('ul', { class: 'small' }, p.notes.map((n) => el('li', {}, linked(tx(n.text))))));
  }
  return wrap;
}

// ------------------------------------------------------------------ language

function applyWords(root = document) {
  for (const node of $$('[data-i18n]', root)) node.textContent = t(node.dataset.i18n);
}

function setLanguage(next) {
  lang = next;
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.title = t('title');
  for (const [b, l] of [['#lang-zh', 'zh'], ['#lang-en', 'en']]) {
    $(b).classList.toggle('on', lang === l);
    $(b).setAttribute('aria-pressed', String(lang === l));
  }
  applyWords();
  const chosen = $('#policy').value;
  fillPolicies();
  $('#policy').value = chosen;
  $$('.m-category').forEach(fillCategories);
  $$('.m-grade').forEach(fillGrades);
  $$('.member').forEach(fillHistory);
  fillReasons();
  describePolicy();
  $$('.member').forEach((m) => checkId(m));
  renumber();
  // The answer's texts are in the language it was asked in: ask again in the new one.
  if (state.last) compute(state.last);
  else render();
}

// ------------------------------------------------------------------ start

async function main() {
  await init();
  for (const c of categories()) state.categoryNames.set(c.id, { zh: c.name_zh, en: c.name_en });
  fillPolicies();
  selectPolicy();
  addMember();
  $('#paid-on').value = today();
  $('#version').textContent = `yibao ${version()}`;
  $('#loading').hidden = true;

  $('#policy').addEventListener('change', () => {
    selectPolicy();
    state.last = null;
    render();
  });
  for (const r of $$('input[name=mode]')) {
    r.addEventListener('change', () => {
      if (householdMode() && $$('.member').length === 1) addMember();
      renumber();
    });
  }
  $('#add-member').addEventListener('click', () => addMember());
  $('#form').addEventListener('submit', (e) => {
    e.preventDefault();
    calculate();
  });
  $('#lang-zh').addEventListener('click', () => setLanguage('zh'));
  $('#lang-en').addEventListener('click', () => setLanguage('en'));
  // A turned phone: the timeline is drawn again at the new width.
  let lastWidth = window.innerWidth;
  window.addEventListener('resize', () => {
    if (window.innerWidth !== lastWidth && state.last) render();
    lastWidth = window.innerWidth;
  });
  document.body.dataset.ready = 'true';
}

main().catch((e) => {
  const box = $('#result');
  box.hidden = false;
  box.replaceChildren(el('div', { class: 'error', role: 'alert', text: String(e && e.message ? e.message : e) }));
});
