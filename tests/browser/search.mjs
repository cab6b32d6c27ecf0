// The search gate: the built sites served over loopback HTTP, the search
// page used in headless Chromium at phone size as a reader uses it (typing
// into the box), each query's results compared with what it must find.
// Also prints what one query costs: bytes fetched and time to the first
// result.
//
//   node search.mjs public=DIR internal=DIR [portable=DIR] [large=DIR query=Q]
//
// `public` and `internal` are the Sanjiang site's two builds, `portable`
// its build for opening from disk; `large`, a generated ledger, is only
// measured.

import { chromium } from 'playwright-core';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

const BROWSER = process.env.CHROMIUM || '/usr/bin/chromium';
const PHONE = { width: 375, height: 812 };

function serve(dir) {
  const server = http.createServer((req, res) => {
    let file = path.join(dir, decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (!file.startsWith(dir)) { res.writeHead(403).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) { res.writeHead(404).end(); return; }
    const type = file.endsWith('.html') ? 'text/html; charset=utf-8' : file.endsWith('.js') ? 'text/javascript'
      : file.endsWith('.css') ? 'text/css' : file.endsWith('.json') ? 'application/json' : 'application/octet-stream';
    res.writeHead(200, { 'content-type': type });
    res.end(fs.readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** The search page at `base`, ready: the index loaded, the box enabled. */
async function openSearch(browser, base) {
  const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('response', (r) => { if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`); });
  await page.goto(`${base}/search/`, { waitUntil: 'load' });
  await page.waitForFunction(() => document.getElementById('search-fallback').hidden);
  return { context, page, errors };
}

/** Types `query` as a reader does and returns the results' addresses once
 * the status says the search is done, with the milliseconds it took. */
async function ask(page, query, all = false) {
  const done = () => page.waitForFunction(() => /找到|没有|已列出/.test(document.getElementById('search-status').textContent), null, { timeout: 20000 });
  await page.evaluate(() => { document.getElementById('search-status').textContent = ''; });
  const started = Date.now();
  await page.fill('#search-q', query);
  await done();
  const ms = Date.now() - started;
  // A reader after every result presses “显示更多结果” until it is gone.
  while (all && await page.isVisible('#search-more')) {
    await page.evaluate(() => { document.getElementById('search-status').textContent = ''; });
    await page.click('#search-more');
    await done();
  }
  const hrefs = await page.$$eval('#search-results li a', (links) => links.map((a) => new URL(a.href).pathname + new URL(a.href).hash));
  return { hrefs: hrefs.map((h) => h.replace(/^\//, '')), ms };
}

/** Pieces of `title` of 2 to 4 characters that cut across its words. */
function crossWordPieces(title) {
  const words = [...new Intl.Segmenter('zh', { granularity: 'word' }).segment(title)];
  const starts = new Set(words.map((w) => w.index));
  const chars = [...title];
  const pieces = [];
  for (let n = 2; n <= 4; n++) {
    for (let i = 0; i + n <= chars.length; i++) {
      const piece = chars.slice(i, i + n).join('');
      if (/[\p{P}\s]/u.test(piece)) continue;
      const offset = chars.slice(0, i).join('').length;
      const end = offset + piece.length;
      const inside = [...starts].some((s) => s > offset && s < end);
      const aligned = starts.has(offset) && (starts.has(end) || end === title.length);
      if (inside && !aligned) pieces.push(piece);
    }
  }
  return pieces;
}

async function gate(browser, dir, label, checks) {
  const server = await serve(path.resolve(dir));
  const base = `http://127.0.0.1:${server.address().port}`;
  const { context, page, errors } = await openSearch(browser, base);
  const failures = [];
  let asked = 0;
  for (const [query, expect, what, all] of checks(JSON.parse(fs.readFileSync(path.join(dir, 'data/site.json'), 'utf8')))) {
    const { hrefs } = await ask(page, query, all);
    asked++;
    if (!expect(hrefs)) failures.push(`${label}: “${query}” ${what}; got ${hrefs.slice(0, 5).join(' ') || 'nothing'}`);
  }
  failures.push(...errors.map((e) => `${label}: script error: ${e}`));
  await context.close();
  server.close();
  return { asked, failures };
}

function publicChecks(site) {
  const issue = (n) => `issues/${site.issues.find((i) => i.number === n).slug}/`;
  const finding = site.issues[2].finding.replace(/\s/g, '');
  const run = [...finding].slice(12, 39).join('');
  const checks = [
    ['低保', (h) => h.slice(0, 3).includes(issue(1)), 'finds issue 1 in the first three'],
    ['务工', (h) => h.slice(0, 3).includes(issue(7)), 'finds issue 7 in the first three'],
    ['八景村', (h) => h[0] === 'villages/bajing/', 'finds the village page first'],
    ['小额信贷', (h) => h.includes(issue(5)) && h.some((x) => x.startsWith('policy/glossary/#')), 'finds issue 5 and the glossary term'],
    [run, (h) => h.includes(`issues/${site.issues[2].slug}/`), 'finds the issue its 27 characters are copied from'],
    ['兰东风', (h) => h.length === 0, 'finds nothing (the name is masked)'],
    ['兰某某', (h) => h.length > 0, 'finds the masked mention'],
  ];
  for (const i of site.issues) {
    for (const piece of crossWordPieces(i.title)) {
      checks.push([piece, (h) => h.includes(`issues/${i.slug}/`), `finds issue ${i.number} (${i.title})`, true]);
    }
  }
  return checks;
}

function internalChecks(site) {
  const second = `issues/${site.issues.find((i) => i.number === 2).slug}/`;
  return [['兰东风', (h) => h.includes(second), 'finds issue 2 (the internal site names him)']];
}

/** Bytes fetched and time to the first result for one query typed on a
 * phone-sized page, the page itself included. */
async function measure(browser, dir, label, query) {
  const server = await serve(path.resolve(dir));
  const base = `http://127.0.0.1:${server.address().port}`;
  const { context, page } = await openSearch(browser, base);
  // Every response of the page and its worker, by kind, counted from the
  // page's own load on.
  const bytes = {};
  const count = async (request) => {
    const url = request.url();
    const name = url.split('/').pop();
    const kind = !url.includes('/search/index/') ? (name.endsWith('.js') ? 'script' : 'page')
      : name.startsWith('shard-') ? 'pairs' : name.startsWith('pages-') ? 'texts' : name.replace('.js', '');
    const sizes = await request.sizes().catch(() => null);
    if (sizes) bytes[kind] = (bytes[kind] || 0) + sizes.responseBodySize + sizes.responseHeadersSize;
  };
  page.on('requestfinished', count);
  await page.reload({ waitUntil: 'load' });
  await page.waitForFunction(() => document.getElementById('search-fallback').hidden);
  const started = Date.now();
  await page.fill('#search-q', query);
  await page.waitForSelector('#search-results li', { timeout: 30000 });
  const firstResult = Date.now() - started;
  await page.waitForFunction(() => /找到|没有|已列出/.test(document.getElementById('search-status').textContent));
  await page.waitForTimeout(200);
  await context.close();
  server.close();
  const total = Object.values(bytes).reduce((a, b) => a + b, 0);
  const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
  console.log(`search cost: ${label} “${query}”: first result ${firstResult} ms; fetched ${kb(total)} (` +
    Object.entries(bytes).map(([k, v]) => `${k} ${kb(v)}`).join(', ') + ')');
  return firstResult;
}

/** A portable build opened from disk searches too, and its results open. */
async function portable(browser, dir) {
  const context = await browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  const failures = [];
  page.on('pageerror', (e) => failures.push(`portable: script error: ${e.message}`));
  await page.goto(`file://${path.resolve(dir)}/search/index.html`);
  const { hrefs } = await ask(page, '小额信贷');
  const opened = hrefs.find((h) => h.includes('issues/'));
  if (!opened || !opened.endsWith('index.html')) failures.push(`portable: 小额信贷 found ${hrefs.join(' ') || 'nothing'}`);
  await context.close();
  return { asked: 1, failures };
}

async function main() {
  const sites = Object.fromEntries(process.argv.slice(2).map((a) => a.split('=')));
  if (!sites.public || !sites.internal) { console.error('usage: node search.mjs public=DIR internal=DIR [portable=DIR] [large=DIR query=Q]'); process.exit(2); }
  const browser = await chromium.launch({
    executablePath: BROWSER,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const results = [
    await gate(browser, sites.public, 'public', publicChecks),
    await gate(browser, sites.internal, 'internal', internalChecks),
  ];
  if (sites.portable) results.push(await portable(browser, sites.portable));
  await measure(browser, sites.public, 'Sanjiang', '低保');
  if (sites.large) await measure(browser, sites.large, 'generated ledger', sites.query || '监测');
  await browser.close();
  const asked = results.reduce((a, r) => a + r.asked, 0);
  const failures = results.flatMap((r) => r.failures);
  console.log(`search: ${failures.length ? 'FAILED' : 'ok'} (${asked} queries typed, ${failures.length} problems)`);
  for (const f of failures.slice(0, 40)) console.log(`  ${f}`);
  process.exit(failures.length ? 1 : 0);
}

main().catch((e) => { console.error(e); process.exit(1); });
