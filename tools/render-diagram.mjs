// Renders processes/<Process>.bpmn to a PNG with bpmn-js in headless Debian Chromium.
//   apt-get install -y chromium && npm ci && node tools/render-diagram.mjs [bpmn] [png]
// Defaults: processes/MvpPilotLaunch.bpmn -> docs/mvp-pilot-launch.png
// Uses the system Chromium (/usr/bin/chromium or $CHROMIUM), never a downloaded browser,
// with a fresh profile and background networking off.
import { chromium } from 'playwright-core';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bpmnFile = resolve(root, process.argv[2] || 'processes/MvpPilotLaunch.bpmn');
const pngFile = resolve(root, process.argv[3] || 'docs/mvp-pilot-launch.png');
const maxWidth = Number(process.env.MAX_WIDTH || 12000);

const viewerJs = readFileSync(join(root, 'node_modules/bpmn-js/dist/bpmn-viewer.production.min.js'), 'utf8');
const css = ['diagram-js.css', 'bpmn-js.css', 'bpmn-font/css/bpmn.css']
  .map((f) => readFileSync(join(root, 'node_modules/bpmn-js/dist/assets', f), 'utf8')).join('\n');
const xml = readFileSync(bpmnFile, 'utf8');

const profile = mkdtempSync(join(tmpdir(), 'render-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
  viewport: { width: 1600, height: 1000 },
});
try {
  const page = context.pages()[0] || await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.setContent(`<html><head><style>${css} html,body{margin:0;background:#fff}</style></head>` +
    '<body><div id="canvas" style="width:100%;height:100%"></div></body></html>');
  await page.addScriptTag({ content: viewerJs });
  const size = await page.evaluate(async (diagram) => {
    const viewer = new window.BpmnJS({ container: '#canvas' });
    const { warnings } = await viewer.importXML(diagram);
    if (warnings.length) console.warn(warnings.map((w) => w.message).join('\n'));
    const { svg } = await viewer.saveSVG();
    document.body.innerHTML = `<div id="out">${svg}</div>`;
    const el = document.querySelector('#out svg');
    return { width: el.width.baseVal.value, height: el.height.baseVal.value };
  }, xml);
  const scale = Math.min(1, maxWidth / size.width);
  await page.evaluate(({ w, h }) => {
    const el = document.querySelector('#out svg');
    el.setAttribute('width', w); el.setAttribute('height', h);
  }, { w: Math.ceil(size.width * scale), h: Math.ceil(size.height * scale) });
  await page.setViewportSize({ width: Math.ceil(size.width * scale) + 20, height: Math.ceil(size.height * scale) + 20 });
  await page.locator('#out svg').screenshot({ path: pngFile });
  console.log(`rendered ${bpmnFile} -> ${pngFile} (${Math.ceil(size.width * scale)}x${Math.ceil(size.height * scale)})`);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
