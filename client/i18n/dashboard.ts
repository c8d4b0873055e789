/** Labels of the dashboard (Oversikt). */
import { register } from './index.ts';

register({
  nb: {
    'dashboard.title': 'Oversikt',
    'dashboard.lead': 'Status for gapanalysen av {requirements} krav mot {articles} artikler i forordningen.',
    'dashboard.figures': 'Nøkkeltall',
    'dashboard.notAssessed': 'Krav ikke vurdert',
    'dashboard.notAssessedOf': 'av {total} krav',
    'dashboard.openQuestions': 'Åpne prinsipielle spørsmål',
    'dashboard.questionsOf': '{in_progress} under arbeid, {decided} avklart',
    'dashboard.pendingInputs': 'Innspill til behandling',
    'dashboard.pendingInputsHint': 'venter på disposisjon',
    'dashboard.untraced': 'Artikler uten krav',
    'dashboard.untracedOf': 'av {total} artikler',
    'dashboard.coverage': 'Dekningsgrad per område',
    'dashboard.coverageHint': 'Velg et felt for å se kravene bak tallet.',
    'dashboard.coverageCaption': 'Antall krav per område og dekningsgrad',
    'dashboard.deadlines': 'Lovpålagte frister 2025–2035',
    'dashboard.deadlinesHint':
      'Datoene i artikkel 105. For hver dato: hvor mange krav som har fristen, og hvor mange av dem som ennå ikke er dekket (delvis dekket, ikke dekket eller ikke vurdert).',
  },
  en: {
    'dashboard.title': 'Overview',
    'dashboard.lead':
      'Status of the gap analysis of {requirements} requirements against {articles} articles of the regulation.',
    'dashboard.figures': 'Key figures',
    'dashboard.notAssessed': 'Requirements not assessed',
    'dashboard.notAssessedOf': 'of {total} requirements',
    'dashboard.openQuestions': 'Open principle questions',
    'dashboard.questionsOf': '{in_progress} in progress, {decided} decided',
    'dashboard.pendingInputs': 'Input awaiting disposition',
    'dashboard.pendingInputsHint': 'waiting for a disposition',
    'dashboard.untraced': 'Articles without requirements',
    'dashboard.untracedOf': 'of {total} articles',
    'dashboard.coverage': 'Coverage by area',
    'dashboard.coverageHint': 'Choose a segment to see the requirements behind the figure.',
    'dashboard.coverageCaption': 'Number of requirements by area and coverage',
    'dashboard.deadlines': 'Legal deadlines 2025–2035',
    'dashboard.deadlinesHint':
      'The dates of Article 105. For each date: how many requirements fall due, and how many of them are not covered yet (partially covered, not covered or not assessed).',
  },
});
