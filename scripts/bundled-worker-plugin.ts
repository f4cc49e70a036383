/**
 * `import workerUrl from './some-worker?bundledWorker'` gives the file: URL of that module
 * bundled into ONE self-contained ES module file (its packages included, Node built-ins
 * external), for `new Worker(new URL(workerUrl))` from node:worker_threads. (Where Node runs
 * the sources without Vite, scripts/resolve-ts.ts answers the same import.)
 *
 * One mechanism for every build that runs the services: the main process (electron.vite.config.ts),
 * the CLI (vite.cli.config.ts) and vitest, which runs the TypeScript sources and so could not
 * hand a `.ts` file with extension-less imports to a worker. A build writes the file next to
 * its output as `<name>.mjs` (`.mjs`: an ES module wherever it is copied, without a
 * package.json "type" beside it); vitest writes it under Vite's cache folder, named by its
 * content (and is not kept in vitest's module cache). Self-contained, the worker needs nothing from node_modules at run time, so it
 * loads the same from out/, from the packaged app's unpacked files and from a test run.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, posix } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin, type Rolldown } from 'vite';

const SUFFIX = '?bundledWorker';
/** Stands for the worker file's path relative to the chunk that imports it, until rendered. */
const PLACEHOLDER = /__BUNDLED_WORKER_([\w$]+)__/g;

/** The entry and everything it imports, as one ES module's code. */
async function bundle(entry: string): Promise<string> {
  const output = (await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      ssr: entry,
      write: false,
      target: 'node22',
      rolldownOptions: { output: { codeSplitting: false } },
    },
    ssr: { noExternal: true },
  })) as Rolldown.RolldownOutput;
  const chunks = output.output.filter((item) => item.type === 'chunk');
  if (chunks.length !== 1) throw new Error(`${entry} bundles into ${chunks.length} chunks, not one`);
  return chunks[0]!.code;
}

export function bundledWorker(): Plugin {
  let serve = false;
  let cacheDir = '';
  return {
    name: 'mail-preflight:bundled-worker',
    enforce: 'pre',
    configResolved(config) {
      serve = config.command === 'serve';
      cacheDir = config.cacheDir;
    },
    // vitest keeps transformed modules on disk, keyed on the text of the file a module id
    // names: a worker's module is its bundle, which changes with any file the worker imports,
    // so it is never kept (a kept one ran an old worker once one of them had changed).
    configureVitest({ defineCacheKeyGenerator }) {
      defineCacheKeyGenerator(({ id }) => (id.endsWith(SUFFIX) ? false : undefined));
    },
    async load(id) {
      if (!id.endsWith(SUFFIX)) return null;
      const entry = id.slice(0, -SUFFIX.length);
      const code = await bundle(entry);
      const name = basename(entry, extname(entry));
      if (!serve) {
        // A prebuilt chunk: an SSR build (the main process's, the CLI's) drops emitted assets.
        const reference = this.emitFile({ type: 'prebuilt-chunk', fileName: `${name}.mjs`, code });
        return `export default new URL('__BUNDLED_WORKER_${reference}__', import.meta.url).href;`;
      }
      const hash = createHash('sha256').update(code).digest('hex').slice(0, 12);
      const dir = join(cacheDir, 'bundled-workers');
      const path = join(dir, `${name}-${hash}.mjs`);
      if (!existsSync(path)) {
        mkdirSync(dir, { recursive: true });
        const temp = `${path}.${process.pid}.tmp`;
        writeFileSync(temp, code);
        renameSync(temp, path);
      }
      return `export default ${JSON.stringify(pathToFileURL(path).href)};`;
    },
    renderChunk(code, chunk) {
      if (!code.includes('__BUNDLED_WORKER_')) return null;
      return code.replace(PLACEHOLDER, (_, reference: string) => {
        const path = posix.relative(dirname(chunk.fileName), this.getFileName(reference));
        return path.startsWith('.') ? path : `./${path}`;
      });
    },
  };
}
