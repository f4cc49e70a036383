/**
 * Smoke test of the real Electron app: the built main process (out/main/index.js), the
 * sandboxed preload and the renderer served from app://, driven through Playwright's
 * `_electron`. It checks that the window opens, that the bridge is the only door to main
 * (no Node in the page), that the IPC contract answers, and the window's hardening; with
 * the test rig running (MAIL_PREFLIGHT_RIG) it also sends a real test message.
 *
 * Run after `npm run build`: `npx playwright test -c test/electron/playwright.config.ts`
 * (on a Linux machine without a display, under `xvfb-run`).
 *
 * The Electron binary is not part of the npm package any more: since Electron 42 it is
 * downloaded on first launch. Where it is absent (these machines cannot reach the download
 * host) the tests are skipped, with the reason.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import type { Bridge } from '../../electron/ipc/contract';

const ROOT = resolve(import.meta.dirname, '../..');
const MAIN_SCRIPT = join(ROOT, 'out/main/index.js');

/**
 * Where the Electron binary is, or null when it has not been downloaded. This reads the same
 * files as the `electron` package's index.js but never calls it: requiring `electron` from
 * Node starts the download when the binary is missing, which hangs or fails offline.
 */
function electronBinary(): string | null {
  let packageDir: string;
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
  const binary = override
    ? join(override, relative ?? 'electron')
    : relative
      ? join(packageDir, 'dist', relative)
      : null;
  return binary && existsSync(binary) ? binary : null;
}

interface Rig {
  host: string;
  ports: { plain: number };
  user: { address: string };
}

function rigFromEnv(): Rig | null {
  const raw = process.env['MAIL_PREFLIGHT_RIG'];
  return raw ? (JSON.parse(raw) as Rig) : null;
}

type BridgeWindow = Window & { mailPreflight: Bridge; __progress?: unknown[] };

const ELECTRON_BINARY = electronBinary();

let app: ElectronApplication | null = null;
let dataDir = '';

const NO_BINARY =
  'Electron binary not available: it is downloaded on first launch and this machine has no access to the download host';

test.beforeAll(() => {
  // The list reporter shows a skipped test's title only; say why once, in the output.
  if (ELECTRON_BINARY === null) console.log(`Electron smoke tests skipped. ${NO_BINARY}.`);
});

test.beforeEach(() => {
  test.skip(ELECTRON_BINARY === null, NO_BINARY);
  if (!existsSync(MAIN_SCRIPT)) throw new Error(`${MAIN_SCRIPT} is missing: run \`npm run build\` first.`);
  dataDir = mkdtempSync(join(tmpdir(), 'mail-preflight-electron-'));
});

test.afterEach(async () => {
  await app?.close();
  app = null;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function launch(): Promise<Page> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && key !== 'ELECTRON_RENDERER_URL') env[key] = value;
  }
  env['MAIL_PREFLIGHT_DATA_DIR'] = dataDir;
  app = await electron.launch({ executablePath: ELECTRON_BINARY!, args: [ROOT], cwd: ROOT, env });
  const page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
  return page;
}

