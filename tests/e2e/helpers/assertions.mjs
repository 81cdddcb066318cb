// The checks every e2e file makes on a page, written once: it ran cleanly
// (no script or console error, nothing the CSP refused, no failed request
// but the expected ones), and axe-core finds no violation on a widget
// screen, on a page of the payment host, or in a single frame.
import assert from 'node:assert/strict';

import { auditScreen, axeFrameViolations, cspViolations, describeViolations } from './browser.mjs';
import { auditPage } from './pages.mjs';

// `page` comes from newWidgetPage (which records pwErrors and
// pwHttpErrors). With `failedRequests` (an array, e.g. ['410
// /api/v1/links/…']), the responses >= 400 must be exactly those; without
// it they are not checked (the pages' forms answer 401/403 on purpose).
export async function assertClean(page, { failedRequests } = {}) {
  assert.deepEqual(await cspViolations(page), [], 'CSP violations');
  assert.deepEqual(page.pwErrors, [], 'page errors');
  if (failedRequests !== undefined) assert.deepEqual(page.pwHttpErrors, failedRequests, 'failed requests');
}

export function assertNoViolations(violations, where) {
  assert.equal(violations.length, 0, `axe-core violations on ${where}:\n${describeViolations(violations)}`);
}

// One frame's document (a widget page's main frame, the demo site, the
// widget iframe).
export async function assertAccessible(frame, where) {
  assertNoViolations(await axeFrameViolations(frame), where);
}

// A widget screen: screenshot widget-<name>.png, then axe-core
// (`options` as auditScreen: { idle: false } for a screen that animates).
export async function assertAccessibleScreen(page, name, options) {
  assertNoViolations(await auditScreen(page, name, options), `the ${name} screen`);
}

// A payment host page: screenshot pages-<name>.png (`options.prefix`
// replaces "pages-"), then axe-core on the page and in each widget frame
// it holds.
export async function assertAccessiblePage(page, server, name, options) {
  assertNoViolations(await auditPage(page, server, name, options), name);
}
