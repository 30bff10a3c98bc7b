// The HTML report in a real browser: writes the fixture's report, opens it in headless Chromium
// (Debian's), and checks that the page raised no console error, that every chart rendered (an
// ECharts instance with series and a canvas with painted pixels), that a hostile display name
// stayed text, and that the drill-down filters by unit. Keeps a full-page screenshot.
//
// Chromium is driven over the DevTools protocol on a pipe (--remote-debugging-pipe: commands on
// fd 3, replies on fd 4, each message ending with NUL), so no driver package is needed.
//
// usage: node browser_test.mjs WRITE_FIXTURE_REPORT CHROMIUM OUT_DIR
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [writer, chromium, outDir] = process.argv.slice(2);
if (!outDir) {
  console.error('usage: node browser_test.mjs WRITE_FIXTURE_REPORT CHROMIUM OUT_DIR');
  process.exit(2);
}
const CHARTS = ['gantt', 'burndown', 'kinds', 'groups', 'heatmap'];
const HOSTILE = "</script><script>alert('x')</script>村";
const WIDTH = 1440;
const TIMEOUT_MS = 90000;

const htmlPath = path.join(outDir, 'report-fixture.html');
const pngPath = path.join(outDir, 'report-screenshot.png');
execFileSync(writer, [htmlPath], { stdio: 'inherit' });

const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-chromium-'));
const browser = spawn(chromium, [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage', '--hide-scrollbars', '--force-device-scale-factor=1',
  `--user-data-dir=${profile}`, '--remote-debugging-pipe', 'about:blank',
], { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
let browserLog = '';
browser.stderr.on('data', (d) => { browserLog = (browserLog + d).slice(-4000); });

const failures = [];
let passed = 0;
const check = (ok, what) => {
  if (ok) passed += 1; else failures.push(what);
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
};

let done = false;
let exited = false;
const exitedPromise = new Promise((resolve) => browser.on('exit', () => { exited = true; resolve(); }));
browser.on('exit', (code) => {
  if (!done) {
    console.error(`chromium exited early (${code})\n${browserLog}`);
    finish(1);
  }
});

// Waits for Chromium to leave (killing it if it lingers), then removes its profile: a profile
// removed while the browser still writes to it cannot be removed. Cleanup never fails the test.
async function finish(code) {
  const wait = (ms) => new Promise((r) => setTimeout(r, ms));
  if (!exited) await Promise.race([exitedPromise, wait(5000)]);
  if (!exited) {
    browser.kill('SIGKILL');
    await Promise.race([exitedPromise, wait(2000)]);
  }
  try {
    fs.rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  } catch (e) {
    console.error(`note: could not remove ${profile}: ${e.message}`);
  }
  process.exit(code);
}
const timer = setTimeout(() => {
  console.error(`timed out after ${TIMEOUT_MS} ms\n${browserLog}`);
  done = true;
  finish(1);
}, TIMEOUT_MS);

// The protocol: numbered commands, replies matched by id, events to listeners.
let nextId = 1;
const pending = new Map();
const listeners = [];
let buffer = '';
browser.stdio[4].setEncoding('utf8');
browser.stdio[4].on('data', (chunk) => {
  buffer += chunk;
  let end;
  while ((end = buffer.indexOf('\0')) >= 0) {
    const msg = JSON.parse(buffer.slice(0, end));
    buffer = buffer.slice(end + 1);
    if (msg.id && pending.has(msg.id)) {
      const { resolve, reject, method } = pending.get(msg.id);
      pending.delete(msg.id);
      if (msg.error) reject(new Error(`${method}: ${msg.error.message}`)); else resolve(msg.result);
    } else if (msg.method) {
      for (const l of listeners) l(msg);
    }
  }
});
function send(method, params = {}, sessionId = undefined) {
  const id = nextId++;
  browser.stdio[3].write(JSON.stringify({ id, method, params, sessionId }) + '\0');
  return new Promise((resolve, reject) => pending.set(id, { resolve, reject, method }));
}
const once = (method) => new Promise((resolve) => {
  const l = (msg) => { if (msg.method === method) { listeners.splice(listeners.indexOf(l), 1); resolve(msg); } };
  listeners.push(l);
});

const errors = [];
listeners.push((msg) => {
  const p = msg.params || {};
  if (msg.method === 'Runtime.exceptionThrown') {
    errors.push(`exception: ${p.exceptionDetails?.exception?.description || p.exceptionDetails?.text}`);
  } else if (msg.method === 'Runtime.consoleAPICalled' && (p.type === 'error' || p.type === 'assert')) {
    errors.push(`console.${p.type}: ${p.args.map((a) => a.value ?? a.description).join(' ')}`);
  } else if (msg.method === 'Log.entryAdded' && p.entry.level === 'error') {
    errors.push(`log: ${p.entry.text} ${p.entry.url || ''}`);
  } else if (msg.method === 'Page.javascriptDialogOpening') {
    errors.push(`a dialog opened: ${p.message}`);
  }
});

async function evaluate(session, expression) {
  const r = await send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true }, session);
  if (r.exceptionDetails) throw new Error(`in page: ${r.exceptionDetails.exception?.description}`);
  return r.result.value;
}

