/**
 * npm run bench — time to verdict on the commonest faults, Mail Preflight against
 * nodemailer with its default options and swaks with its default options, in one run
 * against the same local servers; then the warm send time over STARTTLS+AUTH.
 *
 *   npm run bench        (as root: the Postfix + Dovecot rig of test/rig/rig.ts needs it)
 *
 * Servers: the rig (SMTPS port, STARTTLS submission port, a wrong password) and the
 * scripted servers of the fault suite (test/faults/servers.ts: silence after EHLO, a
 * listener that never greets), nothing listening on a released port. Nothing leaves
 * 127.0.0.1.
 *
 * Mail Preflight runs with its default 10 s step timeout. nodemailer and swaks keep all
 * their defaults; each run is capped at 70 s and a capped run is shown as "≥70 s (capped)".
 * The quick faults run one after another; the slow ones (all timeouts) run at the same
 * time, since waiting for a timer is not distorted by another run's waiting.
 *
 * Then, measured side by side in one run: the whole-process start of the built command
 * line (`--help` against `node -e 0`; a refused connection diagnosed with --json against
 * `swaks --quit-after CONNECT` on the same port, and that run's peak RSS), and the window's
 * first screen (the script it loads, and the time to an editable settings form in
 * Chromium). These need `npm run build` first (out/cli, out/renderer). Each figure is
 * printed with its target and PASS or FAIL.
 *
 * Node 24 runs this file as is (type stripping). The services use extension-less imports
 * (a bundler's resolution), so a resolve hook adds the extension Node needs.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import './resolve-ts.ts';
import { createServer } from 'node:net';
import { cpus, hostname, platform, release } from 'node:os';

const { default: nodemailer } = await import('nodemailer');
const { runTest } = await import('../electron/services/smtp/run-test.ts');
const { startRig } = await import('../test/rig/rig.ts');
const { startScriptedServer, startSilentServer } = await import('../test/faults/servers.ts');
const { inTurn, measureProcesses } = await import('./bench-start.ts');
const { measureWindow } = await import('./bench-window.ts');

const CLI = 'out/cli/mail-preflight.js';
const RENDERER = 'out/renderer';
if (!existsSync(CLI) || !existsSync(join(RENDERER, 'index.html'))) {
  console.error('npm run bench measures the built app: run "npm run build" first.');
  process.exit(2);
}

type RunRequest = import('../electron/services/smtp/run-test.ts').RunRequest;

const CAP_MS = 70_000;
const MP_TIMEOUT_MS = 10_000;
const WARM_SENDS = 15;
/**
 * Two warm sends' medians this close are the same time: both clients wait about 43 of their
 * 50 ms for the rig's Postfix to answer EHLO after STARTTLS, and the medians of 15 move by
 * about a millisecond from one bench run to the next.
 */
const SAME_SEND_MS = 1;

// ---------------------------------------------------------------------------------------
// One measurement

interface Measured {
  ms: number;
  /** How it ended: a diagnosis code, an error code, an exit status. */
  outcome: string;
  capped: boolean;
  ok: boolean;
}

async function timeIt(
  step: (signal: AbortSignal) => Promise<{ outcome: string; ok: boolean }>,
): Promise<Measured> {
  const abort = new AbortController();
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const cap = new Promise<{ outcome: string; ok: boolean; capped: true }>((resolve) => {
    timer = setTimeout(() => {
      abort.abort();
      resolve({ outcome: 'capped', ok: false, capped: true });
    }, CAP_MS);
  });
  const result = await Promise.race([step(abort.signal).then((r) => ({ ...r, capped: false })), cap]);
  clearTimeout(timer);
  return { ...result, ms: performance.now() - started };
}

interface Target {
  host: string;
  port: number;
  /** Mail Preflight's name for it: none, starttls, tls. */
  security: 'none' | 'starttls' | 'tls';
  auth: { user: string; pass: string } | null;
  from: string;
  to: string;
}

function mailPreflight(t: Target, ca: string) {
  return timeIt(async () => {
    const request: RunRequest = {
      runId: randomUUID(),
      profileName: 'bench',
      host: t.host,
      port: t.port,
      security: t.security,
      auth: t.auth,
      from: t.from,
      replyTo: '',
      to: t.to,
      dryRun: false,
      timeoutMs: MP_TIMEOUT_MS,
      tls: { ca: [ca] },
    };
    const { report } = await runTest(request);
    return { outcome: report.code, ok: report.ok };
  });
}

