/**
 * Consultation rounds: set-up by the administrator, opening and closing, the member's input (give, edit,
 * withdraw, read-only after close), dispositions, «Norges innspill» as CSV and DOCX, the dashboard,
 * membership and user administration.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseCsv } from '../../server/lib/csv.ts';
import { unzip, wordText, xmlText } from '../export/unzip.ts';
import { call, callAs, dumpDb, makeApp, TEST_EMAILS, withSession } from '../helpers.ts';
import { addDays, type RoundFixture, roundFixture } from './round-fixture.ts';

const Setup = suite<Awaited<ReturnType<typeof makeApp>>>('rounds: set-up');

Setup.before(async (ctx) => {
  Object.assign(ctx, await makeApp());
});

Setup(
  'a draft round with a scope picked one by one and by a filter; audit names the administrator',
  async ({ app, db }) => {
    const admin = callAs(app, 'admin');
    const res = await admin('POST', '/api/rounds', {
      reference_group_id: 1,
      title: 'Xt-EHR: Laboratory results',
      opens_on: '2026-01-05',
      closes_on: '2026-02-05',
      requirement_refs: ['A2-05'],
      requirement_filter: { area: ['A1'], q: 'innsyn' },
    });
    assert.is(res.status, 201, res.text);
    assert.is(res.body.status, 'draft');
    assert.is(res.body.reference_group, 'Pasientoppsummering');
    assert.ok(res.body.requirement_refs.includes('A2-05'));
    assert.ok(
      res.body.requirement_refs.some((r: string) => r.startsWith('A1-')),
      'the filter added A1 requirements',
    );
    assert.is(res.body.scope_count, res.body.requirement_refs.length);
    assert.is(res.body.accepting_input, false);
    assert.is(res.body.days_left, null);
    const audit = await db.selectFrom('audit_log').selectAll().where('entity', '=', 'round').execute();
    assert.is(audit.at(-1)?.actor, TEST_EMAILS.admin);

    const bad = [
      [{ reference_group_id: 999, title: 'x', opens_on: '2026-01-01', closes_on: '2026-01-02' }, /reference group/],
      [{ reference_group_id: 1, title: 'x', opens_on: '2026-02-01', closes_on: '2026-01-02' }, /close before/],
      [
        {
          reference_group_id: 1,
          title: 'x',
          opens_on: '2026-01-01',
          closes_on: '2026-01-02',
          requirement_refs: ['A9-99'],
        },
        /Unknown requirement/,
      ],
      [{ reference_group_id: 1, title: 'x', opens_on: '2026-01-01', closes_on: '2026-13-02' }, /date/],
      [
        {
          reference_group_id: 1,
          title: 'x',
          opens_on: '2026-01-01',
          closes_on: '2026-01-02',
          requirement_filter: { colour: 'blå' },
        },
        /Unrecognized/,
      ],
    ] as const;
    for (const [body, message] of bad) {
      const r = await admin('POST', '/api/rounds', body);
      assert.is(r.status, 400, JSON.stringify(body));
      assert.match(r.body.error.message, message);
    }
  },
);

Setup(
  'open needs a scope and a closing date not passed; close only an open round; delete only a draft',
  async ({ app }) => {
    const admin = callAs(app, 'admin');
    const analyst = callAs(app, 'analyst');
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo' }).format(new Date());
    const empty = (
      await admin('POST', '/api/rounds', { reference_group_id: 1, title: 'Tom', opens_on: today, closes_on: today })
    ).body;
    assert.is((await analyst('POST', `/api/rounds/${empty.id}/open`)).status, 409, 'no scope');
    const past = (
      await admin('POST', '/api/rounds', {
        reference_group_id: 1,
        title: 'Utløpt',
        opens_on: addDays(today, -10),
        closes_on: addDays(today, -1),
        requirement_refs: ['A2-05'],
      })
    ).body;
    assert.is((await analyst('POST', `/api/rounds/${past.id}/open`)).status, 409, 'closing date passed');
    const later = await admin('PATCH', `/api/rounds/${past.id}`, {
      version: past.version,
      closes_on: addDays(today, 3),
    });
    assert.is(later.status, 200);
    const opened = await analyst('POST', `/api/rounds/${past.id}/open`);
    assert.is(opened.status, 200);
    assert.is(opened.body.status, 'open');
    assert.is(opened.body.days_left, 3);
    assert.is(opened.body.accepting_input, true);
    assert.is((await analyst('POST', `/api/rounds/${past.id}/open`)).status, 409, 'open already');
    assert.is((await admin('DELETE', `/api/rounds/${past.id}`)).status, 409, 'only a draft is deleted');
    assert.is(
      (await admin('PATCH', `/api/rounds/${past.id}`, { version: opened.body.version, reference_group_id: 2 })).status,
      409,
    );
    assert.is(
      (await admin('PATCH', `/api/rounds/${past.id}`, { version: 1, title: 'Gammel versjon' })).status,
      409,
      'stale',
    );
    const closed = await analyst('POST', `/api/rounds/${past.id}/close`);
    assert.is(closed.body.status, 'closed');
    assert.is(closed.body.accepting_input, false);
    assert.is((await analyst('POST', `/api/rounds/${past.id}/close`)).status, 409);
    assert.is(
      (await admin('PATCH', `/api/rounds/${past.id}`, { version: closed.body.version, requirement_refs: ['A2-02'] }))
        .status,
      409,
      'the scope of a closed round is fixed',
    );
    assert.is((await admin('DELETE', `/api/rounds/${empty.id}`)).status, 204);
    assert.is((await admin('GET', `/api/rounds/${empty.id}`)).status, 404);
  },
);

Setup('membership: only reference members join, once; removing keeps their input', async ({ app, users }) => {
  const admin = callAs(app, 'admin');
  assert.is((await admin('POST', '/api/reference-groups/1/members', { user_id: users.analyst.id })).status, 400);
  const added = await admin('POST', '/api/reference-groups/1/members', { user_id: users.reference_member.id });
  assert.is(added.status, 201);
  assert.equal(
    added.body.items.map((m: { email: string }) => m.email),
    [TEST_EMAILS.reference_member],
  );
  assert.is(
    (await admin('POST', '/api/reference-groups/1/members', { user_id: users.reference_member.id })).status,
    409,
  );
  const me = await call(app, 'GET', '/api/auth/me', undefined, { as: 'reference_member' });
  assert.equal(me.body.reference_groups, [{ id: 1, name: 'Pasientoppsummering' }]);
  assert.is((await admin('DELETE', `/api/reference-groups/1/members/${users.reference_member.id}`)).status, 204);
  assert.is((await admin('DELETE', `/api/reference-groups/1/members/${users.reference_member.id}`)).status, 404);
  assert.is(
    (await admin('POST', '/api/reference-groups/99/members', { user_id: users.reference_member.id })).status,
    404,
  );
});

Setup('users: the last active administrator stays one; a stale version is 409', async ({ app, users }) => {
  const admin = callAs(app, 'admin');
  const me = (await admin('GET', `/api/users/${users.admin.id}`)).body;
  assert.is(
    (await admin('PATCH', `/api/users/${users.admin.id}`, { version: me.version, role: 'analyst' })).status,
    409,
  );
  assert.is((await admin('PATCH', `/api/users/${users.admin.id}`, { version: me.version, active: false })).status, 409);
  const viewer = (await admin('GET', `/api/users/${users.viewer.id}`)).body;
  const promoted = await admin('PATCH', `/api/users/${users.viewer.id}`, { version: viewer.version, role: 'admin' });
  assert.is(promoted.status, 200);
  assert.is(
    (await admin('PATCH', `/api/users/${users.viewer.id}`, { version: viewer.version, name: 'x' })).status,
    409,
  );
  assert.is(
    (await admin('PATCH', `/api/users/${users.admin.id}`, { version: me.version, role: 'analyst' })).status,
    200,
    'with another administrator, the first may step down',
  );
  const list = await call(app, 'GET', '/api/users?role=admin', undefined, { token: users.viewer.token });
  assert.is(list.status, 401, 'the promoted user’s old session ended with the role change');
});

Setup.run();

// ---------------------------------------------------------------------------------------------

const Member = suite<RoundFixture>('rounds: the member gives input');

Member.before(async (ctx) => {
  Object.assign(ctx, await roundFixture());
});

Member(
  'a member sees only their groups’ open and closed rounds, with the scope and the published assessment',
  async (ctx) => {
    const member = callAs(ctx.app, 'reference_member');
    const rounds = await member('GET', '/api/rounds');
    assert.equal(
      rounds.body.items.map((r: { id: number }) => r.id).sort(),
      [ctx.rounds.open, ctx.rounds.closed].sort(),
    );
    const scope = await member('GET', `/api/rounds/${ctx.rounds.open}/requirements`);
    assert.is(scope.status, 200);
    assert.equal(
      scope.body.items.map((r: { ref: string }) => r.ref),
      ['A2-02', 'A2-05'],
    );
    assert.equal(scope.body.assessment_source, { kind: 'version', name: 'V0.5', date: ctx.today });
    const a205 = scope.body.items.find((r: { ref: string }) => r.ref === 'A2-05');
    assert.ok(a205.articles.length > 0);
    assert.type(a205.assessment.situation, 'string');
    assert.is(a205.input_count, 2);
  },
);

Member(
  'give input on a requirement and on the round as a whole; author and organisation come from the account',
  async (ctx) => {
    const member = callAs(ctx.app, 'reference_member');
    const res = await member('POST', '/api/inputs', {
      text: 'Vi savner allergier i pasientoppsummeringen',
      type: 'proposed_change',
      round_id: ctx.rounds.open,
      requirement_refs: ['A2-02'],
    });
    assert.is(res.status, 201, res.text);
    assert.is(res.body.author, 'Mona Medlem');
    assert.is(res.body.user_id, ctx.people.member.id);
    assert.is(res.body.round_id, ctx.rounds.open);
    assert.is(res.body.area_code, 'A2');
    assert.match(res.body.source, /Høringsrunde «Xt-EHR: utkast Patient Summary» \(Pasientoppsummering\)/);
    const whole = await member('POST', '/api/inputs', {
      text: 'Generelt: bra utkast',
      type: 'comment',
      round_id: ctx.rounds.open,
    });
    assert.is(whole.status, 201);
    assert.equal(whole.body.requirement_refs, []);
    const audit = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'input')
      .where('entity_id', '=', res.body.id)
      .execute();
    assert.is(audit[0]?.actor, TEST_EMAILS.reference_member);

    for (const body of [
      { text: 'uten runde', type: 'comment' },
      { text: 'x', type: 'comment', round_id: ctx.rounds.open, organisation_id: 1 },
      { text: 'x', type: 'comment', round_id: ctx.rounds.open, source: 'Påstått kilde' },
      { text: 'x', type: 'comment', round_id: ctx.rounds.open, question_refs: ['PS-01'] },
    ]) {
      assert.is((await member('POST', '/api/inputs', body)).status, 400, JSON.stringify(body));
    }
    assert.is(
      (await member('POST', '/api/inputs', { text: 'x', type: 'comment', round_id: ctx.rounds.draft })).status,
      403,
    );
    assert.is((await member('POST', '/api/inputs', { text: 'x', type: 'comment', round_id: 9999 })).status, 403);
  },
);

Member('edit and withdraw one’s own input while the round is open; a stale version is 409', async (ctx) => {
  const member = callAs(ctx.app, 'reference_member');
  const mine = (await member('GET', `/api/inputs/${ctx.inputs.member}`)).body;
  const edited = await member('PATCH', `/api/inputs/${ctx.inputs.member}`, {
    version: mine.version,
    text: 'Pasientoppsummeringen må ha legemidler og allergier',
    type: 'objection',
  });
  assert.is(edited.status, 200, edited.text);
  assert.is(edited.body.type, 'objection');
  assert.is(edited.body.version, mine.version + 1);
  assert.is(
    (await member('PATCH', `/api/inputs/${ctx.inputs.member}`, { version: mine.version, text: 'gammel' })).status,
    409,
  );
  const moved = await member('PATCH', `/api/inputs/${ctx.inputs.member}`, {
    version: edited.body.version,
    requirement_refs: ['A2-06'],
  });
  assert.is(moved.status, 400, 'not in the round’s scope');
  const extra = await member('POST', '/api/inputs', { text: 'Trekkes', type: 'question', round_id: ctx.rounds.open });
  assert.is((await member('DELETE', `/api/inputs/${extra.body.id}`)).status, 204);
  assert.is((await member('GET', `/api/inputs/${extra.body.id}`)).status, 404);
  const log = await ctx.db
    .selectFrom('audit_log')
    .selectAll()
    .where('entity', '=', 'input')
    .where('entity_id', '=', extra.body.id)
    .execute();
  assert.equal(
    log.map((e) => e.action),
    ['create', 'delete'],
  );
  assert.match(log[1]!.changes, /Trekkes/, 'the audit log keeps what was withdrawn');
  const analyst = callAs(ctx.app, 'analyst');
  assert.is(
    (
      await analyst('PATCH', `/api/inputs/${ctx.inputs.member}`, {
        version: edited.body.version,
        text: 'Analytikerens ord',
      })
    ).status,
    403,
  );
});

Member('after close the round is read-only for its members; what they gave stays readable', async (ctx) => {
  const member = callAs(ctx.app, 'reference_member');
  const closed = await member('GET', `/api/rounds/${ctx.rounds.closed}/inputs`);
  assert.is(closed.status, 200);
  assert.equal(
    closed.body.items.map((i: { id: number }) => i.id),
    [ctx.inputs.closed],
  );
  const before = await dumpDb(ctx.sqlite);
  assert.is(
    (await member('PATCH', `/api/inputs/${ctx.inputs.closed}`, { version: 1, text: 'Endret etter frist' })).status,
    409,
  );
  assert.is((await member('DELETE', `/api/inputs/${ctx.inputs.closed}`)).status, 409);
  assert.is(
    (await member('POST', '/api/inputs', { text: 'Etter frist', type: 'comment', round_id: ctx.rounds.closed })).status,
    409,
  );
  assert.is(await dumpDb(ctx.sqlite), before, 'nothing changed');
});

Member('the analyst sets dispositions and exports «Norges innspill» as CSV and DOCX', async (ctx) => {
  const analyst = callAs(ctx.app, 'analyst');
  const all = await analyst('GET', `/api/rounds/${ctx.rounds.open}/inputs`);
  assert.ok(all.body.items.length >= 4);
  const colleague = all.body.items.find((i: { id: number }) => i.id === ctx.inputs.colleague);
  const disposed = await analyst('PUT', `/api/inputs/${ctx.inputs.colleague}/disposition`, {
    version: colleague.version,
    disposition: 'partially_accepted',
    reason: 'Tas med i Norges svar på punkt 3',
  });
  assert.is(disposed.status, 200);
  // A formula in a member's words must not run in a spreadsheet.
  await call(
    ctx.app,
    'POST',
    '/api/inputs',
    { text: '=HYPERLINK("http://x")', type: 'comment', round_id: ctx.rounds.open },
    { token: ctx.people.colleague.token },
  );

  const asAnalyst = withSession(undefined, ctx.users.analyst.token);
  const csv = await ctx.app.request(`/api/rounds/${ctx.rounds.open}/innspill.csv`, asAnalyst);
  assert.is(csv.status, 200);
  assert.match(csv.headers.get('content-type') ?? '', /text\/csv/);
  assert.match(csv.headers.get('content-disposition') ?? '', /attachment; filename="Norges-innspill-/);
  const text = await csv.text();
  const { header, rows } = parseCsv(text.replace(/^\uFEFF/, ''));
  assert.equal(header, [
    'Krav',
    'Kravtittel',
    'Innspill',
    'Type',
    'Organisasjon',
    'Innsender',
    'Registrert',
    'Disposisjon',
    'Begrunnelse',
  ]);
  const row = rows.find((r) => r.cells[2] === 'Kollegaens innspill om EEHRxF');
  assert.ok(row);
  assert.is(row.cells[0], 'A2-02');
  assert.is(row.cells[3], 'Kommentar');
  assert.is(row.cells[5], 'Kari Kollega');
  assert.is(row.cells[7], 'Delvis tatt til følge');
  assert.is(row.cells[8], 'Tas med i Norges svar på punkt 3');
  assert.ok(
    rows.some((r) => r.cells[2] === `'=HYPERLINK("http://x")`),
    'formula-safe',
  );
  assert.ok(rows.some((r) => r.cells[1] === 'Runden som helhet'));
  assert.not.ok(text.includes('E-resept-gruppens innspill'), 'no other round’s input');

  const docx = await ctx.app.request(`/api/rounds/${ctx.rounds.open}/innspill.docx`, asAnalyst);
  assert.is(docx.status, 200);
  const doc = wordText(xmlText(unzip(new Uint8Array(await docx.arrayBuffer())), 'word/document.xml'));
  for (const expected of [
    'Norges innspill',
    'Xt-EHR: utkast Patient Summary',
    'Pasientoppsummering',
    'A2-02',
    'Kollegaens innspill om EEHRxF',
    'Delvis tatt til følge',
    'Tas med i Norges svar på punkt 3',
    'Runden som helhet',
  ]) {
    assert.ok(doc.includes(expected), `the document says «${expected}»`);
  }
});

Member('the dashboard lists open rounds with days left and the share of the scope that has input', async (ctx) => {
  const d = await call(ctx.app, 'GET', '/api/dashboard', undefined, { as: 'viewer' });
  assert.is(d.status, 200);
  const open = d.body.open_rounds.find((r: { id: number }) => r.id === ctx.rounds.open);
  assert.ok(open);
  assert.is(open.days_left, 14);
  assert.is(open.scope_count, 2);
  assert.is(open.requirements_with_input, 2);
  assert.is(open.input_share, 1);
  assert.not.ok(
    d.body.open_rounds.some((r: { id: number }) => r.id === ctx.rounds.closed || r.id === ctx.rounds.draft),
  );
});

Member.run();
