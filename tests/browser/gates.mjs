// Quality gates with tools nobody here wrote: the Nu HTML Checker, axe-core
// and headless Chromium (driven by playwright-core). Each site given as
// LABEL=DIR is served over loopback HTTP and checked; --self-test runs the
// gates on deliberately broken pages and passes only if each is caught.
//
//   node gates.mjs public=../../public internal=../../public-internal
//   node gates.mjs --self-test
//
// Prints one line per gate with its counts and closes with "N passed, M failed".

import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

const require = createRequire(import.meta.url);
const here = path.dirname(new URL(import.meta.url).pathname);
const AXE = require.resolve('axe-core/axe.min.js');
const VNU = path.join(here, 'node_modules/vnu-jar/build/dist/vnu.jar');
const BROWSER = process.env.CHROMIUM || '/usr/bin/chromium';
const SHOTS = path.resolve(process.env.SCREENSHOT_DIR || path.join(here, '../../target/screenshots'));
const MAIN_PAGES = ['', 'list/', 'list/page/2/', 'issues/07/', 'issues/01/', 'villages/bajing/', 'villages/dongcun/', 'policy/', 'print/', 'search/'];

// ---------- serving ----------

const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript',
  '.svg': 'image/svg+xml', '.xml': 'application/xml', '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png', '.json': 'application/json', '.csv': 'text/csv; charset=utf-8', '.pdf': 'application/pdf' };

