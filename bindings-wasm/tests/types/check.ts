// Compiled (never run) by tests/types.test.mjs with `tsc --noEmit --strict`: the package's
// types accept real requests, describe real answers, and refuse mistakes.
import init, {
  Engine,
  YibaoError,
  household,
  id,
  policies,
  policy,
  quote,
  refund,
  window,
  categories,
  loadPolicy,
  type Household,
  type IdInfo,
  type Policy,
  type PolicySummary,
  type Quote,
  type Refund,
  type WindowStatus,
  type ErrorCode,
  type WarningCode,
  type Warning,
  type Lang,
  type Options,
  type Text,
  type Grant,
  type Contact,
} from '../../pkg/yibao.js';

// A page's own words for every warning code: the union makes the table complete.
const styled: Partial<Record<WarningCode, string>> = { no_cover: 'bad', pays_fiscal_share: 'note' };
const errorWords: Record<ErrorCode, string> = {
  invalid_json: '', invalid_request: '', unknown_policy: '', unknown_category: '', invalid_date: '',
  no_window: '', not_payment_day: '', invalid_id: '', birth_after_payment: '', policy_syntax: '',
  policy_invalid: '', household_incomplete: '', unknown_operation: '', ambiguous_category: '', invalid_grade: '',
};

export async function demo(): Promise<string[]> {
  await init();
  const q: Quote = quote({
    policy: '140400-2024',
    paid_on: '2023-10-10',
    person: { birth_date: '1980-05-01', categories: ['minimum_living'] },
  });
  const due: string = q.personal_due;
  const start: string | null = q.benefit_start;
  const funder: string | undefined = q.aid[0]?.source_name;
  const h: Household = household({ policy: '211382-2022', paid_on: '2022-02-15', members: [{ birth_date: '1980-05-01' }, { enrolling: false, insured_elsewhere: true }] });
  const firstDue: string | undefined = h.members[0]?.personal_due;
  const r: Refund = refund({ policy: '140400-2024', person: {}, payment: { paid_on: '2023-10-10', amount: 380 }, reason: 'duplicate', event_on: '2023-10-10' });
  const w: WindowStatus = window({ policy: '140400-2024', date: '2023-10-26' });
  const next: string | null = w.next_payment_day;
  const info: IdInfo = id('11010519491231002X');
  const sex: 'male' | 'female' | null = info.sex;
  const list: PolicySummary[] = policies();
  const p: Policy = policy(list[0]?.id ?? '140400-2024');
  const grants: Grant[] = (p.aid ?? []).map((a) => a.grant);
  const fixed = grants.map((g) => (typeof g === 'object' && 'fixed' in g ? g.fixed : null));
  const hotlines: Contact[] = (p.contacts ?? []).filter((c) => c.kind === 'hotline');
  const names: string[] = categories().map((c) => c.name_zh);
  const e = Engine.empty();
  const loaded: string = e.loadPolicy('id = "x"', 'x.toml');
  const viaModule: string = loadPolicy('id = "x"');
  try {
    quote({ policy: 'x', paid_on: '2023-10-10', person: {} });
  } catch (err) {
    if (err instanceof YibaoError) {
      const code: ErrorCode = err.code;
      names.push(code);
    }
  }

  // A policy's own category id is a string the types accept (曾都区 fixture).
  quote({ policy: '421303-2023', paid_on: '2022-10-10', person: { categories: ['disabled_unable_to_work'] } });
  // @ts-expect-error: a category is an id, not a number
  quote({ policy: 'x', paid_on: '2023-10-10', person: { categories: [4] } });
  // @ts-expect-error: a misspelt field
  quote({ policy: 'x', paid_on: '2023-10-10', person: {}, paidOn: '2023-10-10' });
  // @ts-expect-error: paid_on is required
  quote({ policy: 'x', person: {} });
  // @ts-expect-error: money in answers is a string, not a number
  const n: number = q.personal_due;
  // @ts-expect-error: an unknown refund reason
  refund({ policy: 'x', person: {}, payment: { paid_on: '2023-10-10', amount: '1' }, reason: 'moved', event_on: '2023-10-10' });

  // Languages: an option on every operation, the request's own `lang`, texts of the policy.
  const en: Options = { lang: 'en' };
  const lang: Lang = 'zh';
  const qe: Quote = quote({ policy: '140400-2024', paid_on: '2024-01-10', person: {} }, en);
  quote({ policy: '140400-2024', paid_on: '2024-01-10', person: {}, lang });
  household({ policy: '211382-2022', paid_on: '2022-02-15', members: [] }, en);
  refund({ policy: 'x', person: {}, payment: { paid_on: '2023-10-10', amount: 1 }, reason: 'death', event_on: '2023-10-10' }, { lang: 'zh' });
  window({ policy: '140400-2024', date: '2023-10-26' }, en);
  id('11010519491231002X', en);
  policies(en);
  policy('140400-2024', en);
  e.loadPolicy('id = "x"', en);
  e.loadPolicy('id = "x"', 'x.toml', en);
  loadPolicy('id = "x"', 'x.toml', en);
  e.handle('quote', '{}', en);
  const firstWarning: Warning | undefined = qe.warnings[0];
  const wc: WarningCode | undefined = firstWarning?.code;
  const style: string | undefined = wc ? styled[wc] : undefined;
  const newborn: string | null = qe.newborn_name;
  const tierName: Text | undefined = p.tiers[0]?.name;
  const shown: string = tierName ? tierName.en ?? tierName.zh : '';
  const funderName: Text | undefined = p.source_names?.medical_assistance;
  const assume: string | undefined = p.tiers[0]?.assume?.zh;
  const gradeName: string | undefined = p.grades?.[0]?.name.zh;
  const bornName: string | undefined = p.newborns?.[0]?.name.zh;
  // @ts-expect-error: a language the library has not
  quote({ policy: 'x', paid_on: '2023-10-10', person: {} }, { lang: 'fr' });
  // @ts-expect-error: not a warning code
  const badWarning: WarningCode = 'no_such_warning';
  // @ts-expect-error: not an error code
  const badError: ErrorCode = 'no_such_error';
  // @ts-expect-error: a policy text is an object with both languages, not a string
  const tierString: string | undefined = p.tiers[0]?.name;

  return [due, start ?? '', funder ?? '', firstDue ?? '', r.amount, next ?? '', String(sex), String(fixed), String(hotlines.length), loaded, viaModule, String(n),
    style ?? '', newborn ?? '', shown, funderName?.zh ?? '', assume ?? '', gradeName ?? '', bornName ?? '', errorWords.invalid_json, badWarning, badError, tierString ?? ''];
}
