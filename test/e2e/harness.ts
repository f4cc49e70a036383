/**
 * The browser test harness: the built renderer (out/renderer, served on loopback) in
 * Chromium, wired to the REAL handler table (createServices + createHandlers over a temp
 * data folder, the conf store and the OS keychain) through a stand-in for the Electron
 * preload. Tests get an `app` fixture:
 *   app.page          the page (replaced by restart())
 *   app.calls         every bridge call the page made, with its input and result
 *   app.events        every main → renderer event sent to the page
 *   app.restart()     closes the page, builds fresh services over the same data folder,
 *                     opens the app again (proves what survives a restart)
 *   app.queueFiles()  what the next OS file dialog returns (the stand-in for Electron's
 *                     dialog.showOpenDialog); app.fileDialogs lists the purposes asked for
 *   app.queueSavePath() where the next OS save dialog saves (Electron's dialog.showSaveDialog);
 *                     app.saveDialogs lists the suggested names
 *   app.screenshot()  test-results/screenshots/<name>.png
 *   app.resolver      the DNS the services use from the next open()/restart() on (a test's
 *                     own server on loopback, test/support/dns-server.ts); the system's when unset
 * and `settled(locator)`, which waits until an element has stopped moving (its enter
 * motion finished, its box the same from one frame to the next) before a screenshot.
 */
// The services' worker threads (`?bundledWorker`): run from their sources, as this file runs them.
import '../../scripts/resolve-ts.ts';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import type { Channel, EventName } from '../../electron/ipc/contract';
import { createHandlers, type Handlers } from '../../electron/ipc/handlers';
import { invokeChannel } from '../../electron/ipc/invoke';
import type { FilePurpose } from '../../electron/services/chosen-files';
import { loadEveryLanguage, type Language } from '../../electron/services/i18n';
import type { DnsResolver } from '../../electron/services/dns-check/types';
import type { SecretBackend } from '../../electron/services/secrets/secret-store';
import { createServices, type Services } from '../../electron/services/services';
import { confStoreFactory } from '../../electron/services/settings/conf-store';
import { serveStatic, type StaticServer } from './static-server';

const ROOT = resolve(import.meta.dirname, '../..');
export const SCREENSHOTS = join(ROOT, 'test-results/screenshots');

export interface BridgeCall {
  channel: string;
  input: unknown;
  result: unknown;
}

export interface BridgeEvent {
  event: string;
  payload: unknown;
}

declare global {
  interface Window {
    __mailPreflightInvoke(channel: string, input: unknown): Promise<unknown>;
    __mailPreflightDispatch(event: string, payload: unknown): void;
  }
}

// ---------------------------------------------------------------------------------------
// Preload stand-in. In the app, electron/preload.ts exposes `window.mailPreflight` through
// contextBridge and forwards to ipcMain, where register.ts runs invokeChannel(). Here
// Playwright's exposeFunction carries the call to this process, which runs the very same
// invokeChannel() over the very same handler table; events come back via page.evaluate.
// ---------------------------------------------------------------------------------------

/** Runs in the page before any of its scripts: the bridge the renderer's api.ts expects. */
function preloadStandInScript(): void {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  window.__mailPreflightDispatch = (event, payload) => {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  };
  Object.defineProperty(window, 'mailPreflight', {
    value: Object.freeze({
      invoke: (channel: string, input: unknown) => window.__mailPreflightInvoke(channel, input),
      on: (event: string, listener: (payload: unknown) => void) => {
        const set = listeners.get(event) ?? new Set();
        listeners.set(event, set);
        set.add(listener);
        return () => set.delete(listener);
      },
    }),
  });
}

async function installPreloadStandIn(
  page: Page,
  handlers: () => Handlers,
  calls: BridgeCall[],
  events: BridgeEvent[],
  chooseFiles: (purpose: FilePurpose) => Promise<string[] | null>,
  language: () => Language,
  chooseSavePath: (suggestedName: string) => Promise<string | null>,
): Promise<void> {
  await page.exposeFunction('__mailPreflightInvoke', async (channel: unknown, input: unknown) => {
    const result = await invokeChannel(handlers(), channel, input, {
      emit: (event: EventName, payload: unknown) => {
        events.push({ event, payload });
        page
          .evaluate(([e, p]) => window.__mailPreflightDispatch(e as string, p), [event, payload] as const)
          .catch(() => undefined); // the page may be gone (closed dialog, restart)
      },
      logError: (ch: Channel, error: unknown) => console.error(`[e2e] ${ch} failed inside main:`, error),
      chooseFiles,
      language,
      chooseSavePath,
    });
    calls.push({ channel: String(channel), input, result });
    return result;
  });
  await page.addInitScript(preloadStandInScript);
}

// ---------------------------------------------------------------------------------------

export class AppHarness {
  readonly dataDir = mkdtempSync(join(tmpdir(), 'mail-preflight-e2e-'));
  readonly calls: BridgeCall[] = [];
  readonly events: BridgeEvent[] = [];
  /** The purpose of every OS file dialog the page opened ('keystore' | 'certificate'). */
  readonly fileDialogs: FilePurpose[] = [];
  /** The suggested file name of every OS save dialog the page opened. */
  readonly saveDialogs: string[] = [];
  private readonly queuedSavePaths: string[] = [];
  services!: Services;
  /** The keychain backend for the next open()/restart(); the OS keychain when unset. */
  secretBackend: SecretBackend | undefined;
  /**
   * The system browser's stand-in for OAuth2 sign-in (Electron's shell.openExternal): each
   * address opens in a new tab of this browser context, kept here for the test to drive.
   */
  readonly browserTabs: Page[] = [];
  /** The DNS resolver for the next open()/restart() (From-domain check, autodetect, delivery); the system's when unset. */
  resolver: DnsResolver | undefined;
  private handlers!: Handlers;
  private context: BrowserContext | null = null;
  private currentPage: Page | null = null;
  private readonly queuedFiles: string[][] = [];

