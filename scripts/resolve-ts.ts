/**
 * Lets Node run the project's TypeScript as is (type stripping) from a script: the sources
 * use extension-less relative imports (bundler style), so this resolve hook tries the
 * extensions Node needs. Import it first, then import the sources dynamically:
 *
 *   import '../scripts/resolve-ts.ts';
 *   const { runTest } = await import('../electron/services/smtp/run-test.ts');
 */
import { registerHooks } from 'node:module';

registerHooks({
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
