/**
 * Runs checkDelivery in a Node process of its own, for a test whose subject is the
 * process environment: the test workers trust the rig's CA through NODE_EXTRA_CA_CERTS
 * (test/rig/global-setup.ts), so "a CA this machine does not trust" needs a process
 * started without it.
 *
 *   node test/integration/delivery/check-delivery-child.ts < options.json > result.json
 *
 * stdin: CheckDeliveryOptions as JSON (no functions); stdout: the DeliveryResult as JSON.
 * Node runs this file as is (type stripping), with the project's resolve hook
 * (scripts/resolve-ts.ts) for the services' extension-less imports.
 */
import '../../../scripts/resolve-ts.ts';

const { checkDelivery } = await import('../../../electron/services/delivery/index.ts');
type Options = import('../../../electron/services/delivery/types.ts').CheckDeliveryOptions;

let input = '';
for await (const chunk of process.stdin) input += String(chunk);
const result = await checkDelivery(JSON.parse(input) as Options);
process.stdout.write(`${JSON.stringify(result)}\n`);
