/**
 * A seeded app with consultation rounds in every state, members in two groups and their input, built
 * through the API as the administrator and the members would. Shared by the access matrix and the
 * round tests.
 */
import * as assert from 'uvu/assert';
import { todayOslo } from '../../server/queries/rounds.ts';
import { addUser, call, makeApp, type TestApp, type TestUser } from '../helpers.ts';

export const addDays = (iso: string, days: number) => {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

async function ok(res: Promise<{ status: number; body: unknown; text: string }>, status: number) {
  const r = await res;
  assert.is(r.status, status, r.text.slice(0, 300));
  // biome-ignore lint/suspicious/noExplicitAny: fixture bodies are read freely
  return r.body as any;
}

export async function roundFixture() {
  const fx = await makeApp({ as: null });
  const { app, db, users } = fx;
  const today = todayOslo();
  const groups = await db.selectFrom('reference_group').select(['id', 'name']).execute();
  const groupId = (name: string) => groups.find((g) => g.name === name)!.id;
  const pasient = groupId('Pasientoppsummering');
  const eresept = groupId('E-resept og utlevering');

  const colleague = await addUser(db, 'reference_member', 'kollega@test.example', 'Kari Kollega');
  const outsider = await addUser(db, 'reference_member', 'utenfor@test.example', 'Ola Utenfor');
  const join = (group: number, user: TestUser) =>
    ok(call(app, 'POST', `/api/reference-groups/${group}/members`, { user_id: user.id }, { as: 'admin' }), 201);
  await join(pasient, users.reference_member);
  await join(pasient, colleague);
  await join(eresept, outsider);

  const createRound = (group: number, title: string, refs: string[]) =>
    ok(
      call(
        app,
        'POST',
        '/api/rounds',
        {
          reference_group_id: group,
          title,
          description: 'Kommentarer til utkastet',
          opens_on: today,
          closes_on: addDays(today, 14),
          requirement_refs: refs,
        },
        { as: 'admin' },
      ),
      201,
    );
  const open = async (id: number) => ok(call(app, 'POST', `/api/rounds/${id}/open`, undefined, { as: 'analyst' }), 200);

  const openRound = await createRound(pasient, 'Xt-EHR: utkast Patient Summary', ['A2-05', 'A2-02']);
  await open(openRound.id);
  const closedRound = await createRound(pasient, 'Xt-EHR: forrige utkast', ['A2-05']);
  await open(closedRound.id);
  const draftRound = await createRound(pasient, 'Xt-EHR: neste utkast', ['A2-01']);
  const otherRound = await createRound(eresept, 'Xt-EHR: utkast ePrescription', ['A2-04']);
  await open(otherRound.id);

  const give = (token: TestUser, round: number, text: string, refs: string[]) =>
    ok(
      call(
        app,
        'POST',
        '/api/inputs',
        { text, type: 'comment', round_id: round, requirement_refs: refs },
        {
          token: token.token,
        },
      ),
      201,
    );
  const closedInput = await give(users.reference_member, closedRound.id, 'Innspill før lukking', ['A2-05']);
  await ok(call(app, 'POST', `/api/rounds/${closedRound.id}/close`, undefined, { as: 'analyst' }), 200);
  const memberInput = await give(users.reference_member, openRound.id, 'Pasientoppsummeringen må ha legemidler', [
    'A2-05',
  ]);
  const colleagueInput = await give(colleague, openRound.id, 'Kollegaens innspill om EEHRxF', ['A2-02']);
  const outsiderInput = await give(outsider, otherRound.id, 'E-resept-gruppens innspill', ['A2-04']);
  // Staff register input too (from a meeting, an e-mail): each is its author's.
  const analystInput = await give(users.analyst, openRound.id, 'Registrert av analytikeren', ['A2-05']);
  const adminInput = await give(users.admin, openRound.id, 'Registrert av administratoren', []);
  const version = await ok(call(app, 'POST', '/api/versions', { name: 'V0.5', note: 'Til høring' }), 201);

  return {
    ...fx,
    app: app as TestApp,
    today,
    groups: { pasient, eresept },
    people: { member: users.reference_member, colleague, outsider },
    rounds: { open: openRound.id, closed: closedRound.id, draft: draftRound.id, other: otherRound.id },
    inputs: {
      member: memberInput.id as number,
      colleague: colleagueInput.id as number,
      outsider: outsiderInput.id as number,
      closed: closedInput.id as number,
      analyst: analystInput.id as number,
      admin: adminInput.id as number,
    },
    version: version.name as string,
  };
}

export type RoundFixture = Awaited<ReturnType<typeof roundFixture>>;
