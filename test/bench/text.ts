/**
 * Repeatable pseudo-random Norwegian text for the benchmark dataset: the words an EHDS gap analysis uses,
 * with æ, ø and å, put together into sentences of the lengths real requirements, assessments and input have.
 */

/** mulberry32: small, fast and the same on every run for the same seed. */
export function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  /** Picks by weight: `weighted([['a', 3], ['b', 1]])` gives a three times in four. */
  const weighted = <T>(items: readonly (readonly [T, number])[]): T => {
    let r = next() * items.reduce((s, [, w]) => s + w, 0);
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items[items.length - 1]![0];
  };
  const some = <T>(items: readonly T[], min: number, max: number): T[] => {
    const n = Math.min(items.length, int(min, max));
    const chosen = new Set<T>();
    while (chosen.size < n) chosen.add(pick(items));
    return [...chosen];
  };
  return { next, int, pick, weighted, some };
}

export type Random = ReturnType<typeof random>;

const SUBJECTS = [
  'Innbyggeren',
  'Helsepersonellet',
  'Den nasjonale kontaktpunktet for digital helse',
  'Tilgangsorganet for helsedata',
  'Kommunen',
  'Helseforetaket',
  'Leverandøren av EPJ-systemet',
  'Direktoratet',
  'Fastlegen',
  'Apoteket',
  'Datatilsynet',
  'Markedstilsynsmyndigheten',
  'Den registeransvarlige',
  'Behandlingsansvarlig virksomhet',
];

const VERBS = [
  'skal kunne få tilgang til',
  'må sørge for sikker utveksling av',
  'skal registrere',
  'må kunne dele',
  'skal gi innsyn i',
  'må dokumentere behandlingen av',
  'skal sperre tilgangen til',
  'må sertifisere',
  'skal gjøre tilgjengelig',
  'må kvalitetssikre',
  'skal varsle om brudd på sikkerheten ved',
  'må vurdere risikoen ved',
];

const OBJECTS = [
  'pasientoppsummeringen',
  'elektroniske resepter og utleveringer',
  'laboratoriesvar',
  'medisinske bilder og bildebeskrivelser',
  'epikriser',
  'kjernejournalopplysninger',
  'helseopplysninger i strukturert form',
  'logg over hvem som har sett journalen',
  'data til sekundærbruk',
  'opplysninger om sjeldne sykdommer',
  'kodeverk og terminologi',
  'samtykke og reservasjoner',
  'journaldokumenter fra spesialisthelsetjenesten',
  'opplysninger om legemiddelbruk på sykehjem',
  'pseudonymiserte datasett',
];

const CONDITIONS = [
  'uten ugrunnet opphold',
  'på tvers av landegrensene i EØS',
  'gjennom MinHelsa-tjenester',
  'i et felles europeisk utvekslingsformat',
  'innen fristen i forordningen',
  'med sterk autentisering på høyt sikkerhetsnivå',
  'i tråd med personvernforordningen',
  'når pasienten ber om det',
  'etter søknad om datatilgang',
  'med mulighet for å begrense innsynet',
  'også for barn og verger',
  'i både primær- og spesialisthelsetjenesten',
];

const SITUATION = [
  'Løsningen finnes i dag bare for deler av spesialisthelsetjenesten.',
  'Kjernejournal dekker mye, men ikke alle opplysningstyper forordningen nevner.',
  'Kommunene har ulike EPJ-systemer, og få av dem støtter strukturert deling.',
  'Det finnes ingen nasjonal løsning for å føre logg over innsyn på tvers av virksomheter.',
  'Helsenorge.no gir innbyggere tilgang til egne resepter og timeavtaler.',
  'Arbeidet er påbegynt i Helsedataprogrammet, men finansieringen er uavklart.',
  'Regelverket i pasientjournalloven må trolig endres før kravet er oppfylt.',
  'Leverandørene har meldt at sertifiseringsordningen krever større endringer i produktene.',
  'Det er uklart hvilken myndighet som skal føre tilsyn med kravet i Norge.',
  'Fylkeskommunal tannhelsetjeneste er ikke koblet til de nasjonale løsningene.',
];