function serve(dir) {
  const server = http.createServer((req, res) => {
    let file = path.join(dir, decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (!file.startsWith(dir)) { res.writeHead(403).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file)) {
      const notFound = path.join(dir, '404.html');
      res.writeHead(404, { 'content-type': TYPES['.html'] });
      res.end(fs.existsSync(notFound) ? fs.readFileSync(notFound) : 'not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
    res.end(fs.readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function htmlFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of fs.readdirSync(d).sort()) {
      const full = path.join(d, name);
      if (fs.statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.html')) out.push(full);
    }
  };
  walk(dir);
  return out;
}

function pagePath(dir, file) {
  const rel = path.relative(dir, file).split(path.sep).join('/');
  return rel.endsWith('index.html') ? rel.slice(0, -'index.html'.length) : rel;
}

/** One page of each kind, for a site whose other pages are many of the
 * same shape: every page one folder deep, every page of a cut list, and
 * the first of each deeper kind (an issue, a village, a village's notice). */
function onePerKind(paths) {
  const kinds = new Set();
  return paths.filter((p) => {
    const parts = p.split('/').filter(Boolean);
    if (parts.length <= 1 || parts.includes('page')) return true;
    const kind = `${parts[0]}/${parts.length}`;
    if (kinds.has(kind)) return false;
    kinds.add(kind);
    return true;
  });
}

/** Runs `fn` over `items`, `limit` at a time. */
async function pool(items, limit, fn) {
  let next = 0;
  const worker = async () => { while (next < items.length) await fn(items[next++]); };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

// ---------- gates ----------

function validateHtml(files) {
  let output;
  try {
    output = execFileSync('java', ['-jar', VNU, '--errors-only', '--format', 'json', '--stdout', ...files],
      { encoding: 'utf8', maxBuffer: 64 << 20 });
  } catch (error) {
    output = error.stdout; // vnu exits 1 when it finds errors
  }
  const messages = JSON.parse(output).messages.filter((m) => m.type === 'error');
  return messages.map((m) => `${path.relative(process.cwd(), new URL(m.url).pathname)}:${m.lastLine}: ${m.message}`);
}

async function withPage(context, url, fn) {
  const page = await context.newPage();
  const outside = [], errors = [];
  await page.route('**/*', (route) => {
    const host = new URL(route.request().url()).hostname;
    if (host === '127.0.0.1' || route.request().url().startsWith('data:')) return route.continue();
    outside.push(route.request().url());
    return route.abort();
  });
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`script error: ${e.message}`));
  page.on('requestfailed', (r) => { if (!outside.includes(r.url())) errors.push(`failed: ${r.url()}`); });
  page.on('response', (r) => { if (r.status() >= 400 && !r.url().endsWith('/404.html')) errors.push(`HTTP ${r.status()}: ${r.url()}`); });
  await page.goto(url, { waitUntil: 'load' });
  try {
    return await fn(page, { outside, errors });
  } finally {
    await page.close();
  }
}

async function checkSite(browser, label, dir, results, options = {}) {
  dir = path.resolve(dir);
  const server = await serve(dir);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const files = htmlFiles(dir);
  const paths = files.map((f) => pagePath(dir, f));
  const tally = (gate) => (results[gate] ??= { checked: 0, failures: [] });
  // Pages opened in the browser: all of them, or one of each kind.
  const visited = options.sample ? onePerKind(paths) : paths;

  // 2. Accessibility: axe-core, WCAG 2.1 A/AA rules, serious or critical.
  const axePaths = options.axePaths || paths.filter((p) => [
    '', 'plan/', 'list/', 'list/page/2/', 'list/open/page/2/', 'policy/', 'policy/glossary/', 'notes/', 'print/'].includes(p)
    || /^(issues|villages|units)\/[^/]+\/$/.test(p) && [...paths].filter((q) => q.split('/')[0] === p.split('/')[0]).indexOf(p) === 0);
  const desktop = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  for (const p of axePaths) {
    await withPage(desktop, base + p, async (page) => {
      await page.addScriptTag({ path: AXE });
      const found = await page.evaluate(async () => {
        const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
        return { rules: r.passes.length + r.violations.length + r.incomplete.length + r.inapplicable.length,
          bad: r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 2).map((n) => n.target.join(' ')).join('; ')}`) };
      });
      const gate = tally('accessibility');
      gate.checked += 1;
      gate.rules = found.rules;
      gate.failures.push(...found.bad.map((b) => `${label} /${p}: ${b}`));
    });
  }

  // 3. Self-contained, 4. phone layout, 6. keyboard: every page.
  const phone = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  await pool(visited, 4, async (p) => {
    await withPage(desktop, base + p, async (page, seen) => {
      const gate = tally('self-contained');
      gate.checked += 1;
      gate.requests = (gate.requests || 0) + 1;
      gate.failures.push(...seen.outside.map((u) => `${label} /${p}: request outside the site: ${u}`));
      gate.failures.push(...seen.errors.map((e) => `${label} /${p}: ${e}`));
      // Keyboard: a skip link first, focus visible.
      const keys = tally('keyboard');
      keys.checked += 1;
      await page.keyboard.press('Tab');
      const first = await page.evaluate(() => {
        const el = document.activeElement;
        const style = el ? getComputedStyle(el) : null;
        const target = el && el.getAttribute('href')?.startsWith('#') ? document.getElementById(el.getAttribute('href').slice(1)) : null;
        return { skip: !!el && el.classList.contains('skip-link'), target: !!target,
          visible: !!style && (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 || style.boxShadow !== 'none') };
      });
      if (!first.skip) keys.failures.push(`${label} /${p}: the first Tab does not reach a skip link`);
      else if (!first.target) keys.failures.push(`${label} /${p}: the skip link's target is missing`);
      if (!first.visible) keys.failures.push(`${label} /${p}: focus is not visible`);
    });
    await withPage(phone, base + p, async (page, seen) => {
      const gate = tally('phone layout');
      gate.checked += 1;
      const layout = await page.evaluate(() => {
        // Text in a drawing as a reader sees it: its font size times the
        // drawing's scale on screen.
        const texts = [...document.querySelectorAll('svg text')].filter((t) => t.checkVisibility() && t.textContent.trim());
        const tiny = texts.map((t) => {
            const m = t.getScreenCTM();
            return { text: t.textContent.trim(), px: m ? parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b) : 0 };
          }).filter((t) => t.px < 12);
        // A cell (or a phase of the timeline) too narrow for two characters breaks
        // its words a character a line.
        const narrow = [...document.querySelectorAll('td, th, .phases > li')].filter((c) => c.checkVisibility() && c.textContent.trim())
          .map((c) => {
            const s = getComputedStyle(c);
            return { text: c.textContent.trim(), inner: c.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight), em: parseFloat(s.fontSize) };
          }).filter((c) => c.inner < 2 * c.em);
        return {
          scroll: document.documentElement.scrollWidth, width: 375,
          small: [...document.querySelectorAll('.nav a')].map((a) => a.getBoundingClientRect())
            .filter((r) => r.height < 44 || r.width < 44).length,
          texts: texts.length, tiny: tiny.length, firstTiny: tiny[0] && `"${tiny[0].text.slice(0, 12)}" at ${tiny[0].px.toFixed(1)}px`,
          narrow: narrow.length, firstNarrow: narrow[0] && `"${narrow[0].text.slice(0, 12)}" in ${narrow[0].inner.toFixed(0)}px`,
        };
      });
      gate.chartTexts = (gate.chartTexts || 0) + layout.texts;
      if (layout.scroll > layout.width) gate.failures.push(`${label} /${p}: document is ${layout.scroll}px wide at ${layout.width}px`);
      if (layout.small) gate.failures.push(`${label} /${p}: ${layout.small} navigation links smaller than 44px`);
      if (layout.tiny) gate.failures.push(`${label} /${p}: ${layout.tiny} chart texts below 12px, e.g. ${layout.firstTiny}`);
      if (layout.narrow) gate.failures.push(`${label} /${p}: ${layout.narrow} table cells narrower than 2 characters, e.g. ${layout.firstNarrow}`);
      gate.failures.push(...seen.errors.map((e) => `${label} /${p} at 375px: ${e}`));
    });
  });

  // 5. No JavaScript: the same content with scripts off.
  const noJs = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
  for (const p of visited.filter((q) => q === 'list/' || q === 'policy/' || /^(issues|villages|policy)\/[^/]+\/$/.test(q))) {
    const gate = tally('no javascript');
    gate.checked += 1;
    const withJs = await withPage(desktop, base + p, (page) => page.innerText('main'));
    const without = await withPage(noJs, base + p, (page) => page.innerText('main'));
    if (without.trim().length < 20) gate.failures.push(`${label} /${p}: main is empty without JavaScript`);
    else if (without !== withJs) gate.failures.push(`${label} /${p}: content differs without JavaScript`);
  }

  // 6. Keyboard: tabbing through the overview reaches every visible link.
  if (paths.includes('')) {
    await withPage(desktop, base, async (page) => {
      const gate = tally('keyboard');
      // Every stop the Tab key makes, links or not (a chart's data table
      // opens from a summary): a county's overview has dozens of each.
      const { links, stops } = await page.evaluate(() => {
        const shown = (selector) => [...document.querySelectorAll(selector)].filter((e) => e.checkVisibility());
        return {
          links: shown('a[href]').filter((a) => !a.classList.contains('skip-link')).length,
          stops: shown('a[href], summary, button, input, select, textarea, [tabindex]').length,
        };
      });
      const reached = new Set();
      for (let i = 0; i < stops + 20; i++) {
        await page.keyboard.press('Tab');
        const id = await page.evaluate(() => {
          const el = document.activeElement;
          if (!el || el.tagName !== 'A') return null;
          el.dataset.seen ??= String(Math.random());
          return el.classList.contains('skip-link') ? null : el.dataset.seen;
        });
        if (id) reached.add(id);
      }
      if (reached.size < links) gate.failures.push(`${label} /: Tab reached ${reached.size} of ${links} links`);
      gate.tabbed = (gate.tabbed || 0) + reached.size;
    });
  }

  // 7. Screenshots for people to look at.
  if (!options.noScreenshots) {
    fs.mkdirSync(SHOTS, { recursive: true });
    for (const p of MAIN_PAGES.filter((q) => paths.includes(q))) {
      for (const [context, width] of [[phone, 375], [desktop, 1280]]) {
        await withPage(context, base + p, (page) => page.screenshot({
          path: path.join(SHOTS, `${label}-${(p || 'overview').replace(/\/$/, '').replace(/\//g, '-')}-${width}.png`), fullPage: true }));
        tally('screenshots').checked += 1;
        tally('screenshots');
      }
    }
  }
  await Promise.all([desktop.close(), phone.close(), noJs.close()]);
  server.close();
  return files;
}

async function launch() {
  return chromium.launch({
    executablePath: BROWSER,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

// ---------- self-test: each gate must catch its broken page ----------

async function selfTest() {
  const dir = path.join(here, 'broken-site');
  const browser = await launch();
  const results = {};
  const files = await checkSite(browser, 'broken', dir, results, { axePaths: ['no-alt.html'], noScreenshots: true });
  await browser.close();
  const html = validateHtml(files);
  const expectations = [
    ['html validity catches an unclosed element', html.some((m) => m.includes('unclosed.html'))],
    ['accessibility catches an image without alt', results.accessibility.failures.some((f) => f.includes('image-alt'))],
    ['self-contained catches an external script', results['self-contained'].failures.some((f) => f.includes('external-script.html') && f.includes('cdn.example.com'))],
    ['phone layout catches a 600px table', results['phone layout'].failures.some((f) => f.includes('wide-table.html'))],
    ['phone layout catches chart text drawn below 12px', results['phone layout'].failures.some((f) => f.includes('tiny-chart.html') && f.includes('chart texts below 12px'))],
    ['phone layout catches a cell narrower than 2 characters', results['phone layout'].failures.some((f) => f.includes('tiny-chart.html') && f.includes('narrower than 2 characters'))],
    ['keyboard catches a page without a skip link', results.keyboard.failures.some((f) => f.includes('no-alt.html') && f.includes('skip link'))],
    ['the good page passes every gate', ![html, ...Object.values(results).map((r) => r.failures)].flat().some((f) => f.includes('good.html'))],
  ];
  let passed = 0, failed = 0;
  for (const [name, ok] of expectations) {
    console.log(`self-test: ${ok ? 'ok    ' : 'FAILED'} ${name}`);
    ok ? passed++ : failed++;
  }
  console.log(`self-test: ${passed} passed, ${failed} failed`);
  return failed;
}

// ---------- main ----------

async function main() {
  const args = process.argv.slice(2);
  if (args.includes('--self-test')) process.exit(await selfTest() ? 1 : 0);
  // --sample=LABEL: that site's pages are all validated, but opened in the
  // browser one of each kind (a generated ledger's 120 issue pages differ
  // from each other only in their words).
  const sampled = args.filter((a) => a.startsWith('--sample=')).map((a) => a.slice('--sample='.length));
  const sites = args.filter((a) => !a.startsWith('--')).map((a) => a.split('=')).map(([label, dir]) => ({ label, dir }));
  if (!sites.length) { console.error('usage: node gates.mjs [--sample=LABEL] LABEL=DIR … | --self-test'); process.exit(2); }
  const started = Date.now();
  const browser = await launch();
  const results = {};
  const allFiles = [];
  for (const { label, dir } of sites) {
    allFiles.push(...await checkSite(browser, label, dir, results, { sample: sampled.includes(label) }));
  }
  await browser.close();
  results['html validity'] = { checked: allFiles.length, failures: validateHtml(allFiles) };
  const order = ['html validity', 'accessibility', 'self-contained', 'phone layout', 'no javascript', 'keyboard', 'screenshots'];
  let passed = 0, failed = 0;
  for (const gate of order) {
    const r = results[gate] || { checked: 0, failures: [] };
    const extra = gate === 'accessibility' ? `, ${r.rules ?? 0} rules each` : gate === 'self-contained' ? `, ${r.requests ?? 0} pages loaded`
      : gate === 'phone layout' ? `, ${r.chartTexts ?? 0} chart texts measured`
      : gate === 'keyboard' ? `, ${r.tabbed ?? 0} overview links reached by Tab` : gate === 'screenshots' ? ` → ${SHOTS}` : '';
    const ok = r.failures.length === 0 && r.checked > 0;
    console.log(`${gate}: ${ok ? 'ok' : 'FAILED'} (${r.checked} checked${extra}, ${r.failures.length} problems)`);
    for (const f of r.failures.slice(0, 40)) console.log(`  ${f}`);
    ok ? passed++ : failed++;
  }
  console.log(`gates took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => { console.error(e); process.exit(1); });
