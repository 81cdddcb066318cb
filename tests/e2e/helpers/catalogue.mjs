// The message catalogue as tests read it (shared/messages/<locale>.json):
// expected words come from here, never copied into a test.
//   const FR = catalogue('fr');
//   say(FR, 'iban.not_sepa', { country: say(FR, 'country.BR') })
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { repoRoot } from './server.mjs';

export const catalogue = (locale) =>
  JSON.parse(readFileSync(path.join(repoRoot, 'shared/messages', `${locale}.json`), 'utf8'));

// `id` with its {name} placeholders filled in (no plurals).
export function say(messages, id, args = {}) {
  assert.ok(id in messages, `the catalogue has ${id}`);
  return messages[id].replace(/\{(\w+)\}/g, (m, k) => (k in args ? String(args[k]) : m));
}
