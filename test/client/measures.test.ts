import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { coverageGroups, parseDate, parseLeaf } from '../../client/pages/measure-values.ts';
import {
  parseMeasureFilters,
  toMeasureApiQuery,
  toMeasureUrlQuery,
  withMeasureFilter,
} from '../../client/pages/measures-filters.ts';

const Typed = suite('measures views: answers and dates as typed');

Typed('an answer is a whole number 0–10, empty is missing, anything else is invalid', () => {
  assert.is(parseLeaf(''), null);
  assert.is(parseLeaf('  '), null);
  assert.is(parseLeaf('0'), 0);
  assert.is(parseLeaf(' 10 '), 10);
  for (const bad of ['11', '-1', '5.5', '5,5', 'x', '100']) assert.is(parseLeaf(bad), undefined, bad);
});

Typed('a date is dd.mm.yyyy or yyyy-mm-dd and a real calendar day', () => {
  assert.is(parseDate(''), null);
  assert.is(parseDate('26.03.2029'), '2029-03-26');
  assert.is(parseDate('1.2.2028'), '2028-02-01');
  assert.is(parseDate('2029-03-26'), '2029-03-26');
  assert.is(parseDate('29.02.2028'), '2028-02-29');
  for (const bad of ['29.02.2029', '31.04.2029', '2029-13-01', '26/03/2029', '26.03.29', 'i morgen'])
    assert.is(parseDate(bad), undefined, bad);
});

Typed.run();

const Filters = suite('measures list: reading and writing the address');

Filters('reads the known filters, drops malformed ones', () => {
  assert.equal(
    parseMeasureFilters('?status=planned&requirement=A2-05&solution=4&scoring=unscored&q=%20kritisk%20info%20'),
    {
      status: 'planned',
      requirement: 'A2-05',
      solution: '4',
      scoring: 'unscored',
      q: 'kritisk info',
    },
  );
  assert.equal(parseMeasureFilters('?status=ferdig&requirement=X1&solution=0&scoring=all&q='), {});
});

Filters('the API query ranks best first; a filter is set, replaced and removed', () => {
  const f = withMeasureFilter({}, 'requirement', 'A2-05');
  assert.equal(toMeasureUrlQuery(f), { requirement: 'A2-05' });
  assert.equal(toMeasureApiQuery(f), { requirement: 'A2-05', sort: 'rank' });
  assert.equal(withMeasureFilter(f, 'requirement', 'A2-06'), { requirement: 'A2-06' });
  assert.equal(withMeasureFilter(f, 'requirement', undefined), {});
  assert.equal(withMeasureFilter(f, 'scoring', 'bogus'), f);
});

Filters.run();

const Coverage = suite('coverage view: requirements not covered, grouped by deadline');

const req = (
  ref: string,
  deadline: string | null,
  coverage: string,
  reason: 'no_measure' | 'late_measures' | null,
) => ({
  ref,
  title: ref,
  area_code: ref.slice(0, 2),
  deadline,
  coverage,
  at_risk: reason !== null,
  at_risk_reason: reason,
});

Coverage('settled requirements are left out; groups by deadline, none last; measures by planned end', () => {
  const requirements = [
    req('A2-05', '2029-03-26', 'not_assessed', null),
    req('A2-06', '2031-03-26', 'not_covered', 'no_measure'),
    req('A2-08', '2031-03-26', 'covered', null),
    req('A5-01', null, 'partially_covered', 'no_measure'),
    req('A1-01', '2029-03-26', 'not_assessed', 'late_measures'),
  ];
  const measures = [
    { id: 1, title: 'Sen', status: 'planned', planned_end: null, requirements: [{ ref: 'A2-05', in_time: false }] },
    {
      id: 2,
      title: 'Tidlig',
      status: 'planned',
      planned_end: '2028-12-15',
      requirements: [{ ref: 'A2-05', in_time: true }],
    },
    {
      id: 3,
      title: 'Dokumentdeling',
      status: 'proposed',
      planned_end: null,
      requirements: [{ ref: 'A1-01', in_time: false }],
    },
  ];
  const { groups, figures } = coverageGroups(requirements, measures, { atRiskOnly: false });
  assert.equal(
    groups.map((g) => [g.deadline, g.rows.map((r) => r.requirement.ref)]),
    [
      ['2029-03-26', ['A2-05', 'A1-01']],
      ['2031-03-26', ['A2-06']],
      [null, ['A5-01']],
    ],
  );
  assert.equal(
    groups[0]!.rows[0]!.measures.map((m) => m.title),
    ['Tidlig', 'Sen'],
  );
  assert.equal(figures, { open: 4, no_measure: 2, late_measures: 1, in_time: 1 });

  const risky = coverageGroups(requirements, measures, { area: 'A2', atRiskOnly: true });
  assert.equal(
    risky.groups.flatMap((g) => g.rows.map((r) => r.requirement.ref)),
    ['A2-06'],
  );
  assert.equal(risky.figures, { open: 2, no_measure: 1, late_measures: 0, in_time: 1 });
});

Coverage.run();
