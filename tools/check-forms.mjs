// Imports every forms/*.form into form-js 1.8 (what the Camunda 7.24 Tasklist renders) in headless
// Debian Chromium and checks the validation rules the model relies on ("required only on reject",
// "What must be redone?" on a rejected sign-off, the pilot summary's required confirmation box),
// how the reviews and sign-offs render what they judge, and the notes a form shows in words while a
// field breaks a rule that form-js 1.8 could only say as a regular expression ("⚠ Tenant id: use
// lower-case letters…") or that is worth a warning ("The first pilot day is in the past."). The
// server checks those rules again (DeployedForm).
//   apt-get install -y chromium && npm ci && node tools/check-forms.mjs
import { chromium } from 'playwright-core';
import { readFileSync, readdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const viewerJs = readFileSync(join(root, 'node_modules/@bpmn-io/form-js/dist/form-viewer.umd.js'), 'utf8');
const forms = Object.fromEntries(readdirSync(join(root, 'forms')).filter((f) => f.endsWith('.form'))
  .map((f) => [f.replace(/\.form$/, ''), JSON.parse(readFileSync(join(root, 'forms', f), 'utf8'))]));

const SEVERITY_OPTIONS = {
  severityOptions: ['critical', 'high', 'medium', 'low'].map((value) => ({ label: value[0].toUpperCase() + value.slice(1), value })),
};

// [form, data as the task provides it, field keys expected to fail validation on submit,
//  notes expected on show: the label of each "⚠ <label>:" hint, and each "… is in the past." warning]
const cases = [
  // region is offered once an environment is chosen; the days are plain dates (yyyy-mm-dd)
  ['start-pilot', {}, ['tenantId', 'tenantName', 'environment', 'pilotStart', 'pilotEnd']],
  ['start-pilot', { environment: 'production' }, ['tenantId', 'tenantName', 'region', 'pilotStart', 'pilotEnd']],
  ['start-pilot', { tenantId: 'acme', tenantName: 'ACME', environment: 'production', region: 'us-east-1',
    pilotStart: '2099-12-01', pilotEnd: '2100-01-15' }, []],
  // the rules that form-js 1.8 would report as "Field must match pattern ^…$" are notes in words
  ['start-pilot', { tenantId: 'Not A Key!', tenantName: 'ACME', environment: 'staging', region: 'eu-central-1',
    pilotStart: '12/01/2099', pilotEnd: '2100-01-15T18:00Z' }, [], ['Tenant id', 'First pilot day', 'Last pilot day']],
  ['start-pilot', { tenantId: 'a--b', tenantName: 'A', environment: 'staging', region: 'eu-central-1',
    pilotStart: '2099-02-30', pilotEnd: '2099-12-31' }, [], ['Tenant id', 'First pilot day']],
  ['start-pilot', { tenantId: 'x', tenantName: 'A', environment: 'staging', region: 'eu-central-1',
    pilotStart: '2099-12-01', pilotEnd: '2099-12-31' }, ['tenantId']],
  ['start-pilot', { tenantId: 'acme', tenantName: 'A', environment: 'staging', region: 'eu-central-1',
    pilotStart: '2099-12-20', pilotEnd: '2099-12-01' }, [], ['Last pilot day']],
  // a window that opened in the past is a warning, not a refusal
  ['start-pilot', { tenantId: 'acme', tenantName: 'A', environment: 'staging', region: 'eu-central-1',
    pilotStart: '2020-01-01', pilotEnd: '2099-12-31' }, [], ['The first pilot day is in the past.']],
  ['start-pilot', { tenantId: 'acme', tenantName: 'A', environment: 'staging', region: 'eu-central-1',
    pilotStart: '2020-01-01', pilotEnd: '2020-01-31' }, [],
    ['The first pilot day is in the past.', 'The last pilot day is in the past.']],
  ['checklist-item', { checklistItem: 'Tenant onboarding checklist is finalized.', done: false }, []],
  ['checklist-item', { done: true }, ['evidenceLink']],
  ['checklist-item', { done: true, evidenceLink: 'https://wiki.example.test/x' }, []],
  ['checklist-item', { done: true, evidenceLink: 'javascript:alert(1)' }, [], ['Evidence link']],
  ['checklist-item', { done: false, evidenceLink: 'javascript:alert(1)' }, []],
  ['review-item', {}, ['decision']],
  ['review-item', { decision: 'approve' }, []],
  ['review-item', { decision: 'reject' }, ['rejectionReason']],
  ['review-item', { decision: 'reject', rejectionReason: 'docs out of date' }, []],
  // "Support response SLAs met" shows pilotIssues.slaSummary(tenantId) read-only; it never blocks the review
  ['review-item', { details: 'Issues: 2\nSLA met: 1\nSLA breached: 1\nMedian time to first response: PT42M' }, ['decision']],
  ['review-item', { details: 'Issues: 0', decision: 'approve' }, []],
  ['sign-off', { decision: 'signOff' }, []],
  ['sign-off', { decision: 'signOffWithConditions' }, ['conditions']],
  ['sign-off', { decision: 'reject' }, ['rejectionReason', 'redo']],
  ['sign-off', { decision: 'reject', rejectionReason: 'summary misses defects', redo: 'summary' }, []],
  ['sign-off', { decision: 'reject', rejectionReason: 'x', redo: 'signoffs' }, []],
  // "What must be redone?" is asked only on reject
  ['sign-off', { decision: 'signOffWithConditions', conditions: 'retest exports', redo: null }, []],
  // the pilot summary: draft and candidates prefilled (task-local), editable; the confirmation box is required
  ['pilot-summary', { checklistItem: 'Produce pilot summary (results, defects, risks, recommendations).',
    summary: '# Pilot summary\n\nResults', adrCandidates: 'Bulk import\nSingle sign-on', confirmed: false }, ['confirmed']],
  ['pilot-summary', { summary: '# Pilot summary', adrCandidates: 'Bulk import', confirmed: true }, []],
  ['pilot-summary', { summary: '# Pilot summary', adrCandidates: '', confirmed: true }, []],
  ['pilot-summary', { summary: '', adrCandidates: null, confirmed: true }, ['summary']],
  ['pilot-summary', {}, ['summary', 'confirmed']],
  // the severity choices come from the task (valuesKey severityOptions, the configured severities)
  ['pilot-issue-triage', { ...SEVERITY_OPTIONS, issueTitle: 'x', severity: 'high', approveFix: 'no' }, []],
  ['pilot-issue-triage', { ...SEVERITY_OPTIONS, issueTitle: 'x', severity: 'high', approveFix: 'yes' }, ['component', 'topic']],
  ['pilot-issue-triage', { ...SEVERITY_OPTIONS, issueTitle: 'x', severity: 'high', approveFix: 'yes', component: 'backend', topic: 'Bad Topic' }, [], ['Topic']],
  // without choices from the task the form offers none, so nothing can be picked
  ['pilot-issue-triage', { issueTitle: 'x', severity: 'high', approveFix: 'no' }, ['severity']],
  ['pilot-feedback-categorization', { feedbackText: 'x', category: 'defect' }, []],
  ['pilot-feedback-categorization', { feedbackText: 'x' }, ['category']],
  // an enhancement candidate needs at least one candidate named
  ['pilot-feedback-categorization', { feedbackText: 'x', category: 'enhancement' }, ['enhancementCandidates']],
  ['pilot-feedback-categorization', { feedbackText: 'x', category: 'enhancement', enhancementCandidates: 'Bulk import' }, []],
  ['enhancement-adr', { enhancementCandidate: 'SSO', adrNeeded: false }, []],
  ['enhancement-adr', { enhancementCandidate: 'SSO', adrNeeded: true }, ['adrTitle', 'adrLink']],
  ['enhancement-adr', { enhancementCandidate: 'SSO', adrNeeded: true, adrTitle: 'SSO', adrLink: 'adr 12' }, [], ['ADR link']],
  ['onboarding-conflict', { details: 'already routed', environment: 'production', region: 'eu-central-1' }, ['comment']],
  ['onboarding-conflict', { details: 'already routed', environment: 'staging', region: 'eu-central-1',
    comment: 'old route cleared' }, []],
];

// [form, data, what the rendered text components must show]: reviews and sign-offs render the
// records under review (underReview, Markdown the server made inert) as text with clickable web
// links; raw HTML, scripts and javascript: links in it would still render as nothing active.
const HOSTILE = '<img src=x onerror="window.owned=1"><script>window.owned=2</script>' +
  '[click](javascript:window.owned=3) <a href="javascript:window.owned=4">a</a>';
const renders = [
  ['review-item', { underReview: '#### Phase 1: Pilot Tenant Onboarding\n\n- \u2611 Onboarding checklist validated.\n' +
    '  - Approved by qa on 3 Dec 2026, 10:04 UTC; comment: \\#\\# not a heading &lt;b&gt;; evidence: <https://wiki.example.test/x?a=1&b=2>' },
    { text: ['What you review', 'Phase 1: Pilot Tenant Onboarding', 'Approved by qa', '## not a heading <b>'],
      links: ['https://wiki.example.test/x?a=1&b=2'], headings: 2 }],
  ['sign-off', { underReview: '#### Pilot summary\n\n##### Pilot summary: ACME\n\n###### Results\n\n- Pilot window: 1 Dec' },
    { text: ['What you sign off', 'Pilot summary: ACME', 'Results', 'Pilot window: 1 Dec'], notText: ['#'], links: [], headings: 4 }],
  // raw HTML: form-js drops scripts, handlers and javascript: links, but keeps <img src> (it would
  // load); so the server escapes what people typed (MarkdownText), as in the next case
  ['review-item', { underReview: HOSTILE }, { text: ['What you review'], links: [], headings: 1, images: 1 }],
  ['review-item', { underReview: '- Rejected by sec; reason: ' + HOSTILE.replaceAll('&', '&amp;').replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;').replace(/[[\]]/g, (c) => '\\' + c) },
    { text: ['What you review', 'reason: <img src=x onerror="window.owned=1"><script>window.owned=2</script>[click](javascript:'],
      links: [], headings: 1 }],
  ['review-item', {}, { notText: ['What you review'], links: [], headings: 0 }],
];

const profile = mkdtempSync(join(tmpdir(), 'forms-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
let passed = 0;
let failed = 0;
try {
  const page = context.pages()[0] || await context.newPage();
  await page.setContent('<html><body><div id="form"></div></body></html>');
  await page.addScriptTag({ content: viewerJs });
  // Warm up: the first import in a fresh page compiles form-js and FEEL and can outlast the wait
  // below, so a form would validate before its fields exist.
  await page.evaluate(async (schemas) => {
    for (const schema of schemas) {
      const form = new window.FormViewer.Form({ container: document.querySelector('#form') });
      await form.importSchema(schema, {});
      await new Promise((r) => setTimeout(r, 200));
      form.destroy();
    }
  }, Object.values(forms));
  for (const [name, data, expected, expectedNotes = []] of cases) {
    const result = await page.evaluate(async ({ schema, data }) => {
      document.querySelector('#form').innerHTML = '';
      const form = new window.FormViewer.Form({ container: document.querySelector('#form') });
      try {
        const { warnings } = await form.importSchema(schema, data);
        await new Promise((r) => setTimeout(r, 100)); // let the fields render (conditions evaluate)
        const errors = form.validate();
        const fieldKeys = Object.fromEntries(form.get('formFieldRegistry').getAll().map((f) => [f.id, f.key]));
        const notes = document.querySelector('#form').innerText.split('\n').flatMap((line) => {
          const hint = /^⚠ (.+?):/.exec(line);
          const past = /^(The (first|last) pilot day is in the past\.)/.exec(line);
          return hint ? [hint[1]] : past ? [past[1]] : [];
        });
        return { warnings: warnings.map(String), errorKeys: Object.keys(errors).map((id) => fieldKeys[id] || id), notes };
      } catch (e) {
        return { error: String(e) };
      } finally {
        form.destroy();
      }
    }, { schema: forms[name], data });
    const got = (result.errorKeys || []).slice().sort().join(',');
    const notes = (result.notes || []).slice().sort().join(',');
    const ok = !result.error && !(result.warnings || []).length && got === expected.slice().sort().join(',')
      && notes === expectedNotes.slice().sort().join(',');
    if (ok) { passed++; } else { failed++; }
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${name} ${JSON.stringify(data)} -> invalid [${got}] notes [${notes}]` +
      (ok ? '' : ` expected [${expected.join(',')}] notes [${expectedNotes.join(',')}] ${result.error || ''} ${(result.warnings || []).join(';')}`));
  }
  for (const [name, data, expected] of renders) {
    const got = await page.evaluate(async ({ schema, data }) => {
      document.querySelector('#form').innerHTML = '';
      window.owned = undefined;
      const form = new window.FormViewer.Form({ container: document.querySelector('#form') });
      try {
        await form.importSchema(schema, data);
        await new Promise((r) => setTimeout(r, 100));
        const texts = [...document.querySelectorAll('.fjs-form-field-text')];
        return {
          text: texts.map((t) => t.textContent).join('\n'),
          links: texts.flatMap((t) => [...t.querySelectorAll('a')].map((a) => a.getAttribute('href'))),
          headings: texts.flatMap((t) => [...t.querySelectorAll('h1,h2,h3,h4,h5,h6')]).length,
          active: texts.flatMap((t) => [...t.querySelectorAll('script,iframe,object,embed,[onerror],[onclick],[onload]')]).length,
          images: texts.flatMap((t) => [...t.querySelectorAll('img')]).length,
          owned: window.owned,
        };
      } catch (e) {
        return { error: String(e) };
      } finally {
        form.destroy();
      }
    }, { schema: forms[name], data });
    // the milestone document link of the forms is always there
    const links = (got.links || []).filter((href) => href !== null && !href.startsWith('/pilots'));
    const problems = [];
    if (got.error) problems.push(got.error);
    (expected.text || []).filter((t) => !(got.text || '').includes(t)).forEach((t) => problems.push(`missing text "${t}"`));
    (expected.notText || []).filter((t) => (got.text || '').split('\n').slice(1).join('\n').includes(t))
      .forEach((t) => problems.push(`shows "${t}"`));
    if (JSON.stringify(links) !== JSON.stringify(expected.links)) problems.push(`links ${JSON.stringify(links)}`);
    if (got.headings !== expected.headings) problems.push(`${got.headings} headings`);
    if (got.active || got.owned !== undefined) problems.push(`active content: ${got.active} elements, owned=${got.owned}`);
    if (got.images !== (expected.images || 0)) problems.push(`${got.images} images`);
    if (problems.length) { failed++; } else { passed++; }
    console.log(`${problems.length ? 'FAIL' : 'ok  '} ${name} renders ${JSON.stringify(data).slice(0, 80)}` +
      (problems.length ? ` -> ${problems.join('; ')}` : ''));
  }
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(`forms: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
