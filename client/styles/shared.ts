/** Styles shared by every element: typography, focus, links, buttons, forms, tables, badges. */
import { css } from 'lit';

export const shared = css`
  :host {
    font-family: var(--ehds-font);
    color: var(--ehds-text);
  }
  *, *::before, *::after { box-sizing: border-box; }
  h1, h2, h3 { line-height: 1.25; margin: 0 0 0.5rem; }
  h1 { font-size: 1.6rem; }
  h2 { font-size: 1.25rem; margin-top: 1.5rem; }
  h3 { font-size: 1.05rem; margin-top: 1rem; }
  p { margin: 0 0 0.75rem; }
  a { color: var(--ehds-primary); text-underline-offset: 2px; }
  a:hover { color: var(--ehds-primary-hover); }
  :focus-visible { outline: 3px solid var(--ehds-focus); outline-offset: 2px; }
  /* Headings take focus only so screen readers announce a new view; they are not controls. */
  h1[tabindex='-1']:focus, h2[tabindex='-1']:focus, h3[tabindex='-1']:focus { outline: none; }
  .muted { color: var(--ehds-text-muted); }
  .visually-hidden {
    position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px;
    overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
  }
  button, .button {
    font: inherit; cursor: pointer; border-radius: var(--ehds-radius); padding: 0.4rem 0.9rem;
    border: 1px solid var(--ehds-primary); background: var(--ehds-primary); color: var(--ehds-primary-contrast);
    text-decoration: none; display: inline-block; line-height: 1.4;
  }
  button:hover, .button:hover { background: var(--ehds-primary-hover); color: var(--ehds-primary-contrast); }
  button.secondary, .button.secondary { background: var(--ehds-bg); color: var(--ehds-primary); }
  button.secondary:hover, .button.secondary:hover { background: var(--ehds-bg-subtle); color: var(--ehds-primary-hover); }
  button:disabled { opacity: 0.6; cursor: not-allowed; }
  label { font-weight: 600; display: block; margin-bottom: 0.25rem; }
  input, select, textarea {
    font: inherit; color: inherit; border: 1px solid #6b7580; border-radius: var(--ehds-radius);
    padding: 0.35rem 0.5rem; background: var(--ehds-bg); max-width: 100%;
  }
  textarea { width: 100%; min-height: 6rem; resize: vertical; }
  input[aria-invalid='true'], select[aria-invalid='true'], textarea[aria-invalid='true'] { border-color: var(--ehds-danger); }
  .field { margin-bottom: 1rem; }
  .field-error { color: var(--ehds-danger); font-size: 0.9rem; margin-top: 0.25rem; }
  .hint { color: var(--ehds-text-muted); font-size: 0.9rem; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: 0.4rem 0.6rem; border-bottom: 1px solid var(--ehds-border); vertical-align: top; }
  th { background: var(--ehds-bg-subtle); font-weight: 600; }
  .badge {
    display: inline-flex; align-items: center; gap: 0.35rem; white-space: nowrap; font-size: 0.9rem;
  }
  .badge::before {
    content: ''; width: 0.8rem; height: 0.8rem; border-radius: 2px; background: var(--swatch, var(--ehds-not-assessed));
    border: 1px solid rgba(0, 0, 0, 0.35); flex: none;
  }
  .badge.covered { --swatch: var(--ehds-covered); }
  .badge.partially_covered { --swatch: var(--ehds-partially-covered); }
  .badge.not_covered { --swatch: var(--ehds-not-covered); }
  .badge.not_applicable { --swatch: var(--ehds-not-applicable); }
  .badge.not_assessed { --swatch: var(--ehds-not-assessed); }
  .alert { border-left: 4px solid var(--ehds-danger); background: var(--ehds-danger-bg); padding: 0.75rem 1rem; margin: 1rem 0; }
  .notice { border-left: 4px solid var(--ehds-success); background: var(--ehds-success-bg); padding: 0.75rem 1rem; margin: 1rem 0; }
  .card { border: 1px solid var(--ehds-border); border-radius: var(--ehds-radius); padding: 1rem; background: var(--ehds-bg); }
`;