async function main() {
  const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
  const { sessionId: s } = await send('Target.attachToTarget', { targetId, flatten: true });
  await send('Runtime.enable', {}, s);
  await send('Log.enable', {}, s);
  await send('Page.enable', {}, s);
  await send('Emulation.setDeviceMetricsOverride',
    { width: WIDTH, height: 1000, deviceScaleFactor: 1, mobile: false }, s);
  const loaded = once('Page.loadEventFired');
  await send('Page.navigate', { url: pathToFileURL(htmlPath).href }, s);
  await loaded;
  // Ready, then two frames so that ECharts has painted its canvases.
  const ready = await evaluate(s, `new Promise((resolve) => {
    const start = Date.now();
    const poll = () => {
      if (window.lockstepReport && window.lockstepReport.ready) {
        requestAnimationFrame(() => requestAnimationFrame(() => resolve(true)));
      } else if (Date.now() - start > 20000) resolve(false); else setTimeout(poll, 50);
    };
    poll();
  })`);
  check(ready === true, 'the page finished drawing (window.lockstepReport.ready)');

  const charts = await evaluate(s, `(${JSON.stringify(CHARTS)}).map((name) => {
    const chart = window.lockstepReport.charts[name];
    const node = document.getElementById('chart-' + name);
    const canvas = node && node.querySelector('canvas');
    let painted = 0;
    if (canvas && canvas.width > 0 && canvas.height > 0) {
      const px = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      for (let i = 3; i < px.length; i += 4 * 7) if (px[i] !== 0) painted++;
    }
    const series = chart ? chart.getOption().series : [];
    return { name, instance: !!chart, series: series.length,
             points: series.reduce((n, x) => n + (x.data ? x.data.length : 0), 0),
             width: canvas ? canvas.width : 0, height: canvas ? canvas.height : 0, painted };
  })`);
  for (const c of charts) {
    check(c.instance && c.series > 0 && c.points > 0,
      `chart ${c.name} has an ECharts instance with ${c.series} series, ${c.points} points`);
    check(c.width > 0 && c.height > 0 && c.painted > 100,
      `chart ${c.name} painted its ${c.width}x${c.height} canvas (${c.painted} sampled pixels)`);
  }

  const page = await evaluate(s, `({
    scripts: document.scripts.length,
    hostileShown: document.getElementById('unit-table').textContent.includes(${JSON.stringify(HOSTILE)}),
    title: document.getElementById('title').textContent,
    violationRows: document.querySelectorAll('#violation-table tbody tr').length,
    violations: JSON.parse(document.getElementById('lockstep-data').textContent).violations.length,
  })`);
  check(page.scripts === 3, `the page has its own 3 scripts and no injected one (${page.scripts})`);
  check(page.hostileShown, 'a display name holding </script> is shown as text');
  check(page.title === '保持共产党员先进性教育活动（第二批）', `the title reads ${page.title}`);
  check(page.violationRows === page.violations,
    `the drill-down lists every violation (${page.violationRows} of ${page.violations})`);

  // Full-page screenshot, at the page's own height.
  const metrics = await send('Page.getLayoutMetrics', {}, s);
  const height = Math.min(12000, Math.ceil(metrics.cssContentSize.height));
  await send('Emulation.setDeviceMetricsOverride',
    { width: WIDTH, height, deviceScaleFactor: 1, mobile: false }, s);
  await evaluate(s, 'new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
  const shot = await send('Page.captureScreenshot', { format: 'png', captureBeyondViewport: false }, s);
  fs.writeFileSync(pngPath, Buffer.from(shot.data, 'base64'));
  check(fs.statSync(pngPath).size > 20000, `screenshot kept: ${pngPath}`);

  // The drill-down filters by unit.
  const filtered = await evaluate(s, `(() => {
    const select = document.getElementById('unit-filter');
    select.value = 'hongxing';
    select.dispatchEvent(new Event('change'));
    const rows = [...document.querySelectorAll('#violation-table tbody tr')];
    const expected = JSON.parse(document.getElementById('lockstep-data').textContent)
      .violations.filter((v) => v.unit === 'hongxing').length;
    return { rows: rows.length, expected,
             allHongxing: rows.every((r) => r.children[1].textContent === '红星村党支部'),
             units: document.querySelectorAll('#unit-table tbody tr').length };
  })()`);
  check(filtered.rows === filtered.expected && filtered.rows > 0 && filtered.allHongxing,
    `filtering by unit shows only its ${filtered.expected} violations (${filtered.rows} rows)`);
  check(filtered.units === 1, 'filtering by unit shows one row in the units table');

  await new Promise((r) => setTimeout(r, 100));  // late console errors still count
  for (const e of errors) console.log(`  ${e}`);
  check(errors.length === 0, `no console errors or exceptions (${errors.length})`);
}

main().then(() => {
  done = true;
  send('Browser.close').catch(() => {});  // finish() waits for the exit, not for a reply
  clearTimeout(timer);
  console.log(`${passed} passed, ${failures.length} failed`);
  finish(failures.length === 0 ? 0 : 1);
}, (e) => {
  done = true;
  send('Browser.close').catch(() => {});
  console.error(`error: ${e.stack || e}\n${browserLog}`);
  finish(1);
});
