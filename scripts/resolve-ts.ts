/**
 * Lets Node run the project's TypeScript as is (type stripping) from a script: the sources
 * use extension-less relative imports (bundler style), so this resolve hook tries the
 * extensions Node needs. Import it first, then import the sources dynamically:
 *
 *   import '../scripts/resolve-ts.ts';
 *   const { runTest } = await import('../electron/services/smtp/run-test.ts');
 *
 * It also answers `import workerUrl from './x-worker?bundledWorker'` (which the builds answer
 * with scripts/bundled-worker-plugin.ts): here the worker runs x-worker.ts as is, from a
 * data: URL module that registers this hook in the worker's thread first.
 */
import * as nodeModule from 'node:module';

// Synchronous hooks came with Node 22.15; the app itself needs only 22.12 (package.json).
if (typeof nodeModule.registerHooks !== 'function') {
  console.error(`This script needs Node.js 22.15 or newer (this is ${process.versions.node}).`);
  process.exit(2);
}

const BUNDLED_WORKER = '?bundledWorker';

nodeModule.registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier.endsWith(BUNDLED_WORKER)) {
      const { url } = nextResolve(specifier.slice(0, -BUNDLED_WORKER.length) + '.ts', context);
      return { url: url + BUNDLED_WORKER, shortCircuit: true };
    }
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      if (!/^\.{1,2}\/|^nodemailer\/lib\//.test(specifier)) throw error;
      for (const suffix of ['.ts', '.js', '/index.ts', '/index.js']) {
        try {
          return nextResolve(specifier + suffix, context);
        } catch {
          // try the next one
        }
      }
      throw error;
    }
  },
  load(url, context, nextLoad) {
    if (!url.endsWith(BUNDLED_WORKER)) return nextLoad(url, context);
    const start = `import ${JSON.stringify(import.meta.url)};\nawait import(${JSON.stringify(url.slice(0, -BUNDLED_WORKER.length))});\n`;
    const source = `export default ${JSON.stringify(`data:text/javascript,${encodeURIComponent(start)}`)};`;
    return { format: 'module', source, shortCircuit: true };
  },
});
