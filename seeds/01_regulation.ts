/**
 * The regulation itself: the five areas, the 105 articles and four annexes of Regulation (EU) 2025/327,
 * the priority categories of Art. 14(1), the dates of Art. 105 and the Commission's implementing acts.
 */
import type { Db } from '../schema/db.ts';
import type { AreaCode, Category } from '../schema/types.ts';
import { EHDS_ACT } from '../server/queries/provisions.ts';
import { readCsv } from './load.ts';

const SLIDES = 'NUIT 13.02.2025, sak 7/25';
const REGULATION = 'Forordning (EU) 2025/327';

export const AREAS = [
  {
    code: 'A1',
    name_nb: 'Rettigheter for innbygger',
    name_en: 'Citizen rights',
    short_nb: 'Innbyggerrettigheter',
    short_en: 'Citizen rights',
    articles_label: 'Art. 3–10',
  },
  {
    code: 'A2',
    name_nb: 'Utveksling av helsedata til primærbruk',
    name_en: 'Exchange of health data for primary use',
    short_nb: 'Primærbruk',
    short_en: 'Primary use',
    articles_label: 'Art. 11–24',
  },
  {
    code: 'A3',
    name_nb: 'Krav til journalsystemer («EHR-systemer»)',
    name_en: 'Requirements for EHR systems',
    short_nb: 'EHR-systemer',
    short_en: 'EHR systems',
    articles_label: 'Art. 25–49',
  },
  {
    code: 'A4',
    name_nb: 'Utveksling av helsedata til sekundærbruk',
    name_en: 'Exchange of health data for secondary use',
    short_nb: 'Sekundærbruk',
    short_en: 'Secondary use',
    articles_label: 'Art. 50–81',
  },
  {
    code: 'A5',
    name_nb: 'Styring og organisering',
    name_en: 'Governance and organisation',
    short_nb: 'Styring',
    short_en: 'Governance',
    articles_label: 'Art. 19–22, 55–57, 92–105',
  },
] as const;

/** The reference file names areas by theme; the analysis by A1–A5. */
export const AREA_OF_THEME: Record<string, AreaCode> = {
  citizen_rights: 'A1',
  primary_use: 'A2',
  ehr_systems: 'A3',
  secondary_use: 'A4',
  governance: 'A5',
};

const CATEGORIES: { code: Category; name_nb: string; name_en: string; applies_from: string }[] = [
  { code: 'a', name_nb: 'Pasientoppsummering', name_en: 'Patient summary', applies_from: '2029-03-26' },
  { code: 'b', name_nb: 'E-resept', name_en: 'ePrescription', applies_from: '2029-03-26' },
  { code: 'c', name_nb: 'E-utlevering', name_en: 'eDispensation', applies_from: '2029-03-26' },
  { code: 'd', name_nb: 'Medisinske bilder', name_en: 'Medical images', applies_from: '2031-03-26' },
  {
    code: 'e',
    name_nb: 'Laboratoriesvar og andre prøvesvar',
    name_en: 'Laboratory and other test results',
    applies_from: '2031-03-26',
  },
  { code: 'f', name_nb: 'Epikriser / utskrivningsrapporter', name_en: 'Discharge reports', applies_from: '2031-03-26' },
];

const LEGAL_MILESTONES = [
  {
    date: '2025-03-25',
    title_nb: 'Forordningen trer i kraft',
    title_en: 'Entry into force',
    description: 'Tjuende dag etter kunngjøring i EU-tidende 5. mars 2025.',
    source: `${REGULATION} art. 105 første ledd`,
  },
  {
    date: '2027-03-26',
    title_nb: 'Generell anvendelse',
    title_en: 'General application',
    description:
      'Forordningen gjelder. Kommisjonens sentrale gjennomføringsrettsakter (EEHRxF, MyHealth@EU, felles spesifikasjoner for EHR-systemer, maler for sekundærbruk). Norge må ha utpekt digital helsemyndighet, nasjonale kontaktpunkter, helsedatatilgangsorgan (HDAB) og regler om sanksjoner.',
    source: `${REGULATION} art. 105`,
  },
  {
    date: '2029-03-26',
    title_nb: 'Gruppe 1: pasientoppsummering, e-resept og e-utlevering',
    title_en: 'Group 1: patient summary, ePrescription, eDispensation',
    description:
      'Rettigheter (art. 3–15), art. 23(2)–(6), EHR-krav (art. 25–27, 47–49) for kategori a–c. Bare EHR-systemer som oppfyller kravene kan omsettes for disse kategoriene. Sekundærbruk (kapittel IV) gjelder generelt.',
    source: `${REGULATION} art. 105`,
  },
  {
    date: '2031-03-26',
    title_nb: 'Gruppe 2: medisinske bilder, laboratoriesvar og epikriser',
    title_en: 'Group 2: medical images, test results, discharge reports',
    description:
      'Kategori d–f. Kapittel III for egenutviklede og SaaS EHR-systemer. Sekundærbruk utvides til påvirkningsfaktorer for helse, genetiske og genomiske data, andre -omics-data, kliniske studier og forskningskohorter.',
    source: `${REGULATION} art. 105`,
  },
  {
    date: '2035-03-26',
    title_nb: 'Tredjeland og internasjonale organisasjoner i HealthData@EU',
    title_en: 'Third countries and international organisations in HealthData@EU',
    description:
      'Tredjeland og internasjonale organisasjoner kan bli autoriserte deltakere i HealthData@EU (art. 75(5)).',
    source: `${REGULATION} art. 105 og art. 75(5)`,
  },
];