  private readonly browser: Browser;
  private readonly server: StaticServer;
  private readonly colorScheme: 'light' | 'dark';
  /** The OS locale: the page's navigator.language and the services' systemLocale (app.getLocale() in the app). */
  private readonly locale: string;

  // Plain fields, not parameter properties: `npm run bench` runs this file with Node's type stripping.
  constructor(
    browser: Browser,
    server: StaticServer,
    colorScheme: 'light' | 'dark' = 'light',
    locale = 'en-US',
  ) {
    this.browser = browser;
    this.server = server;
    this.colorScheme = colorScheme;
    this.locale = locale;
  }

  get page(): Page {
    if (!this.currentPage) throw new Error('app.open() first');
    return this.currentPage;
  }

  /** Builds the services over the data folder and opens the app in a fresh page. */
  async open(): Promise<Page> {
    await loadEveryLanguage(); // as electron/main.ts does before it answers the window
    this.services = createServices({
      dataDir: this.dataDir,
      version: 'e2e',
      storeFactory: confStoreFactory(this.dataDir),
      timeoutMs: 5_000,
      openBrowser: async (url) => {
        const tab = await this.context!.newPage();
        this.browserTabs.push(tab);
        await tab.goto(url);
      },
      ...(this.secretBackend ? { secretBackend: this.secretBackend } : {}),
      ...(this.resolver ? { resolver: this.resolver } : {}),
      systemLocale: this.locale,
    });
    this.handlers = createHandlers(this.services);
    this.context = await this.browser.newContext({
      locale: this.locale,
      viewport: { width: 1280, height: 820 },
      colorScheme: this.colorScheme,
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    const page = await this.context.newPage();
    page.on('pageerror', (error) => console.error('[e2e] page error:', error.message));
    await installPreloadStandIn(
      page,
      () => this.handlers,
      this.calls,
      this.events,
      (purpose) => this.chooseFiles(purpose),
      () => this.services.language(),
      async (suggestedName) => {
        this.saveDialogs.push(suggestedName);
        return this.queuedSavePaths.shift() ?? null;
      },
    );
    await page.goto(this.server.url);
    this.currentPage = page;
    return page;
  }

  /**
   * The stand-in for Electron's file dialog (register.ts: dialog.showOpenDialog): the next
   * `files:choose` returns these paths, as if the user had picked them. With nothing queued
   * the dialog counts as cancelled.
   */
  queueFiles(paths: string[]): void {
    this.queuedFiles.push(paths);
  }

  /** The stand-in for Electron's save dialog: the next save goes to `path`; with none queued it counts as cancelled. */
  queueSavePath(path: string): void {
    this.queuedSavePaths.push(path);
  }

  private async chooseFiles(purpose: FilePurpose): Promise<string[] | null> {
    this.fileDialogs.push(purpose);
    return this.queuedFiles.shift() ?? null;
  }

  /** Closes the page, then starts over with new services on the same data folder. */
  async restart(): Promise<Page> {
    await this.context?.close();
    this.context = null;
    this.currentPage = null;
    return this.open();
  }

  async screenshot(name: string): Promise<string> {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const path = join(SCREENSHOTS, `${name}.png`);
    await this.page.screenshot({ path, animations: 'disabled' });
    return path;
  }

  /** Every file under the data folder with its text, for "no secret in a file" checks. */
  files(): Array<{ path: string; content: string }> {
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? walk(path) : [path];
      });
    return walk(this.dataDir).map((path) => ({ path, content: readFileSync(path, 'latin1') }));
  }

  async dispose(): Promise<void> {
    await this.context?.close();
    // Passwords this test put into the keychain leave with their profiles.
    const profiles = this.services ? await this.services.profiles.listWithLastRun().catch(() => []) : [];
    for (const profile of profiles) await this.services.profiles.delete(profile.id).catch(() => undefined);
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/**
 * Waits until `locator` has stopped moving: every finite animation on it or inside it (a
 * drawer's slide-in is a Web Animation, which fires no transitionend) has finished, and its
 * bounding box is the same over two animation frames. Screenshots taken before that catch
 * the element mid-slide.
 */
export async function settled(locator: Locator, timeoutMs = 5_000): Promise<void> {
  await locator.evaluate(async (element, timeout) => {
    const deadline = performance.now() + timeout;
    const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
    const until = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));
    const box = () => JSON.stringify(element.getBoundingClientRect());
    // Running, finite animations only: a spinner never ends, and an idle (cancelled) one's
    // `finished` would wait for a play that never comes.
    const moving = () =>
      element
        .getAnimations({ subtree: true })
        .filter((a) => a.playState === 'running' && a.effect?.getComputedTiming().endTime !== Infinity);
    while (performance.now() < deadline) {
      const running = moving().map((a) => a.finished.then(undefined, () => undefined));
      await Promise.race([Promise.all(running), until(deadline - performance.now())]);
      const before = box();
      await frame();
      await frame();
      if (box() === before && moving().length === 0) return;
    }
    throw new Error(`still moving after ${timeout} ms`);
  }, timeoutMs);
}

export const test = base.extend<{ app: AppHarness }, { server: StaticServer }>({
  server: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const server = await serveStatic(join(ROOT, 'out/renderer'));
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  app: async ({ browser, server, colorScheme, locale }, use) => {
    const app = new AppHarness(browser, server, colorScheme === 'dark' ? 'dark' : 'light', locale);
    await app.open();
    await use(app);
    await app.dispose();
  },
});

export { expect } from '@playwright/test';
