/**
 * The scripts npm runs check the Node version before loading anything (scripts/run.mjs):
 * an old Node hears which version Mail Preflight needs, exit status 2, instead of a
 * TypeScript syntax error or a failure inside a dependency.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const SCRIPTS = (
  JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
).scripts;
/** Debian's Node, older than Mail Preflight needs, where installed. */
const OLD_NODE = '/usr/bin/node';

function nodeVersion(node: string): string | null {
  if (!existsSync(node)) return null;
  return spawnSync(node, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim();
}

function olderThanNeeded(version: string | null): boolean {
  const [major = 0, minor = 0] = (version ?? '99.0').split('.').map(Number);
  return major < 22 || (major === 22 && minor < 12);
}

/** The npm scripts that run a TypeScript file with Node, e.g. ["start", "dev", "bench"]. */
const TS_SCRIPTS = Object.entries(SCRIPTS).filter(([, command]) => /^node .*\.ts\b/.test(command));

describe('Node version gate of the npm scripts', () => {
  it('runs every TypeScript script through scripts/run.mjs', () => {
    expect(TS_SCRIPTS.map(([name]) => name)).toEqual(expect.arrayContaining(['start', 'dev', 'bench']));
    for (const [name, command] of TS_SCRIPTS)
      expect(command, name).toMatch(/^node scripts\/run\.mjs scripts\/\S+\.ts\b/);
  });

  it.each(TS_SCRIPTS)('npm run %s on Node 22.11 says which Node it needs, exit 2', (_name, command) => {
    const args = command.split(' ').slice(1);
    const faked = 'data:text/javascript,Object.defineProperty(process.versions,"node",{value:"22.11.0"})';
    const ran = spawnSync(process.execPath, ['--import', faked, ...args], { cwd: ROOT, encoding: 'utf8' });
    expect(ran.stderr).toBe('Mail Preflight needs Node.js 22.12 or newer (this is 22.11.0).\n');
    expect(ran.stdout).toBe('');
    expect(ran.status).toBe(2);
  });

  it.each([
    ['with built-in type stripping (Node 22.18+)', []],
    [
      'on a 22.x that strips types only by a flag',
      ['--import', 'data:text/javascript,Object.defineProperty(process.features,"typescript",{value:false})'],
    ],
  ])('runs the TypeScript script with its arguments %s', (_case, preload) => {
    const ran = spawnSync(
      process.execPath,
      [...preload, 'scripts/run.mjs', 'test/fixtures/echo-arguments.ts', 'preview', '--skipBuild'],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(ran.stderr).toBe('');
    expect(ran.stdout).toBe('["preview","--skipBuild"]\n');
    expect(ran.status).toBe(0);
  });

  const oldVersion = nodeVersion(OLD_NODE);
  it.skipIf(!olderThanNeeded(oldVersion))(
    `npm start on a real old Node (${OLD_NODE} ${oldVersion ?? 'absent'})`,
    () => {
      const ran = spawnSync(OLD_NODE, ['scripts/run.mjs', 'scripts/launch.ts', 'preview'], {
        cwd: ROOT,
        encoding: 'utf8',
      });
      expect(ran.stderr).toBe(`Mail Preflight needs Node.js 22.12 or newer (this is ${oldVersion}).\n`);
      expect(ran.status).toBe(2);
    },
  );
});