function nodemailerDefaults(t: Target, ca: string) {
  return timeIt(async () => {
    const transport = nodemailer.createTransport({
      host: t.host,
      port: t.port,
      secure: t.security === 'tls',
      ...(t.auth ? { auth: t.auth } : {}),
      tls: { ca },
    });
    try {
      await transport.sendMail({ from: t.from, to: t.to, subject: 'bench', text: 'bench' });
      return { outcome: 'sent', ok: true };
    } catch (error) {
      return { outcome: (error as { code?: string }).code ?? 'error', ok: false };
    } finally {
      transport.close();
    }
  });
}

function swaks(t: Target) {
  const args = ['--server', '127.0.0.1', '--port', String(t.port)];
  if (t.security === 'starttls') args.push('--tls');
  if (t.security === 'tls') args.push('--tlsc');
  if (t.auth) args.push('--auth-user', t.auth.user, '--auth-password', t.auth.pass);
  args.push('--from', t.from, '--to', t.to, '--silent', '2');
  return timeIt(
    (signal) =>
      new Promise((resolve) => {
        const child = spawn('swaks', args, { stdio: ['ignore', 'ignore', 'ignore'] });
        signal.addEventListener('abort', () => child.kill('SIGKILL'));
        child.on('error', () => resolve({ outcome: 'not installed', ok: false }));
        child.on('exit', (status) => resolve({ outcome: `exit ${status}`, ok: status === 0 }));
      }),
  );
}

// ---------------------------------------------------------------------------------------
// Scenarios

/** A loopback port that was just released: nothing listens on it. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const cleanups: Array<() => Promise<void> | void> = [];
const cleanup = (step: () => Promise<void> | void) => cleanups.push(step);

console.log('Starting the Postfix + Dovecot rig and the scripted servers ...');
const rig = await startRig();
cleanups.push(() => rig.stop());
const caPem = rig.caPem;
const alice = { user: rig.user.username, pass: rig.user.password };
const silentAfterEhlo = await startScriptedServer({ replies: { MAIL: 'silent' } }, cleanup);
const silentListener = await startSilentServer(cleanup);
const nothing = await freePort();

/** The rig's certificate names localhost and mail.rig.test (no IP): TLS clients use "localhost". */
const base = { host: 'localhost', from: rig.user.address, to: rig.user.address };

interface Scenario {
  name: string;
  target: Target;
  /** Which target it is measured against. */
  kind: 'immediate' | 'mismatch' | 'silence';
}

const SCENARIOS: Scenario[] = [
  {
    name: 'TLS on the STARTTLS port (PLAINTEXT_PORT)',
    kind: 'immediate',
    target: { ...base, port: rig.ports.submission, security: 'tls', auth: alice },
  },
  {
    name: 'wrong password (AUTH_FAILED)',
    kind: 'immediate',
    target: { ...base, port: rig.ports.submission, security: 'starttls', auth: { ...alice, pass: 'wrong' } },
  },
  {
    name: 'nothing listening (CONNECTION_REFUSED)',
    kind: 'immediate',
    target: { ...base, host: '127.0.0.1', port: nothing, security: 'none', auth: null },
  },
  {
    name: 'STARTTLS client on the SMTPS port (IMPLICIT_TLS_EXPECTED)',
    kind: 'mismatch',
    target: { ...base, port: rig.ports.smtps, security: 'starttls', auth: alice },
  },
  {
    name: 'silence after EHLO (RESPONSE_TIMEOUT)',
    kind: 'silence',
    target: { ...base, host: '127.0.0.1', port: silentAfterEhlo.port, security: 'none', auth: null },
  },
  {
    name: 'silent listener, no greeting (GREETING_TIMEOUT)',
    kind: 'silence',
    target: { ...base, host: '127.0.0.1', port: silentListener.port, security: 'none', auth: null },
  },
];

interface Row {
  scenario: Scenario;
  mp: Measured;
  nodemailer: Measured;
  swaks: Measured;
}

async function measure(scenario: Scenario): Promise<Row> {
  const [mp, nm, sw] = await Promise.all([
    mailPreflight(scenario.target, caPem),
    nodemailerDefaults(scenario.target, caPem),
    swaks(scenario.target),
  ]);
  return { scenario, mp, nodemailer: nm, swaks: sw };
}

const benchStarted = performance.now();
const rows: Row[] = [];
// Quick faults one at a time (and each tool on its own, so no process start-up competes).
for (const scenario of SCENARIOS.filter((s) => s.kind === 'immediate')) {
  const t = scenario.target;
  const mp = await mailPreflight(t, caPem);
  const nm = await nodemailerDefaults(t, caPem);
  const sw = await swaks(t);
  rows.push({ scenario, mp, nodemailer: nm, swaks: sw });
}
console.log('Quick faults done; the timeouts run side by side (up to 70 s) ...');
rows.push(...(await Promise.all(SCENARIOS.filter((s) => s.kind !== 'immediate').map(measure))));

