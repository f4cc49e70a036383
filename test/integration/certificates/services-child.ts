/**
 * The app's services over a given data folder, in a Node process of its own — for the
 * tests whose subject is what this machine trusts: the test workers trust the rig's CA
 * through NODE_EXTRA_CA_CERTS (test/rig/global-setup.ts), so "a server the machine does not
 * trust yet" needs a process started without it. `servicesChild()` in ./support.ts starts
 * it and calls into it; the process lives for one test, so in-memory state (a chosen file's
 * token, a fetched chain waiting to be pinned) carries from one call to the next.
 *
 *   node services-child.ts DATA_DIR
 *   stdin, one JSON line per call:  {"id":1,"service":"certificates","method":"fetchChain","args":[...]}
 *   stdout, one JSON line per call: {"id":1,"ok":true,"value":...} | {"id":1,"ok":false,"error":{code,message}}
 *
 * Node runs it as is (type stripping), with the project's resolve hook
 * (scripts/resolve-ts.ts) for the services' extension-less imports.
 */
import '../../../scripts/resolve-ts.ts';
import { createInterface } from 'node:readline';

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
