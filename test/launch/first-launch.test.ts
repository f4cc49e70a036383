/**
 * First launch on a fresh machine (DESIGN.md "First launch"), without the internet: a clone
 * of this repository, with no Electron binary, runs `npm start` against a loopback mirror
 * serving a STAND-IN Electron dist (./stand-in-electron-mirror.ts). Electron's own installer
 * downloads it once, and electron-vite starts it with the app; where it cannot, the user
 * reads one sentence saying what to set. The same stand-in dist then goes through
 * `electron-builder --dir`, and the test looks at what was packaged.
 *
 * The clone is of the committed tree plus uncommitted changes to tracked files (`git stash
 * create`); node_modules is hard-linked from this checkout (installLinked), and every file a
 * run writes there is a new file (the Electron dist and path.txt are removed first, never
 * rewritten).
 */
import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { closedPort } from '../support/closed-port';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { statFile, listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandInMirror, type StandInMirror } from './stand-in-electron-mirror';

const ROOT = resolve(import.meta.dirname, '../..');
const ELECTRON_VERSION = (
  JSON.parse(readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8')) as { version: string }
).version;
const DOWNLOAD_LINE = new RegExp(
  `^Downloading Electron ${ELECTRON_VERSION.replaceAll('.', '\\.')} \\(\\d+ kB\\), once: later launches use this copy\\.$`,
  'm',
);

interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Ran> {
  return new Promise((done) => {
    execFile(command, args, { cwd, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      done({ status: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

describe.skipIf(process.platform !== 'linux')('first launch with a stand-in Electron mirror', () => {
  let dir: string;
  let clone: string;
  let mirror: StandInMirror;
  let launches = 0;

  beforeAll(async () => {
    // Hard links need one file system: the temp folder, else the repository's test-results/.
    const base = statSync(tmpdir()).dev === statSync(ROOT).dev ? tmpdir() : join(ROOT, 'test-results');
    mkdirSync(base, { recursive: true });
    dir = realpathSync(mkdtempSync(join(base, 'mp-first-launch-')));
    mirror = await startStandInMirror(ELECTRON_VERSION, dir);
    clone = join(dir, 'clone');
    const stash = (await run('git', ['stash', 'create'], ROOT)).stdout.trim();
    expect((await run('git', ['clone', '--quiet', ROOT, clone], dir)).status).toBe(0);
    if (stash) expect((await run('git', ['checkout', '--quiet', stash], clone)).status).toBe(0);
    await installLinked(join(ROOT, 'node_modules'), join(clone, 'node_modules'));
  });

  /**
   * node_modules as `npm ci` would make it, in a fraction of the time: hard links of this
   * checkout's packages (not its caches: .vite and the like). @fluentui, three quarters of
   * the files and only read by the renderer's build, is one symbolic link.
   */
  async function installLinked(from: string, to: string): Promise<void> {
    mkdirSync(to);
    const entries = readdirSync(from).filter((name) => !/^\.(vite|cache)|^@fluentui$/.test(name));
    expect((await run('cp', ['-al', ...entries.map((name) => join(from, name)), to], dir)).status).toBe(0);
    symlinkSync(join(from, '@fluentui'), join(to, '@fluentui'));
  }

  afterAll(async () => {
    await mirror?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** As on a machine where Electron was never downloaded (unlinks, never writes through). */
  function removeElectronDist(): void {
    for (const path of ['node_modules/electron/dist', 'node_modules/electron/path.txt']) {
      rmSync(join(clone, path), { recursive: true, force: true });
    }
  }

  /** What the stand-in recorded when electron-vite started it. */
  interface Launched {
    cwd: string;
    /** Set by `electron-vite dev` (its dev server), empty for `preview`. */
    rendererUrl: string;
    args: string[];
  }

  /** The app as electron-vite starts it: on the app's folder, whose package.json names the entry. */
  function theApp(rendererUrl = ''): Launched {
    return { cwd: clone, rendererUrl, args: ['.'] };
  }

  /**
   * `npm start` (or `npm run dev`) in the clone, in a plain environment (nothing of this test
   * runner's), with a download cache of its own. Returns also what the stand-in recorded, or
   * null when it was not started.
   */
  async function npmRun(
    script: 'start' | 'dev',
    env: NodeJS.ProcessEnv,
    args: string[] = [],
  ): Promise<Ran & { launched: Launched | null }> {
    launches += 1;
    const record = join(dir, `launch-${launches}.txt`);
    const ran = await run('npm', ['run', script, ...(args.length ? ['--', ...args] : [])], clone, {
      PATH: process.env['PATH'],
      HOME: process.env['HOME'],
      electron_config_cache: join(dir, `cache-${launches}`),
      STAND_IN_ELECTRON_RECORD: record,
      ...env,
    });
    if (!existsSync(record)) return { ...ran, launched: null };
    const [cwd = '', rendererUrl = '', ...launchArgs] = readFileSync(record, 'utf8').slice(0, -1).split('\n');
    return { ...ran, launched: { cwd, rendererUrl, args: launchArgs } };
  }

  const npmStart = (env: NodeJS.ProcessEnv, args: string[] = []) => npmRun('start', env, args);

  it('downloads Electron once with its own installer, says so in one line, and starts the app', async () => {
    removeElectronDist();
    const first = await npmStart({ ELECTRON_MIRROR: mirror.url, electron_use_remote_checksums: '1' });

    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout.match(new RegExp(DOWNLOAD_LINE, 'gm'))).toHaveLength(1);
    expect(mirror.requests).toEqual([
      `GET /v${ELECTRON_VERSION}/electron-v${ELECTRON_VERSION}-linux-${process.arch}.zip`,
      `GET /v${ELECTRON_VERSION}/SHASUMS256.txt`,
    ]);
    // electron-vite built the app and started the stand-in on the app's folder, whose
    // package.json "main" is the built main process.
    expect(first.launched).toEqual(theApp());
    expect(JSON.parse(readFileSync(join(clone, 'package.json'), 'utf8')).main).toBe('out/main/index.js');
    expect(existsSync(join(clone, 'out/main/index.js'))).toBe(true);

    // Once: the next launch neither downloads nor says it does.
    const second = await npmStart({ ELECTRON_MIRROR: mirror.url, electron_use_remote_checksums: '1' }, [
      '--skipBuild',
    ]);
    expect(second.status).toBe(0);
    expect(second.stdout).not.toMatch(DOWNLOAD_LINE);
    expect(mirror.requests).toHaveLength(2);
    expect(second.launched).toEqual(theApp());
  });

  it('npm run dev downloads Electron too, and starts the app on the dev server', async () => {
    removeElectronDist();
    const ran = await npmRun('dev', { ELECTRON_MIRROR: mirror.url, electron_use_remote_checksums: '1' });

    expect(ran.status, ran.stderr).toBe(0);
    expect(ran.stdout.match(new RegExp(DOWNLOAD_LINE, 'gm'))).toHaveLength(1);
    expect(ran.launched).toEqual(theApp(expect.stringMatching(/^http:\/\/(localhost|127\.0\.0\.1):\d+\/?$/)));
  });

  it('says in one sentence what to set when the mirror is down, and stops with a failure status', async () => {
    removeElectronDist();
    const port = await closedPort();
    const ran = await npmStart({
      ELECTRON_MIRROR: `http://127.0.0.1:${port}/`,
      electron_use_remote_checksums: '1',
    });

    expect(ran.status).not.toBe(0);
    expect(ran.launched).toBeNull();
    expect(ran.stderr).toBe(
      `Electron ${ELECTRON_VERSION} could not be downloaded (connect ECONNREFUSED 127.0.0.1:${port} from ` +
        `http://127.0.0.1:${port}/v${ELECTRON_VERSION}/electron-v${ELECTRON_VERSION}-linux-${process.arch}.zip): ` +
        `set ELECTRON_MIRROR to a mirror you can reach (and HTTPS_PROXY behind a proxy), or ` +
        `ELECTRON_OVERRIDE_DIST_PATH to a folder with Electron ${ELECTRON_VERSION} unpacked.\n`,
    );
    expect(ran.stdout).not.toMatch(/\bat .+:\d+:\d+|Error:/);
  });

  it('downloads through the proxy named by HTTP_PROXY', async () => {
    removeElectronDist();
    const before = mirror.requests.length;
    // A host that does not resolve: only the proxy (the mirror itself) can reach it.
    const ran = await npmStart(
      {
        ELECTRON_MIRROR: 'http://electron-mirror.invalid/',
        HTTP_PROXY: mirror.url,
        electron_use_remote_checksums: '1',
      },
      ['--skipBuild'],
    );

    expect(ran.stderr).toBe('');
    expect(ran.stdout).toMatch(DOWNLOAD_LINE);
    expect(ran.launched).toEqual(theApp());
    expect(mirror.requests.slice(before).join('\n')).toMatch(/electron-mirror\.invalid/);
  });

  it('starts the Electron in ELECTRON_OVERRIDE_DIST_PATH without downloading, or says it is not there', async () => {
    removeElectronDist();
    const before = mirror.requests.length;
    const standInDist = join(dir, 'stand-in-dist');
    const ran = await npmStart({ ELECTRON_OVERRIDE_DIST_PATH: standInDist, ELECTRON_MIRROR: mirror.url }, [
      '--skipBuild',
    ]);

    expect(ran.stderr).toBe('');
    expect(ran.status).toBe(0);
    expect(ran.stdout).not.toMatch(DOWNLOAD_LINE);
    expect(ran.launched).toEqual(theApp());
    expect(mirror.requests).toHaveLength(before);
    expect(existsSync(join(clone, 'node_modules/electron/dist'))).toBe(false);

    const empty = join(dir, 'empty-dist');
    mkdirSync(empty);
    const missing = await npmStart({ ELECTRON_OVERRIDE_DIST_PATH: empty }, ['--skipBuild']);
    expect(missing.status).not.toBe(0);
    expect(missing.launched).toBeNull();
    expect(missing.stderr).toBe(
      `ELECTRON_OVERRIDE_DIST_PATH is ${empty}, which holds no electron: point it at a folder with ` +
        `Electron ${ELECTRON_VERSION} unpacked, or unset it to download Electron once.\n`,
    );
  });

  it('packages the built app with electron-builder: asar content, native keychain and worker unpacked, no sources', async () => {
    expect(existsSync(join(clone, 'out/main/index.js')), 'the first case built the app').toBe(true);
    const built = await run(
      'npm',
      [
        'run',
        'package:dir',
        '--',
        `-c.electronDist=${mirror.zip}`,
        `-c.directories.output=${join(dir, 'pack')}`,
      ],
      clone,
      { PATH: process.env['PATH'], HOME: process.env['HOME'], ELECTRON_CACHE: join(dir, 'builder-cache') },
    );
    expect(built.status, built.stderr).toBe(0);

    const unpacked = join(dir, 'pack/linux-unpacked');
    const asar = join(unpacked, 'resources/app.asar');
    const entries = listPackage(asar, { isPack: false }).map((entry) => entry.replaceAll('\\', '/'));
    expect(entries).toEqual(
      expect.arrayContaining([
        '/package.json',
        '/out/main/index.js',
        '/out/preload/index.cjs',
        '/out/renderer/index.html',
        '/node_modules/nodemailer/package.json',
        '/node_modules/imapflow/package.json',
        '/node_modules/zod/package.json',
        '/node_modules/@napi-rs/keyring/package.json',
      ]),
    );
    const unwanted = entries.filter((entry) =>
      /\.(map|ts|tsx|mts|cts)$|^\/(test|electron|renderer|cli|scripts|out\/cli)\/|^\/node_modules\/(electron|vitest|commander|typescript)\//.test(
        entry,
      ),
    );
    expect(unwanted).toEqual([]);

    // The keychain's native binary is outside the archive, where Node can load it.
    const native = `node_modules/@napi-rs/keyring-linux-${process.arch}-gnu/keyring.linux-${process.arch}-gnu.node`;
    expect(existsSync(join(unpacked, 'resources/app.asar.unpacked', native))).toBe(true);
    expect(statFile(asar, native, false)).toMatchObject({ unpacked: true });
    // So is the keystore parser's worker thread, where parse-in-worker.ts looks for it.
    const worker = 'out/main/keystore-parse-worker.mjs';
    expect(entries).toContain(`/${worker}`);
    expect(statFile(asar, worker, false)).toMatchObject({ unpacked: true });
    // Self-contained: it imports Node's built-ins only, nothing from the archive's node_modules.
    const workerText = readFileSync(join(unpacked, 'resources/app.asar.unpacked', worker), 'utf8');
    const imports = [...workerText.matchAll(/^import .* from "(.+)";$/gm)].map((match) => match[1]);
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.filter((specifier) => !specifier?.startsWith('node:'))).toEqual([]);

    // The stand-in binary, renamed, with electron-builder.yml's fuses flipped.
    const wire = await getCurrentFuseWire(join(unpacked, 'mail-preflight-app'));
    const ENABLE = 49;
    const DISABLE = 48;
    expect(wire[FuseV1Options.RunAsNode]).toBe(DISABLE);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(DISABLE);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(DISABLE);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(ENABLE);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(ENABLE);
  });
});
