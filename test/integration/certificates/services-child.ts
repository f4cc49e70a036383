/**
 * The app's services over a given data folder, in a Node process of its own — for the
 * tests whose subject is what this machine trusts: the test workers trust the rig's CA
 * through NODE_EXTRA_CA_CERTS (test/rig/global-setup.ts), so "a server the machine does not
 * trust yet" needs a process started without it. `servicesChild()` in ./support.ts starts
 * it and calls into it; the process lives for one test, so in-memory state (a chosen file's
 * token, a fetched chain waiting to be pinned) carries from one call to the next.
 *
 *   node --experimental-transform-types services-child.ts DATA_DIR
 *   stdin, one JSON line per call:  {"id":1,"service":"certificates","method":"fetchChain","args":[...]}
 *   stdout, one JSON line per call: {"id":1,"ok":true,"value":...} | {"id":1,"ok":false,"error":{code,message}}
 *
 * The services use extension-less imports, so a resolve hook adds the extension Node needs
 * (as scripts/bench.ts does); --experimental-transform-types because some service files
 * use TypeScript parameter properties, which plain type stripping refuses.
 */
import { registerHooks } from 'node:module';
import { createInterface } from 'node:readline';

registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      if (!/^\.{1,2}\//.test(specifier)) throw error;
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

const { createServices } = await import('../../../electron/services/services.ts');
const { confStoreFactory } = await import('../../../electron/services/settings/conf-store.ts');

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: services-child.ts DATA_DIR');
const services = createServices({ dataDir, version: 'test', storeFactory: confStoreFactory(dataDir) });

interface Call {
  id: number;
  service: string;
  method: string;
  args: unknown[];
}

const reply = (message: object) => process.stdout.write(`${JSON.stringify(message)}\n`);

for await (const line of createInterface({ input: process.stdin })) {
  const { id, service, method, args } = JSON.parse(line) as Call;
  try {
    const target = (services as unknown as Record<string, Record<string, (...a: unknown[]) => unknown>>)[
      service
    ]!;
    const value = await target[method]!.apply(target, args);
    reply({ id, ok: true, value: value ?? null });
  } catch (error) {
    const { code = 'UNEXPECTED', message = String(error) } = error as { code?: string; message?: string };
    reply({ id, ok: false, error: { code, message } });
  }
}
