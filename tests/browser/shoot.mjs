// Screenshot helper for people: node shoot.mjs FILE_OR_URL OUT.png [WIDTH] [CSS_SELECTOR]
// Takes the whole page, or just the element the selector names.
import { chromium } from 'playwright-core';
import path from 'node:path';

const [target, out, width = '1280', selector] = process.argv.slice(2);
const url = /^[a-z]+:/.test(target) ? target : 'file://' + path.resolve(target);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
const page = await browser.newPage({ viewport: { width: Number(width), height: 900 } });
await page.goto(url, { waitUntil: 'load' });
if (process.env.GRAYSCALE) await page.addStyleTag({ content: 'html { filter: grayscale(1); }' });
if (selector) await page.locator(selector).first().screenshot({ path: out });
else await page.screenshot({ path: out, fullPage: true });
await browser.close();
