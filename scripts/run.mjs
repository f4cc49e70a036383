/**
 * Entry of every script npm runs (`npm start`, `npm run dev`, `npm run bench`):
 *
 *   node scripts/run.mjs scripts/launch.ts preview
 *
 * Plain JavaScript that any Node parses, so that an old Node hears which version Mail
 * Preflight needs (package.json "engines") instead of failing inside a dependency or on
 * TypeScript syntax. Only then is the TypeScript script loaded, with Node's type stripping:
 * built in from Node 22.18 and 23.6; earlier 22.x releases get it by a flag (one child
 * process more).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const [needMajor, needMinor] = versionOf(packageJson.engines.node);
const [major, minor] = versionOf(process.versions.node);
if (major < needMajor || (major === needMajor && minor < needMinor)) {
  console.error(
    `Mail Preflight needs Node.js ${needMajor}.${needMinor} or newer (this is ${process.versions.node}).`,
  );
  process.exit(2);
}

const [script, ...args] = process.argv.slice(2);
if (!script) {
  console.error('Usage: node scripts/run.mjs <script.ts> [arguments]');
  process.exit(2);
}

if (process.features.typescript) {
  // The script sees its own path and arguments, as if Node had started it.
  process.argv.splice(1, 2, resolve(script));
  await import(pathToFileURL(resolve(script)).href);
} else {
  const child = spawnSync(
    process.execPath,
    [
      ...process.execArgv,
      '--experimental-strip-types',
      '--disable-warning=ExperimentalWarning',
      script,
      ...args,
    ],
    { stdio: 'inherit' },
  );
  process.exit(child.status ?? 1);
}

/** [major, minor] of the first "x.y" in a version or a range like ">=22.12". */
function versionOf(text) {
  const match = /(\d+)\.(\d+)/.exec(text);
  return match ? [Number(match[1]), Number(match[2])] : [0, 0];
}