const GAP = [
  'Gapet gjelder først og fremst semantisk samhandling: kodeverket må avklares.',
  'Det mangler hjemmel for å dele opplysningene med tilgangsorganet.',
  'Teknisk gjenstår integrasjon mot den europeiske infrastrukturen MyHealth@EU.',
  'Organisatorisk må ansvaret for forvaltningen plasseres.',
  'Løsningen må utvides til å dekke private aktører og avtalespesialister.',
  'Innbyggerens rett til å begrense tilgangen er ikke støttet i dag.',
  'Krav til logging og sporbarhet er bare delvis oppfylt.',
  'Det må etableres en ordning for godkjenning av velværeapplikasjoner.',
];

const INPUT_OPENERS = [
  'Vi støtter retningen, men',
  'Det er viktig at',
  'Vi er bekymret for at',
  'Foreslår at',
  'Hvordan skal',
  'Vi savner en vurdering av om',
  'Høringsinstansen mener at',
  'Erfaringer fra pilotene viser at',
  'Kommunesektoren påpeker at',
  'Pasientorganisasjonene understreker at',
];

const INPUT_CONCERNS = [
  'kostnadene for kommunene blir betydelige',
  'personvernet må ivaretas når data brukes til forskning',
  'tidsfristen i 2029 er for kort for leverandørene',
  'reservasjonsretten må være enkel å bruke for eldre',
  'opplysninger om barn krever særskilt vern',
  'strukturert pasientoppsummering forutsetter felles kodeverk',
  'tilgangsorganet får tilstrekkelige ressurser',
  'sertifiseringen ikke må føre til leverandørlåsing',
  'små virksomheter som fysioterapeuter og kiropraktorer blir glemt',
  'opplysninger fra private helsetjenester også må omfattes',
  'det må være mulig å få innsyn på nynorsk og samisk',
  'krav til sikkerhet må følge Normen for informasjonssikkerhet',
];

export const SEARCH_WORDS = [
  'pasientoppsummering',
  'kjernejournal',
  'tilgangsorganet',
  'sekundærbruk',
  'laboratoriesvar',
  'reservasjoner',
  'sikkerhetsnivå',
  'forskning',
  'fastlegen',
  'sykehjem',
  'kodeverk',
  'tannhelsetjeneste',
  'velværeapplikasjoner',
  'ugrunnet',
  'pilotene',
] as const;

const sentence = (r: Random) => `${r.pick(SUBJECTS)} ${r.pick(VERBS)} ${r.pick(OBJECTS)} ${r.pick(CONDITIONS)}.`;

export const requirementTitle = (r: Random) => {
  const object = r.pick(OBJECTS);
  return `${object[0]!.toUpperCase()}${object.slice(1)} ${r.pick(CONDITIONS)}`;
};

export const requirementDescription = (r: Random) => Array.from({ length: r.int(2, 4) }, () => sentence(r)).join(' ');

export const situationText = (r: Random) => r.some(SITUATION, 1, 3).join(' ');
export const gapText = (r: Random) => r.some(GAP, 1, 2).join(' ');

export const inputText = (r: Random) =>
  `${r.pick(INPUT_OPENERS)} ${r.pick(INPUT_CONCERNS)}. ${r.next() < 0.6 ? sentence(r) : ''}`.trim();

export const measureTitle = (r: Random, n: number) =>
  `${r.pick(['Innføre', 'Utrede', 'Videreutvikle', 'Etablere', 'Pilotere', 'Forskriftsfeste'])} ${r.pick(OBJECTS)} (${n})`;

export const measureDescription = (r: Random) => `${sentence(r)} ${r.pick(GAP)}`;