// Warm sends: the tools in turn, WARM_SENDS rounds, and each one's median. In turn, not one
// tool's sends after the other's: the rig's smtpd processes and the machine's load drift over
// a few seconds, and a few milliseconds is the question; each round led by the next tool, so
// that none always follows swaks' process and its QUIT.
const sendTarget: Target = { ...base, port: rig.ports.submission, security: 'starttls', auth: alice };
const warmRuns = await inTurn(
  {
    mp: () => mailPreflight(sendTarget, caPem),
    nodemailer: () => nodemailerDefaults(sendTarget, caPem),
    swaks: () => swaks(sendTarget),
  },
  WARM_SENDS,
  true,
);
function median(runs: Measured[]): Measured {
  const sorted = [...runs].sort((a, b) => a.ms - b.ms);
  return { ...sorted[Math.floor(sorted.length / 2)]!, ok: runs.every((r) => r.ok) };
}
const warm = {
  mp: median(warmRuns.mp),
  nodemailer: median(warmRuns.nodemailer),
  swaks: median(warmRuns.swaks),
};

// Whole-process start of the CLI, and the window's first screen.
console.log('Timing the command line as whole processes, and the window in Chromium ...');
const cli = [process.execPath, CLI];
const refused = ['--host', '127.0.0.1', '--port', String(nothing), '--security', 'none', '--anonymous'];
const starts = await measureProcesses({
  node: [process.execPath, '-e', '0'],
  help: [...cli, '--help'],
  refused: [...cli, 'test', ...refused, '--from', rig.user.address, '--to', rig.user.address, '--json'],
  swaks: ['swaks', '--server', '127.0.0.1', '--port', String(nothing), '--quit-after', 'CONNECT'],
});
const scriptBytes = readdirSync(join(RENDERER, 'assets'))
  .filter((name) => name.endsWith('.js'))
  .reduce((sum, name) => sum + statSync(join(RENDERER, 'assets', name)).size, 0);
const windowFigures = await measureWindow(RENDERER, scriptBytes);
const benchMs = performance.now() - benchStarted;

// ---------------------------------------------------------------------------------------
// The table and the targets

const secs = (ms: number) =>
  ms < 1_000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
const cell = (m: Measured, withOutcome = true) =>
  m.capped ? `≥${CAP_MS / 1000} s (capped)` : withOutcome ? `${secs(m.ms)} ${m.outcome}` : secs(m.ms);
const ratioOf = (row: { mp: Measured; nodemailer: Measured }) => row.nodemailer.ms / row.mp.ms;
const ratioCell = (row: { mp: Measured; nodemailer: Measured }) =>
  `${row.nodemailer.capped ? '≥' : ''}${ratioOf(row).toFixed(ratioOf(row) < 10 ? 1 : 0)}×`;

const header = ['scenario', 'Mail Preflight', 'nodemailer defaults', 'swaks', 'ratio (nodemailer / MP)'];
const body = rows.map((r) => [r.scenario.name, cell(r.mp), cell(r.nodemailer), cell(r.swaks), ratioCell(r)]);
body.push([
  `warm send, STARTTLS+AUTH on the rig (median of ${WARM_SENDS})`,
  cell(warm.mp, false) + (warm.mp.ok ? '' : ' FAILED'),
  cell(warm.nodemailer, false) + (warm.nodemailer.ok ? '' : ' FAILED'),
  cell(warm.swaks, false) + (warm.swaks.ok ? '' : ' FAILED'),
  ratioCell(warm),
]);
const table = [header, header.map(() => '---'), ...body].map((cols) => `| ${cols.join(' | ')} |`).join('\n');

type Verdict = 'PASS' | 'FAIL' | 'OPEN';
const targets: Array<[string, Verdict, string]> = [];
for (const r of rows) {
  const { kind, name } = r.scenario;
  const mp = r.mp.ms;
  if (kind === 'immediate') targets.push([`${name}: ≤ 1 s`, mp <= 1_000 ? 'PASS' : 'FAIL', secs(mp)]);
  if (kind === 'mismatch') targets.push([`${name}: ≤ 3 s`, mp <= 3_000 ? 'PASS' : 'FAIL', secs(mp)]);
  if (kind === 'silence') {
    targets.push([`${name}: ≤ timeout + 0.5 s`, mp <= MP_TIMEOUT_MS + 500 ? 'PASS' : 'FAIL', secs(mp)]);
  }
  if (kind === 'mismatch' || kind === 'silence') {
    const ratio = ratioOf(r);
    // A capped nodemailer run only bounds the ratio from below: below 10× it is undecided.
    const verdict: Verdict = ratio >= 10 ? 'PASS' : r.nodemailer.capped ? 'OPEN' : 'FAIL';
    targets.push([`${name}: ≥ 10× faster than nodemailer`, verdict, ratioCell(r)]);
  }
}

