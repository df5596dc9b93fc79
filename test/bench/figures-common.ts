/**
 * What the figures of figures.test.ts share across their areas: the task page measured, the popup's floor page,
 * the save runs' shape and the history size.
 */
import { REPO } from './pages';

export const ISSUE_URL = `https://github.com/${REPO}/issues/12`;

/** A trivial web page for the popup's floor: one module script adds `.running`. */
export const FLOOR_URL = 'https://floor.test/';
export const FLOOR_PAGE =
  '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>floor</title><script type="module">' +
  "const d = document.createElement('div'); d.className = 'running'; document.body.append(d);" +
  '</script></head><body></body></html>';
export const SAVE_RUNS = { warmup: 5, runs: 60, gapMs: 150 };
export const HISTORY = 10_000;
