import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  emptyState,
  hasFilters,
  pageCount,
  parseListState,
  rowRange,
  toApiQuery,
  toExportQuery,
  toUrlQuery,
  withFilter,
  withoutValue,
  withSort,
} from '../../client/pages/requirements-filters.ts';

const Parse = suite('requirements list: reading the address');

Parse('reads every filter, the sort and the page', () => {
  const s = parseListState(
    '?area=A2,A1&coverage=not_covered&coverage=covered&work_status=todo&q=reservasjon%20rett&deadline=2029-03-26&article=14&reference_group=2&category=a&national_choice=true&sort=deadline&order=desc&page=3',
  );
  assert.equal(s.multi, { area: ['A1', 'A2'], coverage: ['covered', 'not_covered'], work_status: ['todo'] });
  assert.equal(s.single, {
    q: 'reservasjon rett',
    deadline: '2029-03-26',
    article: '14',
    reference_group: '2',
    category: 'a',
    national_choice: 'true',
  });
  assert.is(s.sort, 'deadline');
  assert.is(s.order, 'desc');
  assert.is(s.page, 3);
});

Parse('drops unknown and malformed values instead of failing', () => {
  const s = parseListState(
    '?area=A9,A3&coverage=bad&deadline=2029&article=x;y&reference_group=-1&category=z&national_choice=yes&sort=evil&order=up&page=0',
  );
  assert.equal(s, { ...emptyState(), multi: { area: ['A3'], coverage: [], work_status: [] } });
});

Parse('an annex is an article filter', () => {
  assert.is(parseListState('?article=Annex%20II').single.article, 'Annex II');
});

Parse('the search keeps its commas and loses its outer spaces', () => {
  assert.is(parseListState('?q=%20a,b%20').single.q, 'a,b');
  assert.is(parseListState('?q=%20%20').single.q, undefined);
});

Parse.run();

const Write = suite('requirements list: writing the state');

Write('the address holds only what differs from the defaults', () => {
  assert.equal(toUrlQuery(emptyState()), {});
  const s = withSort(withFilter(emptyState(), 'area', ['A2']), 'deadline');
  assert.equal(toUrlQuery(s), { area: 'A2', sort: 'deadline' });
  assert.equal(toUrlQuery({ ...s, page: 2, order: 'desc' }), {
    area: 'A2',
    sort: 'deadline',
    order: 'desc',
    page: '2',
  });
});

Write('the API query pages and sorts; the export query has the same filters and no paging', () => {
  const s = { ...withFilter(withFilter(emptyState(), 'coverage', ['not_covered', 'covered']), 'q', 'æøå'), page: 3 };
  assert.equal(toApiQuery(s), {
    coverage: 'covered,not_covered',
    q: 'æøå',
    sort: 'ref',
    order: 'asc',
    limit: '100',
    offset: '200',
  });
  assert.equal(toExportQuery(s), { coverage: 'covered,not_covered', q: 'æøå' });
});

Write('a filter change goes back to page 1; removing a chip removes one value', () => {
  const s = { ...withFilter(emptyState(), 'area', ['A1', 'A2']), page: 4 };
  assert.is(withFilter(s, 'national_choice', 'false').page, 1);
  assert.equal(withoutValue(s, 'area', 'A1').multi.area, ['A2']);
  const q = withFilter(s, 'q', 'x');
  assert.is(withoutValue(q, 'q', 'x').single.q, undefined);
  assert.is(withFilter(q, 'q', '  ').single.q, undefined);
  assert.ok(hasFilters(s));
  assert.not.ok(hasFilters(emptyState()));
});

Write('a header click sorts ascending, the same header again flips the order', () => {
  const a = withSort(emptyState(), 'deadline');
  assert.equal([a.sort, a.order], ['deadline', 'asc']);
  const b = withSort(a, 'deadline');
  assert.equal([b.sort, b.order], ['deadline', 'desc']);
  const c = withSort(b, 'title');
  assert.equal([c.sort, c.order], ['title', 'asc']);
});

Write('deadline risk is a filter of the address, the API and the export', () => {
  const s = parseListState('?at_risk=true&deadline=2029-03-26');
  assert.equal(s.single, { deadline: '2029-03-26', at_risk: 'true' });
  assert.equal(toUrlQuery(s), { deadline: '2029-03-26', at_risk: 'true' });
  assert.is(toApiQuery(s).at_risk, 'true');
  assert.is(toExportQuery(s).at_risk, 'true');
  assert.is(parseListState('?at_risk=maybe').single.at_risk, undefined);
});

Write('pages and row ranges', () => {
  assert.is(pageCount(0), 1);
  assert.is(pageCount(100), 1);
  assert.is(pageCount(6001), 61);
  assert.equal(rowRange(1, 0), { from: 0, to: 0 });
  assert.equal(rowRange(1, 38), { from: 1, to: 38 });
  assert.equal(rowRange(2, 238), { from: 101, to: 200 });
  assert.equal(rowRange(3, 238), { from: 201, to: 238 });
});

Write.run();