// Start, memory and window: each against its target, side by side.
const {
  node,
  help,
  refused: refusedRun,
  swaks: swaksRun,
} = starts as Record<string, import('./bench-start.ts').ProcessFigures>;
const mib = (value: number | null) => (value === null ? 'n/a' : `${value.toFixed(1)} MiB`);
const mb = (bytes: number) => `${(bytes / 1_000_000).toFixed(2)} MB`;
const times = (value: number) => `${value.toFixed(2)}×`;
const verdict = (pass: boolean): Verdict => (pass ? 'PASS' : 'FAIL');
const startRows: string[][] = [
  [
    '`mail-preflight --help`',
    secs(help!.ms),
    `\`node -e 0\` ${secs(node!.ms)}`,
    times(help!.ms / node!.ms),
    '≤ 2×',
    verdict(help!.ms <= 2 * node!.ms),
  ],
  [
    'refused connection diagnosed (`test ... --json`)',
    `${secs(refusedRun!.ms)} (exit ${refusedRun!.status})`,
    `\`swaks --quit-after CONNECT\` ${secs(swaksRun!.ms)}`,
    times(refusedRun!.ms / swaksRun!.ms),
    '≤ 3×',
    verdict(refusedRun!.ms <= 3 * swaksRun!.ms),
  ],
  [
    'peak RSS of that run',
    mib(refusedRun!.rssMiB),
    `\`node -e 0\` ${mib(node!.rssMiB)}, swaks ${mib(swaksRun!.rssMiB)}`,
    '',
    '≤ 60 MiB',
    refusedRun!.rssMiB === null ? 'OPEN' : verdict(refusedRun!.rssMiB <= 60),
  ],
  ['peak RSS of `--help`', mib(help!.rssMiB), '', '', '', ''],
  [
    `warm good send, STARTTLS+AUTH (median of ${WARM_SENDS})`,
    secs(warm.mp.ms),
    `nodemailer ${secs(warm.nodemailer.ms)}`,
    times(warm.mp.ms / warm.nodemailer.ms),
    `no slower (± ${SAME_SEND_MS} ms)`,
    verdict(warm.mp.ms <= warm.nodemailer.ms + SAME_SEND_MS),
  ],
  [
    'window: script loaded by the first screen',
    mb(windowFigures.firstScreenScript),
    `all chunks ${mb(windowFigures.allScript)}`,
    '',
    '≤ 1 MB',
    verdict(windowFigures.firstScreenScript <= 1_000_000),
  ],
  [
    'window: navigation to an editable settings form (Chromium)',
    secs(windowFigures.interactiveMs),
    '',
    '',
    'measured',
    '',
  ],
];
const startHeader = ['measurement', 'Mail Preflight', 'reference', 'ratio', 'target', 'verdict'];
const startTable = [startHeader, startHeader.map(() => '---'), ...startRows]
  .map((cols) => `| ${cols.join(' | ')} |`)
  .join('\n');

const ok = rows.every((r) => !r.mp.ok) && warm.mp.ok && warm.nodemailer.ok && warm.swaks.ok;

const machine = `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), ${platform()} ${release()}, Node ${process.versions.node}, host ${hostname()}`;
console.log(`\nMail Preflight benchmark — ${new Date().toISOString().slice(0, 10)} — ${machine}\n`);
console.log(table);
console.log('\nTargets (Mail Preflight):');
for (const [what, result, measured] of targets) console.log(`  ${result.padEnd(4)}  ${what} (${measured})`);
console.log(`\nStart, memory and the window (medians of interleaved runs):\n\n${startTable}`);
console.log(
  `\nWhole bench: ${secs(benchMs)}.${ok ? '' : ' WARNING: a fault run passed or a warm send failed.'}`,
);
if (targets.some(([, v]) => v === 'OPEN')) {
  console.log(
    'OPEN: nodemailer was capped at 70 s, so the ratio is only known to be at least the one shown.',
  );
}

for (const step of cleanups.reverse()) await step();
process.exit(0);