/** Annex titles as the regulation gives them; the reference file lists only the articles. */
const ANNEXES = [
  ['I', 'Main characteristics of priority categories of personal electronic health data for primary use'],
  [
    'II',
    'Essential requirements for the harmonised components of EHR systems and for products for which interoperability with EHR systems has been claimed',
  ],
  ['III', 'Technical documentation'],
  ['IV', 'EU declaration of conformity'],
] as const;

/** The date an article starts to apply, when the reference note begins with one. */
export function appliesFrom(note: string): string | null {
  return /^(?:applies|in force since|entry into force)\s+(\d{4}-\d{2}-\d{2})/.exec(note)?.[1] ?? null;
}

export async function seedRegulation(db: Db) {
  await db
    .insertInto('area')
    .values(AREAS.map((a, i) => ({ ...a, sort_order: i + 1, source: `${SLIDES}, lysark «EHDS konsekvensvurdering»` })))
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();

  await db
    .insertInto('category')
    .values(CATEGORIES)
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();

  await db
    .insertInto('legal_milestone')
    .values(LEGAL_MILESTONES)
    .onConflict((oc) => oc.column('date').doNothing())
    .execute();

  const articles = readCsv('ehds-articles.csv').map((a) => ({
    act: EHDS_ACT,
    number: a.article!,
    kind: 'article' as const,
    sort_key: Number(a.article),
    title_en: a.title!,
    title_nb: null,
    chapter: a.chapter || null,
    chapter_title: a.chapter_title || null,
    section: a.section || null,
    section_title: a.section_title || null,
    area_code: AREA_OF_THEME[a.area!] ?? null,
    other_areas: a.other_areas
      ? a.other_areas
          .split(/[;|]/)
          .map((t) => AREA_OF_THEME[t.trim()] ?? t.trim())
          .join(';')
      : null,
    applies_from: appliesFrom(a.applies!),
    applies_note: a.applies || null,
    source: `${REGULATION} art. ${a.article}`,
  }));
  const annexes = ANNEXES.map(([roman, title], i) => ({
    act: EHDS_ACT,
    number: `Annex ${roman}`,
    kind: 'annex' as const,
    sort_key: 1000 + i + 1,
    title_en: title,
    title_nb: null,
    chapter: null,
    chapter_title: null,
    section: null,
    section_title: null,
    area_code: roman === 'I' ? ('A2' as const) : ('A3' as const),
    other_areas: null,
    applies_from: null,
    applies_note: null,
    source: `${REGULATION} vedlegg ${roman}`,
  }));
  await db
    .insertInto('provision')
    .values([...articles, ...annexes])
    .onConflict((oc) => oc.columns(['act', 'number']).doNothing())
    .execute();

  const ids = new Map(
    (await db.selectFrom('provision').select(['id', 'number']).where('act', '=', EHDS_ACT).execute()).map((p) => [
      p.number,
      p.id,
    ]),
  );
  const acts = readCsv('ehds-implementing-acts.csv').map((a) => {
    const number = /^\d+/.exec(a.article_paragraph!)?.[0] ?? '';
    const provisionId = ids.get(number);
    if (provisionId === undefined) throw new Error(`implementing act ${a.article_paragraph}: no article ${number}`);
    return {
      provision_id: provisionId,
      article_paragraph: a.article_paragraph!,
      type: a.type as 'IA' | 'DA',
      modality: a.modality!,
      commission_deadline: a.commission_deadline || null,
      subject: a.subject!,
      source: `${REGULATION} art. ${a.article_paragraph}`,
    };
  });
  await db
    .insertInto('implementing_act')
    .values(acts)
    .onConflict((oc) => oc.column('article_paragraph').doNothing())
    .execute();
}
