// The widget's words in a language, for the i18n journeys: the message
// catalogue as the repository holds it (shared/messages/<locale>.json, never
// a copy), messages filled in, amounts formatted by the browser's own Intl as
// the widget does, and a fresh widget page per journey.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { newWidgetPage } from './browser.mjs';
import { repoRoot } from './server.mjs';

// A locale's messages; a regional locale (fr-CA) holds only what differs from
// its language, so it is laid over it, as the core's fallback does.
export function catalogue(locale) {
  const read = (l) => JSON.parse(readFileSync(path.join(repoRoot, 'shared/messages', `${l}.json`), 'utf8'));
  const dash = locale.indexOf('-');
  return dash > 0 ? { ...read(locale.slice(0, dash)), ...read(locale) } : read(locale);
}

// {name} placeholders only: the messages these tests read have no plurals.
export function say(messages, id, args = {}) {
  assert.ok(id in messages, `the catalogue has ${id}`);
  return messages[id].replace(/\{(\w+)\}/g, (m, k) => (k in args ? String(args[k]) : m));
}

// "a, b and c" as pw::list_text says it (list.two / list.more).
export const sayList = (messages, items) => items.slice(0, -1).reduceRight(
  (rest, first, i) => say(messages, i === items.length - 2 ? 'list.two' : 'list.more',
    i === items.length - 2 ? { first, second: rest } : { first, rest }), items[items.length - 1]);

// An amount as the widget formats it: Intl in the page, fed an exact decimal string.
export const money = (page, locale, minor, currency = 'USD') => page.evaluate(([l, c, canonical]) => new Intl.NumberFormat(l, {
  style: 'currency', currency: c, currencyDisplay: 'symbol', minimumFractionDigits: 2, maximumFractionDigits: 2,
}).format(canonical), [locale, currency, `${Math.trunc(minor / 100)}.${String(minor % 100).padStart(2, '0')}`]);

// fn(page) on a new widget page (newWidgetPage's options), closed afterwards.
export async function withWidgetPage(browser, options, fn) {
  const page = await newWidgetPage(browser, options);
  try {
    return await fn(page);
  } finally {
    await page.context().close();
  }
}
