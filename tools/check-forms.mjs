// Imports every forms/*.form into form-js 1.8 (what the Camunda 7.24 Tasklist renders) in headless
// Debian Chromium and checks the validation rules the model relies on ("required only on reject",
// "What must be redone?" on a rejected sign-off, the pilot summary's required confirmation box),
// and the notes a form shows in words while a field breaks a rule that form-js 1.8 could only say
// as a regular expression ("⚠ Tenant id: use lower-case letters…") or that is worth a warning
// ("The first pilot day is in the past."). The server checks those rules again (DeployedForm).
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
  ['pilot-issue-triage', { issueTitle: 'x', severity: 'high', approveFix: 'no' }, []],
  ['pilot-issue-triage', { issueTitle: 'x', severity: 'high', approveFix: 'yes' }, ['component', 'topic']],
  ['pilot-issue-triage', { issueTitle: 'x', severity: 'high', approveFix: 'yes', component: 'backend', topic: 'Bad Topic' }, [], ['Topic']],
  ['pilot-feedback-categorization', { feedbackText: 'x', category: 'defect' }, []],
  ['pilot-feedback-categorization', { feedbackText: 'x' }, ['category']],
  ['enhancement-adr', { enhancementCandidate: 'SSO', adrNeeded: false }, []],
  ['enhancement-adr', { enhancementCandidate: 'SSO', adrNeeded: true }, ['adrTitle', 'adrLink']],
  ['enhancement-adr', { enhancementCandidate: 'SSO', adrNeeded: true, adrTitle: 'SSO', adrLink: 'adr 12' }, [], ['ADR link']],
  ['onboarding-conflict', { details: 'already routed', environment: 'production', region: 'eu-central-1' }, ['comment']],
  ['onboarding-conflict', { details: 'already routed', environment: 'staging', region: 'eu-central-1',
    comment: 'old route cleared' }, []],
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
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(`forms: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
