/**
 * Lets Node run the project's TypeScript as is (type stripping) from a script: the sources
 * use extension-less relative imports (bundler style), so this resolve hook tries the
 * extensions Node needs. Import it first, then import the sources dynamically:
 *
 *   import '../scripts/resolve-ts.ts';
 *   const { runTest } = await import('../electron/services/smtp/run-test.ts');
 */
import * as nodeModule from 'node:module';

// Synchronous hooks came with Node 22.15; the app itself needs only 22.12 (package.json).
if (typeof nodeModule.registerHooks !== 'function') {
  console.error(`This script needs Node.js 22.15 or newer (this is ${process.versions.node}).`);
  process.exit(2);
}

nodeModule.registerHooks({
  resolve(specifier, context, nextResolve) {
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
});
