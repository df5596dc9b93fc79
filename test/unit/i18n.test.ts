import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { missingMessage } from '@/lib/core/required';
import { forgetLocale, formatClock, formatDurationWords, t, tp } from '@/lib/i18n';
import { getMessage, LANGS, messages } from './locale';

/**
 * The locale files against each other and against the source: a key missing in either locale, a key used in
 * source but absent from English, a placeholder that differs between languages, or user-visible text written
 * straight into a component (instead of going through t()) fails here.
 */

const en = messages.en;

/** Keys other code uses (the content script's button, the manifest), not the pages. */
const FOR_OTHERS = /^(button_|ext_|command_|modal_frame_title$)/;

function files(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) files(p, out);
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}
const SOURCES = [...files(resolve('components')), ...files(resolve('entrypoints')), ...files(resolve('lib'))];
const UI_SOURCES = SOURCES.filter((f) => /\/(components|entrypoints)\//.test(f));
const source = (f: string) => readFileSync(f, 'utf8');

describe('locale files', () => {
  it.each(LANGS)('%s has exactly the keys of every other locale', (lang) => {
    for (const other of LANGS) {
      const missing = Object.keys(messages[other]).filter((k) => !(k in messages[lang]));
      expect(missing, `keys in ${other} but not in ${lang}`).toEqual([]);
    }
  });

  it.each(LANGS)('%s: valid names, non-empty messages, every $PLACEHOLDER$ defined, the same placeholders as English', (lang) => {
    for (const [key, m] of Object.entries(messages[lang])) {
      expect(key, 'message names are [A-Za-z0-9_] (Chrome)').toMatch(/^[A-Za-z0-9_]+$/);
      expect(m.message.trim(), key).not.toBe('');
      const used = [...m.message.matchAll(/\$([A-Za-z0-9_]+)\$/g)].map((x) => (x[1] ?? '').toLowerCase()).sort();
      const defined = Object.keys(m.placeholders ?? {}).sort();
      expect(used, `${lang}.${key} placeholders`).toEqual(defined);
      // A lone "$" would be read as a substitution by the browser.
      expect(m.message.replace(/\$[A-Za-z0-9_]+\$/g, ''), `${lang}.${key}`).not.toMatch(/\$/);
      expect(m.placeholders ?? {}, `${lang}.${key} placeholders map like English`).toEqual(en[key]?.placeholders ?? {});
    }
  });

  it('French is translated (only names and formats may read the same as English)', () => {
    const same = Object.keys(en).filter((k) => en[k]?.message === messages.fr[k]?.message);
    expect(same.sort()).toEqual(
      [
        'app_name',
        'date_label',
        'destination_account',
        'idle_minutes',
        'local_booking',
        'local_name',
        'notes_label',
        'sites_title',
        'suggest_item', // a format: `{task} · {minutes} min`
        'time_placeholder',
        'welcome_demo_id',
      ].sort(),
    );
  });
});

describe('source uses only keys that exist', () => {
  it('every t("key") and tp("base") in components, entrypoints and lib is in English (and so in every locale)', () => {
    const missing: string[] = [];
    for (const f of SOURCES) {
      const text = source(f);
      for (const m of text.matchAll(/\bt\(\s*'([A-Za-z0-9_]+)'/g)) if (!en[m[1] ?? '']) missing.push(`${relative('.', f)}: t('${m[1]}')`);
      for (const m of text.matchAll(/\btp\(\s*'([A-Za-z0-9_]+)'/g))
        if (!en[`${m[1]}_other`]) missing.push(`${relative('.', f)}: tp('${m[1]}')`);
    }
    expect(missing).toEqual([]);
  });

  it('every __MSG_key__ of the manifest (wxt.config.ts) is in English', () => {
    const used = [...source(resolve('wxt.config.ts')).matchAll(/__MSG_([A-Za-z0-9_]+)__/g)].map((m) => m[1] ?? '');
    expect(used).toContain('command_toggle');
    expect(used.filter((k) => !en[k])).toEqual([]);
  });

  it('every key is used somewhere (or reserved for the button and the manifest)', () => {
    const all = SOURCES.map(source).join('\n');
    const unused = Object.keys(en).filter((k) => {
      if (FOR_OTHERS.test(k)) return false;
      const base = k.replace(/_(zero|one|two|few|many|other)$/, '');
      return !all.includes(`'${k}'`) && !all.includes(`"${k}"`) && !all.includes(`'${base}'`);
    });
    expect(unused).toEqual([]);
  });

  it('no user-visible text is written straight into a component or page (JSX text, labels, titles, placeholders)', () => {
    const VISIBLE_ATTRS = new Set(['aria-label', 'title', 'placeholder', 'alt', 'aria-description', 'label', 'value']);
    const leaks: string[] = [];
    for (const f of UI_SOURCES.filter((x) => x.endsWith('.tsx'))) {
      const file = ts.createSourceFile(f, source(f), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
      const where = (n: ts.Node) => `${relative('.', f)}:${file.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
      const visit = (n: ts.Node) => {
        if (ts.isJsxText(n) && /\p{L}{2,}/u.test(n.text)) leaks.push(`${where(n)} text "${n.text.trim()}"`);
        if (ts.isJsxAttribute(n) && n.initializer && ts.isStringLiteral(n.initializer)) {
          const name = n.name.getText(file);
          const v = n.initializer.text;
          // URLs are examples, message keys are typed props passed on to t().
          if (VISIBLE_ATTRS.has(name) && /\p{L}{2,}/u.test(v) && !/^https?:\/\//.test(v) && !(v in en) && name !== 'value')
            leaks.push(`${where(n)} ${name}="${v}"`);
        }
        ts.forEachChild(n, visit);
      };
      visit(file);
    }
    expect(leaks).toEqual([]);
  });
});

describe('t() and tp() over the browser i18n API', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    forgetLocale();
  });
  const use = (lang: 'en' | 'fr') => {
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(getMessage(lang) as typeof fakeBrowser.i18n.getMessage);
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue(lang);
    forgetLocale();
  };

  it('substitutes in order, in both languages', () => {
    use('en');
    expect(t('button_track_title', 'Fix the <b>bug</b>')).toBe('Track time: Fix the <b>bug</b>');
    expect(t('sync_line_synced', 'Harvest', '2 minutes ago')).toBe('Synced to Harvest · 2 minutes ago');
    use('fr');
    expect(t('button_track_title', 'Corriger')).toBe('Suivre le temps\u00a0: Corriger');
    expect(t('workspace_locked', 'Équipe', 'plan expiré')).toBe('Équipe — indisponible\u00a0: plan expiré');
  });

  it('asks the browser once per message; substitutions go in as they are, even ones that look like marks', () => {
    use('en');
    const asked = vi.spyOn(fakeBrowser.i18n, 'getMessage');
    expect(t('sync_line_synced', '$1 \uE0002', 'now')).toBe('Synced to $1 \uE0002 · now');
    expect(t('sync_line_synced', 'Toggl', '')).toBe('Synced to Toggl · ');
    expect(t('today')).toBe(t('today'));
    expect(asked.mock.calls.map(([key]) => key)).toEqual(['sync_line_synced', 'today']);
  });

  it('picks the plural form of the language', () => {
    use('en');
    expect(tp('changes_waiting', 1)).toBe('1 change waiting');
    expect(tp('changes_waiting', 0)).toBe('0 changes waiting');
    expect(tp('pairs', 4)).toBe('4 project/task pairs');
    use('fr');
    expect(tp('changes_waiting', 0)).toBe('0 modification en attente'); // French: 0 and 1 are singular
    expect(tp('changes_waiting', 2)).toBe('2 modifications en attente');
    expect(tp('changes_waiting', 1_000_000)).toBe('1000000 modifications en attente'); // "many" falls back to "other"
  });

  it('the background and the pages speak the UI language: a list of fields in words, a count of refused entries', () => {
    use('en');
    expect(missingMessage('Acme', ['project', 'task'])).toBe('The workspace “Acme” requires a project and a task on every entry.');
    expect(tp('sync_line_refused', 1, 'Harvest')).toBe('1 entry refused by Harvest, it needs you');
    use('fr');
    expect(missingMessage('Équipe', ['project', 'task', 'description'])).toBe(
      'L’espace de travail «\u00a0Équipe\u00a0» exige un projet, une tâche et des notes (une description) sur chaque entrée.',
    );
    expect(tp('sync_line_refused', 2, 'Harvest')).toBe('2 entrées refusées par Harvest, elles attendent votre action');
  });

  it('shows the key when a string is missing, so it is obvious', () => {
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockReturnValue('');
    expect(t('today')).toBe('today');
  });

  it('formats times and durations with Intl in the UI language, 12/24 h as asked', () => {
    use('en');
    const nine = new Date(2026, 2, 3, 21, 5).getTime();
    expect(formatClock(nine, '12h')).toMatch(/^9:05\s?PM$/);
    expect(formatClock(nine, '24h')).toBe('21:05');
    expect(formatDurationWords(90 * 60_000)).toMatch(/1\shour.*30\sminutes/);
    use('fr');
    expect(formatClock(nine)).toBe('21:05');
    expect(formatDurationWords(90 * 60_000)).toMatch(/1\sheure.*30\sminutes/);
  });

  it('puts a duration in words once per language and minute, and never mixes them up', () => {
    use('en');
    const first = [0, 29 * 60_000 + 31_000, 30 * 60_000, 125 * 60_000].map(formatDurationWords);
    expect(first[1]).toBe(first[2]); // rounded to the same minute
    expect(new Set(first).size).toBe(3);
    use('fr');
    expect(formatDurationWords(125 * 60_000)).toMatch(/2\sheures.*5\sminutes/);
    use('en');
    expect([0, 29 * 60_000 + 31_000, 30 * 60_000, 125 * 60_000].map(formatDurationWords)).toEqual(first);
    expect(first[3]).toMatch(/2\shours.*5\sminutes/);
  });
});