test('opens one hardened window with the bridge and nothing else', async () => {
  const page = await launch();

  await expect(page).toHaveTitle(/^Mail Preflight/);
  expect(page.url()).toMatch(/^app:\/\/mail-preflight\//);

  const shape = await page.evaluate(() => {
    const w = window as unknown as BridgeWindow & { require?: unknown; process?: unknown };
    return {
      bridge: typeof w.mailPreflight,
      invoke: typeof w.mailPreflight?.invoke,
      on: typeof w.mailPreflight?.on,
      keys: Object.keys(w.mailPreflight ?? {}).sort(),
      require: typeof w.require,
      process: typeof w.process,
    };
  });
  expect(shape).toEqual({
    bridge: 'object',
    invoke: 'function',
    on: 'function',
    keys: ['invoke', 'on'],
    require: 'undefined',
    process: 'undefined',
  });

  const info = await page.evaluate(() =>
    (window as unknown as BridgeWindow).mailPreflight.invoke('app:info', undefined),
  );
  expect(info.ok).toBe(true);
  if (info.ok) expect(resolve(info.value.dataDir)).toBe(resolve(dataDir));

  // Names outside the contract never reach main.
  const unknown = await page.evaluate(() =>
    (
      window as unknown as { mailPreflight: { invoke(c: string, i: unknown): Promise<unknown> } }
    ).mailPreflight.invoke('shell:openExternal', 'https://example.com'),
  );
  expect(unknown).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

  // Invalid input comes back as a Result, not a throw.
  const invalid = await page.evaluate(() =>
    (window as unknown as BridgeWindow).mailPreflight.invoke('profiles:delete', { id: 'NOT VALID' }),
  );
  expect(invalid).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

  // No new windows and no navigation away from the app (non-web URLs: nothing opens outside).
  const opened = await page.evaluate(() => window.open('about:blank') === null);
  expect(opened).toBe(true);
  await page.evaluate(() => {
    window.location.href = 'file:///etc/hostname';
  });
  await page.waitForTimeout(500);
  expect(page.url()).toMatch(/^app:\/\/mail-preflight\//);
  expect(app!.windows()).toHaveLength(1);

  // The app:// responses carry the CSP, and nothing outside out/renderer is served.
  const served = await app!.evaluate(async ({ net }) => {
    const index = await net.fetch('app://mail-preflight/index.html');
    const escape = await net.fetch('app://mail-preflight/..%2f..%2fmain%2findex.js');
    return { status: index.status, csp: index.headers.get('content-security-policy'), escape: escape.status };
  });
  expect(served.status).toBe(200);
  expect(served.csp).toContain("default-src 'none'");
  expect(served.csp).toContain("script-src 'self'");
  expect(served.csp).toContain("connect-src 'none'");
  expect(served.escape).toBeGreaterThanOrEqual(400);

  // Every permission request is denied.
  const permission = await page.evaluate(async () => {
    try {
      return (await navigator.permissions.query({ name: 'notifications' })).state;
    } catch {
      return 'denied';
    }
  });
  expect(permission).not.toBe('granted');
});

test('sends a test message through the rig over the bridge', async () => {
  const rig = rigFromEnv();
  test.skip(rig === null, 'MAIL_PREFLIGHT_RIG is not set: the Postfix/Dovecot rig is not running');
  const page = await launch();

  const created = await page.evaluate(
    (r) =>
      (window as unknown as BridgeWindow).mailPreflight.invoke('profiles:create', {
        fields: {
          name: 'Rig (plain, anonymous)',
          host: r.host,
          port: r.ports.plain,
          security: 'none',
          anonymous: true,
          username: '',
          from: r.user.address,
          replyTo: '',
          clientKeyId: null,
          trustedCertificateIds: [],
          lastRecipient: '',
        },
      }),
    rig!,
  );
  expect(created.ok, JSON.stringify(created)).toBe(true);
  if (!created.ok) return;

  const runId = randomUUID();
  const record = await page.evaluate(
    async ({ profileId, to, runId }) => {
      const w = window as unknown as BridgeWindow;
      w.__progress = [];
      const off = w.mailPreflight.on('run:progress', (progress) => w.__progress!.push(progress));
      try {
        return await w.mailPreflight.invoke('runs:send', { runId, profileId, to });
      } finally {
        off();
      }
    },
    { profileId: created.value.id, to: rig!.user.address, runId },
  );
  expect(record.ok, JSON.stringify(record)).toBe(true);
  if (!record.ok) return;
  expect(record.value.verdict).toBe('accepted');
  expect(record.value.code).toBe('OK');

  const progress = (await page.evaluate(() => (window as unknown as BridgeWindow).__progress)) as Array<{
    runId: string;
  }>;
  expect(progress.length).toBeGreaterThan(0);
  expect(progress.every((p) => p.runId === runId)).toBe(true);
});
