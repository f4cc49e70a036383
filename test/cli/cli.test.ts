/**
 * The command line as a script or an administrator uses it: the built
 * `mail-preflight` against the real rig, its exit statuses, its one-line usage errors and
 * its `--json` report (a public contract).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
import { getRig } from '../rig/inject';
import { leftoverLatin } from '../unit/i18n/catalogue-rules';
import { startRig, type Rig } from '../rig/rig';
import { startDnsServer } from '../support/dns-server';
import { rigImapClient } from '../support/rig-imap';
import { profileFields, tempServices, type TempServices } from '../support/temp-services';

const CLI = resolve(pkg.bin['mail-preflight']);
const rig = getRig();
let temp: TempServices;

interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI; an `env` value of undefined removes that variable. */
function runCli(
  args: string[],
  env: Record<string, string | undefined> = {},
  stdin = '',
  node = process.execPath,
): Promise<CliResult> {
  return new Promise((done) => {
    const merged = { ...process.env, MAIL_PREFLIGHT_DATA_DIR: temp.dataDir, ...env };
    const child = spawn(node, [CLI, ...args], {
      env: Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== undefined)),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.stdin.end(stdin);
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

const smtps = () => [
  'test',
  '--host',
  '127.0.0.1',
  '--port',
  String(rig.ports.smtps),
  '--security',
  'tls',
  '--servername',
  rig.serverName,
  '--ca',
  rig.caFile,
  '--user',
  rig.user.username,
  '--from',
  rig.user.address,
];

/** `probe` of one port of the rig, by the name its certificate carries. */
const probeLocalhost = (port: number) => [
  'probe',
  '--host',
  'localhost',
  '--port',
  String(port),
  '--ca',
  rig.caFile,
];

/** The rig user's newest message whose subject has `words`, read over IMAP: subject and text, decoded. */
async function readTestMessage(words: string): Promise<{ subject: string; text: string }> {
  const client = rigImapClient(rig);
  await client.connect();
  try {
    await client.mailboxOpen('INBOX');
    const uids = (await client.search({ subject: words }, { uid: true })) || [];
    const uid = Math.max(...uids);
    const message = await client.fetchOne(String(uid), { envelope: true }, { uid: true });
    const { content } = await client.download(String(uid), '1', { uid: true });
    const chunks: Buffer[] = [];
    for await (const chunk of content ?? []) chunks.push(chunk as Buffer);
    return {
      subject: (message ? message.envelope?.subject : undefined) ?? '',
      text: Buffer.concat(chunks).toString('utf8'),
    };
  } finally {
    await client.logout();
  }
}

function inboxCount(address: string): number {
  const dir = rig.maildir(address);
  return ['new', 'cur'].reduce(
    (n, sub) => n + (existsSync(join(dir, sub)) ? readdirSync(join(dir, sub)).length : 0),
    0,
  );
}

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first.`);
  temp = tempServices();
});
afterAll(() => temp.dispose());

describe('mail-preflight test', () => {
  it('sends over implicit TLS and prints exactly one JSON report (exit 0)', async () => {
    const result = await runCli(
      [...smtps(), '--password-env', 'SMTP_PW', '--to', rig.user.address, '--json'],
      {
        SMTP_PW: rig.user.password,
      },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(Object.keys(report).slice(0, 12)).toEqual([
      'ok',
      'verdict',
      'code',
      'phase',
      'summary',
      'fix',
      'server',
      'tls',
      'timings',
      'messageId',
      'queueId',
      'transcript',
    ]);
    expect(report).toMatchObject({ ok: true, verdict: 'accepted', code: 'OK', phase: null, fix: null });
    expect(report.server.banner).toMatch(/mail\.rig\.test ESMTP/);
    expect(report.server.capabilities).toContain('AUTH PLAIN LOGIN');
    expect(report.tls).toMatchObject({ authorized: true });
    expect(report.tls.chain[0]).toHaveProperty('fingerprint256');
    expect(report.timings.total).toBeGreaterThan(0);
    expect(report.transcript[0]).toMatchObject({ dir: 'S' });
    expect(result.stdout).not.toContain(rig.user.password);
    expect(result.stdout).not.toContain(Buffer.from(rig.user.password).toString('base64'));
    await rig.waitForMessage(rig.user.address, (raw) => raw.includes(report.runId));
  });

  it('reads the password from standard input', async () => {
    const result = await runCli(
      [...smtps(), '--password-stdin', '--to', rig.user.address],
      {},
      `${rig.user.password}\n`,
    );
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Accepted by 127\.0\.0\.1 in \d+ ms \(queued as [0-9A-F]+\)\./);
    expect(result.stdout).toMatch(/✓ TLS/);
  });

  it('diagnoses a wrong password (exit 1) and redacts the AUTH line', async () => {
    const canary = `canary-${randomUUID()}`;
    const result = await runCli(
      [...smtps(), '--password-env', 'SMTP_PW', '--to', rig.user.address, '--json'],
      { SMTP_PW: canary },
    );
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ ok: false, verdict: 'failed', code: 'AUTH_FAILED', phase: 'auth' });
    expect(report.server.response).toMatchObject({ code: 535 });
    expect(report.transcript.find((l: { line: string }) => l.line.startsWith('AUTH'))?.line).toBe(
      'AUTH PLAIN <redacted>',
    );
    expect(result.stdout + result.stderr).not.toContain(canary);
    expect(result.stdout).not.toContain(Buffer.from(`\0${rig.user.username}\0${canary}`).toString('base64'));
  });

  it('--no-send checks the envelope and delivers nothing', async () => {
    const before = inboxCount(rig.otherUsers[0]!.address);
    const result = await runCli(
      [...smtps(), '--password-env', 'SMTP_PW', '--to', rig.otherUsers[0]!.address, '--no-send', '--json'],
      { SMTP_PW: rig.user.password },
    );
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, messageId: null, queueId: null });
    await new Promise((r) => setTimeout(r, 1500));
    expect(inboxCount(rig.otherUsers[0]!.address)).toBe(before);
  });

  it('--profile uses the app’s own store and keychain', async () => {
    const name = `CLI profile ${randomUUID().slice(0, 8)}`;
    await temp.services.profiles.create(
      profileFields({ name, host: 'localhost', port: rig.ports.submission, username: rig.user.username }),
      rig.user.password,
    );
    const result = await runCli(
      ['test', '--profile', name.toUpperCase(), '--to', rig.user.address, '--json'],
      {
        NODE_EXTRA_CA_CERTS: rig.caFile,
      },
    );
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, verdict: 'accepted' });
    expect(result.status).toBe(0);
    const logged = await temp.restart().log.list({ offset: 0, limit: 1 });
    expect(logged.items[0]).toMatchObject({ profileName: name, verdict: 'accepted' });
  });

  it('--profile without a keychain says so in one sentence (exit 2)', async () => {
    const name = `No keychain ${randomUUID().slice(0, 8)}`;
    await temp.services.profiles.create(profileFields({ name, username: 'x' }), 'pw');
    const result = await runCli(['test', '--profile', name, '--to', rig.user.address], {
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent',
    });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^mail-preflight: No OS keychain is available.*--password-env\.\n$/);
  });
});

describe('bad usage: one line on stderr, exit 2, nothing sent', () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['no command', [], /.+/],
    [
      'a password as an argument',
      [...smtpsArgs(), '--password', 'x', '--to', 'a@rig.test'],
      /^mail-preflight: mail-preflight test has no option --password[;.]/,
    ],
    [
      'no recipient',
      [...smtpsArgs(), '--password-env', 'SMTP_PW'],
      /^mail-preflight: mail-preflight test needs --to <address>\.\n$/,
    ],
    [
      'a bad recipient',
      [...smtpsArgs(), '--password-env', 'SMTP_PW', '--to', 'nobody'],
      /--to “nobody” is not an email address\./,
    ],
    [
      'a port out of range',
      [...smtpsArgs('70000'), '--password-env', 'SMTP_PW', '--to', 'a@rig.test'],
      /Port: Port must be between 1 and 65535\./,
    ],
    [
      'an unknown security',
      ['test', '--host', 'h.example', '--security', 'ssl', '--to', 'a@rig.test'],
      /^mail-preflight: --security must be one of none, starttls, tls, not “ssl”\.\n$/,
    ],
    [
      'a missing password variable',
      [...smtpsArgs(), '--password-env', 'NOT_SET_ANYWHERE', '--to', 'a@rig.test'],
      /NOT_SET_ANYWHERE.*not set/,
    ],
    [
      'a CR/LF in the sender',
      [
        'test',
        '--host',
        'h.example',
        '--anonymous',
        '--from',
        'a@b.example\r\nRCPT TO:<x@y.z>',
        '--to',
        'a@rig.test',
      ],
      /From: Line breaks are not allowed here\./,
    ],
    [
      'an unknown profile',
      ['test', '--profile', 'nope', '--to', 'a@rig.test'],
      /There is no profile named “nope”\./,
    ],
    [
      'an escape sequence in the username',
      [
        ...smtpsArgs().map((a) => (a === 'u' ? 'u\x1b[2J' : a)),
        '--password-env',
        'SMTP_PW',
        '--to',
        'a@rig.test',
      ],
      /Username: Control characters \(such as escape or backspace\) are not allowed here\./,
    ],
    [
      'an EHLO name that is neither a domain nor an address literal',
      [...smtpsArgs(), '--password-env', 'SMTP_PW', '--to', 'a@rig.test', '--ehlo', 'my host'],
      /EHLO name: Enter a domain name like host\.example\.com or an address literal like \[192\.0\.2\.7\]/,
    ],
  ];
  function smtpsArgs(port = '465') {
    return [
      'test',
      '--host',
      '127.0.0.1',
      '--port',
      port,
      '--security',
      'tls',
      '--user',
      'u',
      '--from',
      'a@rig.test',
    ];
  }
  it.each(cases)('%s', async (_name, args, message) => {
    const result = await runCli(args, { SMTP_PW: 'x' });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
  });
});

describe('an older Node', () => {
  // Debian's own Node (20 on this machine) runs the built executable, as a PATH with an old
  // Node would: the version is checked before any library loads.
  const OLD_NODE = '/usr/bin/node';
  const version = existsSync(OLD_NODE)
    ? execFileSync(OLD_NODE, ['-p', 'process.versions.node']).toString().trim()
    : '';
  const [major = 0, minor = 0] = version.split('.').map(Number);
  const older = version !== '' && (major < 22 || (major === 22 && minor < 12));

  it.skipIf(!older)('says which Node it needs, in one line, exit 2', async () => {
    for (const args of [['--help'], ['test', '--host', '127.0.0.1', '--anonymous', '--to', 'a@rig.test']]) {
      const result = await runCli(args, {}, '', OLD_NODE);
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(`Mail Preflight needs Node.js 22.12 or newer (this is ${version}).\n`);
    }
  });
});

describe('the settings file as the CLI meets it', () => {
  function dataDirWith(bytes: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'mail-preflight-cli-settings-'));
    writeFileSync(join(dir, 'settings.json'), bytes);
    return dir;
  }

  it('names a broken profile on stderr when it is used (exit 2), and keeps the file', async () => {
    const bytes = JSON.stringify({
      version: 1,
      profiles: [
        { id: 'bad', fields: { ...profileFields({ name: 'Old relay' }), port: 'smtp' }, passwordSet: false },
      ],
    });
    const dir = dataDirWith(bytes);
    const result = await runCli(['test', '--profile', 'old relay', '--to', 'a@rig.test'], {
      MAIL_PREFLIGHT_DATA_DIR: dir,
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      'mail-preflight: The profile “Old relay” in the settings file cannot be used until it is repaired in the app: Port: Port must be between 1 and 65535.\n',
    );
    const japanese = await runCli(['test', '--profile', 'old relay', '--to', 'a@rig.test', '--lang', 'ja'], {
      MAIL_PREFLIGHT_DATA_DIR: dir,
    });
    expect(japanese.stderr).toContain('サーバーポート：サーバーポートは 1〜65535 の範囲で指定してください。');
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).toBe(bytes);
  });

  it('says on stderr where an unreadable settings file was kept, and goes on without it', async () => {
    const dir = dataDirWith('{not json');
    const result = await runCli(['test', '--profile', 'any', '--to', 'a@rig.test'], {
      MAIL_PREFLIGHT_DATA_DIR: dir,
    });
    const kept = readdirSync(dir).find((f) => f.startsWith('settings.json.unreadable-'));
    expect(kept).toBeDefined();
    expect(readFileSync(join(dir, kept!), 'utf8')).toBe('{not json');
    expect(result.stderr).toContain(
      `mail-preflight: Your settings file could not be read (it is not valid JSON), so Mail Preflight started with empty settings. It was kept as ${join(dir, kept!)}.\n`,
    );
    expect(result.stderr).toContain('There is no profile named “any”.');
    expect(result.status).toBe(2);
  });
});

describe('the EHLO name, against a Postfix that refuses names that are not fully qualified', () => {
  let strict: Rig;
  beforeAll(async () => {
    strict = await startRig({ strictHelo: true });
  });
  afterAll(() => strict.stop());
  const plain = () => [
    'test',
    ...['--host', '127.0.0.1', '--port', String(strict.ports.plain), '--security', 'none', '--anonymous'],
    ...['--from', 'someone@rig.test', '--to', strict.user.address, '--json'],
  ];

  it('by default names the machine by its FQDN or its address literal, and the message is delivered', async () => {
    const result = await runCli(plain());
    const report = JSON.parse(result.stdout);
    expect(report, result.stdout).toMatchObject({ ok: true, verdict: 'accepted', code: 'OK' });
    const ehlo = report.transcript.find((l: { dir: string; line: string }) => /^EHLO /.test(l.line));
    expect(ehlo.line).toMatch(/^EHLO (\[127\.0\.0\.1\]|[a-z0-9-]+(\.[a-z0-9-]+)+)$/i);
    await strict.waitForMessage(strict.user.address, (raw) => raw.includes(report.messageId));
  });

  it('--ehlo vm is refused by the server and diagnosed as EHLO_NAME_REJECTED (exit 1)', async () => {
    const result = await runCli([...plain(), '--ehlo', 'vm']);
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({
      ok: false,
      code: 'EHLO_NAME_REJECTED',
      phase: 'rcpt',
      summary: '127.0.0.1 refused the name this computer gave in EHLO (“vm”).',
      fix: { settings: { ehloName: '' } },
      server: { response: { code: 504, enhanced: '5.5.2' } },
    });
    expect(report.server.response.text).toMatch(/Helo command rejected: need fully-qualified hostname/);
    expect(report.transcript).toContainEqual(expect.objectContaining({ dir: 'C', line: 'EHLO vm' }));
  });
});

describe('mail-preflight probe', () => {
  const probe = async (port: number) => {
    const result = await runCli([...probeLocalhost(port), '--json']);
    return { ...result, report: JSON.parse(result.stdout) };
  };

  it('shows the EHLO keywords before and after STARTTLS on the submission port', async () => {
    const { status, report } = await probe(rig.ports.submission);
    expect(status).toBe(0);
    const [port] = report.ports;
    expect(port).toMatchObject({ security: 'starttls', code: 'OK', banner: 'mail.rig.test ESMTP' });
    expect(port.capabilitiesBeforeTls).toContain('STARTTLS');
    expect(port.capabilitiesBeforeTls).not.toContain('AUTH PLAIN LOGIN');
    expect(port.capabilities).toContain('AUTH PLAIN LOGIN');
    expect(port.tls).toMatchObject({ authorized: true });
    expect(report.fix.settings).toEqual({ port: rig.ports.submission, security: 'starttls' });
    expect(report.ports[0].transcript.some((l: { line: string }) => /^(AUTH|MAIL)/.test(l.line))).toBe(false);
  });

  it('recognises implicit TLS on a port it does not know, within 3 s', async () => {
    const { report } = await probe(rig.ports.smtps);
    // The probe's own clock: the CLI process's start-up is not part of the verdict time.
    expect(report.timings.total).toBeLessThan(3_000);
    expect(report).toMatchObject({ ok: true, fix: { settings: { security: 'tls' } } });
    expect(report.ports[0].capabilities).toContain('AUTH PLAIN LOGIN');
  });

  it('reports a plain port without TLS, and nothing listening as CONNECTION_REFUSED (exit 1)', async () => {
    const plain = await probe(rig.ports.plain);
    expect(plain.report.ports[0]).toMatchObject({ security: 'none', tls: null, code: 'OK' });
    const closed = await runCli(['probe', '--host', '127.0.0.1', '--port', '1', '--json']);
    expect(closed.status).toBe(1);
    expect(JSON.parse(closed.stdout)).toMatchObject({ ok: false, code: 'CONNECTION_REFUSED' });
  });

  it('refuses a bad host in one line (exit 2)', async () => {
    const result = await runCli(['probe', '--host', 'bad host']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /^mail-preflight: Enter a host name \(mail.example.com\) or an IP address\.\n$/,
    );
  });
});

describe('mail-preflight test --check-dns', () => {
  it('adds the From domain’s findings to the report without changing the verdict', async () => {
    const dns = await startDnsServer({
      'rig.test': { MX: [{ exchange: 'mail.rig.test', priority: 10 }], TXT: ['v=spf1 ip4:127.0.0.1 -all'] },
      '_dmarc.rig.test': { TXT: ['v=DMARC1; p=reject'] },
      'localhost.rig.test': { A: ['127.0.0.1'] },
    });
    try {
      const dnsCheck = [
        'test',
        '--host',
        '127.0.0.1',
        '--port',
        String(rig.ports.plain),
        '--security',
        'none',
        '--anonymous',
        '--from',
        rig.user.address,
        '--to',
        rig.user.address,
        '--check-dns',
        '--dns-server',
        `127.0.0.1:${dns.port}`,
        '--json',
      ];
      const result = await runCli(dnsCheck);
      expect(result.status).toBe(0);
      const report = JSON.parse(result.stdout);
      expect(report).toMatchObject({ ok: true, verdict: 'accepted', dns: { domain: 'rig.test' } });
      const status = Object.fromEntries(
        report.dns.findings.map((f: { check: string; status: string }) => [f.check, f.status]),
      );
      expect(status).toMatchObject({ mx: 'pass', dmarc: 'pass', alignment: 'pass' });
      expect(dns.queries.map((q) => q.name)).toContain('_dmarc.rig.test');

      // In Japanese: the same keys and statuses, the findings said in Japanese, records as they are.
      const japanese = JSON.parse((await runCli([...dnsCheck, '--lang', 'ja'])).stdout);
      const mx = japanese.dns.findings.find((f: { check: string }) => f.check === 'mx');
      expect(mx).toEqual({
        check: 'mx',
        status: 'pass',
        summary: 'rig.test は MX ホスト mail.rig.test でメールを受信します。',
        fix: null,
        record: '10 mail.rig.test',
      });
      expect(japanese.dns.findings.map((f: { status: string }) => f.status)).toEqual(
        report.dns.findings.map((f: { status: string }) => f.status),
      );
    } finally {
      await dns.stop();
    }
  });
});

describe('guided settings from the command line', () => {
  it('probe --domain proposes a bundled preset offline, and maps MX records to a provider', async () => {
    const known = await runCli(['probe', '--domain', 'someone@gmail.com', '--json']);
    expect(known.status).toBe(0);
    expect(JSON.parse(known.stdout).best).toMatchObject({
      host: 'smtp.gmail.com',
      port: 465,
      source: 'preset',
    });

    const dns = await startDnsServer({
      'corp.test': { MX: [{ exchange: 'aspmx.l.google.com', priority: 1 }] },
    });
    try {
      const viaMx = await runCli([
        'probe',
        '--domain',
        'corp.test',
        '--dns-server',
        `127.0.0.1:${dns.port}`,
        '--json',
      ]);
      expect(viaMx.status).toBe(0);
      expect(JSON.parse(viaMx.stdout).best).toMatchObject({ source: 'mx', presetId: 'google-workspace' });
    } finally {
      await dns.stop();
    }
  });

  it('test --preset fills the provider’s settings; unknown presets and conflicts are usage errors', async () => {
    const conflict = await runCli(['test', '--preset', 'gmail', '--host', 'x.example', '--to', 'a@rig.test']);
    expect(conflict).toMatchObject({ status: 2, stdout: '' });
    expect(conflict.stderr).toMatch(/--preset cannot be combined with --host\./);

    const unknown = await runCli(['test', '--preset', 'hotmale', '--to', 'a@rig.test']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/There is no preset “hotmale”; choose one of gmail, /);

    // local-relay: localhost:25, anonymous. Nothing listens on 25 here, so the run fails fast,
    // which shows the preset's settings were used.
    const local = await runCli([
      'test',
      '--preset',
      'local-relay',
      '--from',
      rig.user.address,
      '--to',
      rig.user.address,
      '--json',
    ]);
    const report = JSON.parse(local.stdout);
    expect(local.status).toBe(1);
    expect(report).toMatchObject({
      code: 'CONNECTION_REFUSED',
      summary: 'Nothing is listening on localhost port 25.',
    });
  });
});

describe('mail-preflight test --verify-delivery', () => {
  it('reports “delivered” with the delivery object in the JSON', async () => {
    const bob = rig.otherUsers[0]!;
    const result = await runCli(
      [
        ...smtps(),
        '--password-env',
        'SMTP_PW',
        '--to',
        bob.address,
        '--json',
        '--verify-delivery',
        '--imap-host',
        'localhost',
        '--imap-port',
        String(rig.ports.imaps),
        '--imap-security',
        'tls',
        '--imap-user',
        bob.username,
        '--imap-password-env',
        'IMAP_PW',
        '--delivery-timeout',
        '10',
        '--delivery-cleanup',
      ],
      { SMTP_PW: rig.user.password, IMAP_PW: bob.password },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({
      ok: true,
      verdict: 'delivered',
      code: 'OK',
      delivery: { found: true, folder: 'INBOX', deleted: true },
    });
    expect(report.timings.delivery).toBeGreaterThanOrEqual(0);
    expect(result.stdout).not.toContain(bob.password);
  });

  // The rig's certificates are signed by its own CA, which the test workers trust through
  // NODE_EXTRA_CA_CERTS; these runs go without it, so only the flags can make IMAP trust it.
  const imaps = (user: { username: string }, timeout = '10') => [
    '--verify-delivery',
    ...['--imap-host', 'localhost', '--imap-port', String(rig.ports.imaps), '--imap-security', 'tls'],
    ...['--imap-user', user.username, '--imap-password-env', 'IMAP_PW', '--delivery-timeout', timeout],
  ];
  const plainToRig = (to: string) => [
    'test',
    ...['--host', '127.0.0.1', '--port', String(rig.ports.plain), '--security', 'none', '--anonymous'],
    ...['--from', rig.user.address, '--to', to, '--json'],
  ];

  it('the IMAP check trusts the CA given with --ca, as the SMTP run does', async () => {
    const bob = rig.otherUsers[0]!;
    const result = await runCli(
      [...smtps(), '--password-env', 'SMTP_PW', '--to', bob.address, '--json', ...imaps(bob)],
      {
        SMTP_PW: rig.user.password,
        IMAP_PW: bob.password,
        NODE_EXTRA_CA_CERTS: undefined,
      },
    );
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toMatchObject({
      ok: true,
      verdict: 'delivered',
      delivery: { found: true },
    });
    expect(result.status).toBe(0);
  });

  it('--imap-ca makes the IMAP check trust a CA the SMTP run does not need; without it the certificate is untrusted', async () => {
    const bob = rig.otherUsers[0]!;
    const env = { IMAP_PW: bob.password, NODE_EXTRA_CA_CERTS: undefined };
    const without = await runCli([...plainToRig(bob.address), ...imaps(bob)], env);
    expect(JSON.parse(without.stdout)).toMatchObject({
      ok: false,
      code: 'DELIVERY_CHECK_FAILED',
      summary: expect.stringMatching(
        /certificate of the IMAP server .* not signed by an authority this machine trusts/,
      ),
    });
    expect(without.status).toBe(1);

    const withCa = await runCli([...plainToRig(bob.address), ...imaps(bob), '--imap-ca', rig.caFile], env);
    expect(withCa.stderr).toBe('');
    expect(JSON.parse(withCa.stdout)).toMatchObject({ ok: true, verdict: 'delivered' });
    expect(withCa.status).toBe(0);
  });

  it('--lang ja: the delivery verdict and an IMAP login failure read in Japanese; codes and phases stay', async () => {
    const bob = rig.otherUsers[0]!;
    const japanese = [...plainToRig(bob.address), ...imaps(bob), '--lang', 'ja'];
    const wrong = await runCli(japanese, { IMAP_PW: `${bob.password}-wrong` });
    expect(JSON.parse(wrong.stdout)).toMatchObject({
      ok: false,
      verdict: 'accepted',
      code: 'DELIVERY_CHECK_FAILED',
      phase: 'delivery',
      summary: `localhost は ${bob.username} の IMAP ログインを拒否しました。ユーザー名またはパスワードが間違っています。`,
      fix: {
        text: expect.stringMatching(/^メールボックスの IMAP ユーザー名とパスワードを入力し直してください。/),
      },
    });
    expect(wrong.stdout).not.toContain(bob.password);
    expect(wrong.status).toBe(1);

    const delivered = await runCli([...japanese, '--delivery-cleanup'], { IMAP_PW: bob.password });
    const report = JSON.parse(delivered.stdout);
    expect(report).toMatchObject({
      ok: true,
      verdict: 'delivered',
      code: 'OK',
      delivery: { folder: 'INBOX' },
    });
    expect(report.summary).toMatch(
      /^[\d.]+ (?:秒|ミリ秒)で受信トレイに配信されました（サーバーが受理してから [\d.]+ (?:秒|ミリ秒)後）。$/,
    );
    expect(delivered.status).toBe(0);
  });

  it('--delivery-timeout takes 1 to 600 whole seconds (exit 2 otherwise, nothing sent)', async () => {
    const bob = rig.otherUsers[0]!;
    for (const bad of ['0', '601', '2.5', 'soon']) {
      const result = await runCli([...plainToRig(bob.address), ...imaps(bob, bad)], {
        IMAP_PW: bob.password,
      });
      expect(result.status, bad).toBe(2);
      expect(result.stderr).toBe(
        `mail-preflight: --delivery-timeout must be a whole number of seconds from 1 to 600, not “${bad}”.\n`,
      );
    }
  });

  it('needs the IMAP password from the environment (exit 2)', async () => {
    const result = await runCli(
      [
        ...smtps(),
        '--password-env',
        'SMTP_PW',
        '--to',
        'a@rig.test',
        '--verify-delivery',
        '--imap-host',
        'localhost',
        '--imap-user',
        'bob@rig.test',
      ],
      {
        SMTP_PW: 'x',
      },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--verify-delivery needs the IMAP password in --imap-password-env VAR\./);
  });
});

describe('the diagnosis in the run’s language', () => {
  const refused = ['test', ...['--host', '127.0.0.1', '--port', '1', '--security', 'none'], '--anonymous'];
  const envelope = ['--from', 'a@rig.test', '--to', 'b@rig.test', '--json'];

  it('--lang ja gives the summary and the fix in Japanese; the code and JSON keys stay', async () => {
    const result = await runCli([...refused, ...envelope, '--lang', 'ja']);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ ok: false, code: 'CONNECTION_REFUSED', phase: 'connect' });
    expect(report.summary).toBe('127.0.0.1 のポート 1 で待ち受けているサービスがありません。');
    expect(report.fix.text).toMatch(/^サーバーポートを確認してください/);
  });

  it('without --lang it follows LC_ALL / LC_MESSAGES / LANG', async () => {
    const ja = await runCli([...refused, ...envelope], {
      LC_ALL: undefined,
      LC_MESSAGES: undefined,
      LANG: 'ja_JP.UTF-8',
    });
    expect(JSON.parse(ja.stdout).summary).toMatch(/待ち受けているサービスがありません/);
    const en = await runCli([...refused, ...envelope], { LC_ALL: 'C', LANG: 'ja_JP.UTF-8' });
    expect(JSON.parse(en.stdout).summary).toBe('Nothing is listening on 127.0.0.1 port 1.');
  });
});

describe('the human output in the chosen language', () => {
  const refused = ['test', ...['--host', '127.0.0.1', '--port', '1', '--security', 'none'], '--anonymous'];
  const envelope = ['--from', 'a@rig.test', '--to', 'b@rig.test'];
  /** What may stay in Latin letters in Japanese: the code, protocol words, the host names. */
  const LATIN_ALLOWED = new Set(['CONNECTION_REFUSED', 'STARTTLS', 'SMTPS', 'SMTP']);

  it('--lang ja prints no English sentence for a refused connection: only the code and protocol words', async () => {
    const result = await runCli([...refused, ...envelope, '--lang', 'ja']);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/✗ 接続 +\d+ ミリ秒/);
    expect(result.stdout).toContain(
      '接続で失敗しました: 127.0.0.1 のポート 1 で待ち受けているサービスがありません。 [CONNECTION_REFUSED]',
    );
    expect(result.stdout).toMatch(/^対処: サーバーポートを確認してください/m);
    expect(result.stdout).toMatch(/^警告: 127\.0\.0\.1 はループバックアドレス/m);
    expect(result.stdout).toContain('SMTP のやり取り:');
    const latin =
      (result.stdout + result.stderr).replace(/\b[\w-]+(\.[\w-]+)+\b/g, '').match(/[A-Za-z][\w-]*/g) ?? [];
    expect(latin.filter((word) => !LATIN_ALLOWED.has(word))).toEqual([]);
  });

  it('follows LANG=ja_JP.UTF-8 without --lang, and --lang en over it', async () => {
    const locale = { LC_ALL: undefined, LC_MESSAGES: undefined, LANG: 'ja_JP.UTF-8' };
    const ja = await runCli([...refused, ...envelope], locale);
    expect(ja.stdout).toContain('接続で失敗しました');
    expect(ja.stdout).toContain('SMTP のやり取り:');
    const en = await runCli([...refused, ...envelope, '--lang', 'en'], locale);
    expect(en.stdout).toContain(
      'Failed at Connect: Nothing is listening on 127.0.0.1 port 1. [CONNECTION_REFUSED]',
    );
    expect(en.stdout).toMatch(/^Fix: Check the port/m);
    expect(en.stdout).toContain('Transcript:');
  });

  it('says an accepted run, a probe and found settings in Japanese; the JSON keeps its keys and codes', async () => {
    const sent = await runCli(
      [...smtps(), '--password-env', 'SMTP_PW', '--to', rig.user.address, '--lang', 'ja'],
      { SMTP_PW: rig.user.password },
    );
    expect(sent.status).toBe(0);
    expect(sent.stdout).toMatch(/^127\.0\.0\.1 が \d+ ミリ秒で受理しました（キュー ID: [0-9A-F]+）。$/m);
    const received = await readTestMessage('テストメッセージ');
    expect(received.subject).toMatch(/^Mail Preflight テストメッセージ（.+）$/);
    expect(received.text).toContain('これは Mail Preflight から送信したテストメッセージです。');
    expect(received.text).toMatch(/^サーバー: +127\.0\.0\.1:\d+$/m);

    const port = rig.ports.submission;
    const probeArgs = [...probeLocalhost(port), '--lang', 'ja'];
    const probed = await runCli(probeArgs);
    expect(probed.status).toBe(0);
    const summary = new RegExp(
      `^localhost:${port} は STARTTLS を使う SMTP（TLSv1\\.[23]）で応答し、AUTH PLAIN LOGIN に対応しています。ポート ${port} で SMTP\\+STARTTLS を使用してください。$`,
      'm',
    );
    expect(probed.stdout).toMatch(summary);
    expect(leftoverLatin(summary.exec(probed.stdout)![0])).toEqual([]);
    const json = JSON.parse((await runCli([...probeArgs, '--json'])).stdout);
    expect(json).toMatchObject({ ok: true, code: 'OK', fix: { settings: { port, security: 'starttls' } } });
    expect(json.summary).toMatch(/^localhost:\d+ は STARTTLS を使う SMTP/);
    expect(json.fix.text).toBe(`ポート ${port} で SMTP+STARTTLS を使用してください。`);

    const found = await runCli(['probe', '--domain', 'gmail.com', '--lang', 'ja']);
    expect(found.status).toBe(0);
    expect(found.stdout).toContain(
      'gmail.com は Gmail のドメインです。同梱の Gmail の設定を使います（既知の設定のため、調べていません）。',
    );
  });

  it('gives a usage error as one Japanese sentence, exit 2, nothing sent', async () => {
    const result = await runCli([...refused, '--to', 'b@rig.test', '--lang', 'ja']);
    expect(result).toMatchObject({
      status: 2,
      stdout: '',
      stderr: 'mail-preflight: 送信元アドレスを --from で指定してください。\n',
    });
    const probe = await runCli(['probe', '--port', '25'], { LC_ALL: 'ja_JP.UTF-8' });
    expect(probe.status).toBe(2);
    expect(probe.stderr).toBe(
      'mail-preflight: --host HOST（このサーバーが対応している機能を調べる）か --domain DOMAIN（設定を探す）のどちらか一方を指定してください。\n',
    );
  });
});

describe('the help and commander’s refusals in the chosen language', () => {
  const COMMANDS = [
    [],
    ['test'],
    ['probe'],
    ['login'],
    ['logout'],
    ['export'],
    ['profiles'],
    ['profiles', 'export'],
    ['profiles', 'import'],
    ['profiles', 'set-auth'],
  ];
  const C_LOCALE = { LC_ALL: undefined, LC_MESSAGES: undefined, LANG: 'C.UTF-8' };

  /** The words of a help, an item's lines joined: not its usage line (syntax) nor the terms of its lists (flags, commands). */
  function words(help: string): string[] {
    const texts: string[] = [];
    for (const line of help.split('\n')) {
      const item = /^ {2}\S.*? {2,}(.*)$/.exec(line);
      if (/^\S+: mail-preflight\b/.test(line)) texts.push(line.slice(0, line.indexOf(' ')));
      else if (item) texts.push(item[1]!);
      else if (/^ {3,}\S/.test(line)) texts.push(`${texts.pop() ?? ''} ${line.trim()}`);
      else texts.push(line);
    }
    return texts;
  }
  /** The terms of a help's lists: the same flags and commands in every language. */
  const terms = (help: string) =>
    help.split('\n').flatMap((line) => /^ {2}(\S.*?)(?: {2,}|$)/.exec(line)?.[1] ?? []);

  it.each(COMMANDS.map((command) => [command.join(' ') || '(top)', command]))(
    '%s --help --lang ja has no English sentence, and the same flags as in English',
    async (_name, command) => {
      const [ja, en] = await Promise.all([
        runCli([...command, '--help', '--lang', 'ja'], C_LOCALE),
        runCli([...command, '--help'], C_LOCALE),
      ]);
      expect(ja).toMatchObject({ status: 0, stderr: '' });
      expect(ja.stdout).toMatch(/^使い方: mail-preflight/);
      expect(words(ja.stdout).flatMap(leftoverLatin)).toEqual([]);
      expect(terms(ja.stdout)).toEqual(terms(en.stdout));
      expect(terms(en.stdout).length).toBeGreaterThan(1);
    },
  );

  it('keeps the English help as commander shapes it', async () => {
    const result = await runCli(['--help'], C_LOCALE);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      /^Usage: mail-preflight \[options\] \[command\]\n\nProve that outgoing mail/,
    );
    expect(result.stdout).toContain('\nOptions:\n  -V, --version     output the version number\n');
    expect(result.stdout).toContain('\nCommands:\n  test [options]    Send a test message');
    const test = await runCli(['test', '--help'], C_LOCALE);
    expect(test.stdout).toMatch(
      /\n {2}--security <mode> {17}protocol: plain SMTP, STARTTLS, or implicit\n {36}TLS \(SMTPS\) \(choices: "none", "starttls",\n {36}"tls"\)\n/,
    );
  });

  it('follows LANG=ja_JP.UTF-8 for test --help, wrapping Japanese within 80 columns', async () => {
    const result = await runCli(['test', '--help'], { ...C_LOCALE, LANG: 'ja_JP.UTF-8' });
    expect(result.stdout).toMatch(/^使い方: mail-preflight test \[options\]\n/);
    expect(result.stdout).toContain('\nオプション:\n  --to <address>  ');
    expect(result.stdout).toMatch(/--anonymous +ログインせずに匿名で接続します\n/);
    const columns = (line: string) =>
      [...line].reduce((n, c) => n + (/[\u3000-\u9fff\uff00-\uffef]/.test(c) ? 2 : 1), 0);
    expect(result.stdout.split('\n').filter((line) => columns(line) > 80)).toEqual([]);
    expect(result.stdout).not.toMatch(/^ +[、。）]/m);
  });

  it('refuses an unknown option in one Japanese sentence, exit 2, nothing sent', async () => {
    const args = ['test', '--host', '127.0.0.1', '--anonymous', '--to', 'b@rig.test', '--bogus'];
    const ja = await runCli([...args, '--lang', 'ja']);
    expect(ja).toEqual({
      status: 2,
      stdout: '',
      stderr: 'mail-preflight: mail-preflight test に --bogus というオプションはありません。\n',
    });
    const en = await runCli(args, C_LOCALE);
    expect(en).toEqual({
      status: 2,
      stdout: '',
      stderr: 'mail-preflight: mail-preflight test has no option --bogus.\n',
    });
  });

  it.each([
    [
      ['test', '--hots', 'h', '--to', 'b@rig.test'],
      'mail-preflight test に --hots というオプションはありません。--host のことですか？',
    ],
    [['tset'], '「tset」というコマンドはありません。test のことですか？'],
    [['test', '--anonymous'], 'mail-preflight test には --to <address> が必要です。'],
    [['probe', '--host'], '--host <host> には値を指定してください。'],
    [
      ['probe', '--host', 'h', '--json', '--lang', 'de'],
      '--lang には en, ja のいずれかを指定してください（“de” は指定できません）。',
    ],
    [['profiles', 'import'], 'mail-preflight profiles import には引数 <file> が必要です。'],
    [
      ['profiles', 'import', 'a.json', 'b.json'],
      'mail-preflight profiles import の引数が多すぎます。mail-preflight profiles import --help で確認してください。',
    ],
    [[], 'コマンドを指定してください（例: “mail-preflight test --help”）。'],
  ])('%j in Japanese: one sentence, exit 2', async (args, sentence) => {
    const result = await runCli(args, { ...C_LOCALE, LC_ALL: 'ja_JP.UTF-8' });
    expect(result).toEqual({ status: 2, stdout: '', stderr: `mail-preflight: ${sentence}\n` });
  });
});

describe('the migration warning', () => {
  it('names a loopback host once, beside the verdict and never in the fix, in JSON and for a person', async () => {
    const result = await runCli([
      'test',
      '--host',
      '127.0.0.1',
      '--port',
      '1',
      '--security',
      'none',
      '--anonymous',
      '--from',
      'a@rig.test',
      '--to',
      'b@rig.test',
      '--json',
    ]);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ code: 'CONNECTION_REFUSED' });
    expect(report.warnings).toEqual([
      expect.stringMatching(/^127\.0\.0\.1 is a loopback address .* right on the server that sends the mail/),
    ]);
    expect(report.fix.text).not.toMatch(/loopback/);

    const human = await runCli([
      'test',
      ...['--host', '127.0.0.1', '--port', '1', '--security', 'none'],
      '--anonymous',
      ...['--from', 'a@rig.test', '--to', 'b@rig.test'],
    ]);
    expect(human.stdout.match(/loopback/g)).toHaveLength(1);
    expect(human.stdout).toMatch(/^Warning: 127\.0\.0\.1 is a loopback address/m);
    expect(human.stdout).not.toMatch(/^Fix: .*loopback/m);
  });

  it('an IMPLICIT_TLS_EXPECTED fix is only the fix, however the host is named', async () => {
    const result = await runCli([
      'test',
      ...['--host', 'localhost', '--port', String(rig.ports.smtps), '--security', 'starttls'],
      '--anonymous',
      ...['--from', 'a@rig.test', '--to', 'b@rig.test', '--json'],
    ]);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ code: 'IMPLICIT_TLS_EXPECTED', fix: { settings: { security: 'tls' } } });
    expect(report.fix.text).toMatch(/^Choose SMTPS/);
    expect(report.warnings).toHaveLength(1);
  });
});
