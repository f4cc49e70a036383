/**
 * Starts a mail rig (see rig.ts) and keeps it running until SIGINT/SIGTERM.
 *
 *   node test/rig/cli.ts [--info-file PATH] [--dir DIR] [--exit-with-stdin]
 *
 * stdout: exactly one line, the rig's JSON info (RigInfo), once it is ready.
 * stderr: a human-readable summary.
 *   --info-file PATH   also write the JSON info to PATH (removed again on stop)
 *   --dir DIR          use DIR (missing or empty) instead of a temp dir; kept after stop
 *   --exit-with-stdin  stop when stdin closes (a parent, e.g. a Playwright
 *                      global setup, that spawns this with a stdin pipe cannot
 *                      leak the rig by dying)
 * Exit code 0 after a clean stop, 1 if the rig failed to start or stop.
 */
import { rename, rm, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { startRig, toRigInfo } from './rig.ts';
import type { Rig } from './rig.ts';

const { values } = parseArgs({
  options: {
    'info-file': { type: 'string' },
    dir: { type: 'string' },
    'exit-with-stdin': { type: 'boolean', default: false },
  },
});

let rig: Rig;
try {
  rig = await startRig(values.dir ? { dir: values.dir } : {});
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
const info = toRigInfo(rig);
const infoFile = values['info-file'];
if (infoFile) {
  // Atomically, so a watcher never reads half a file.
  await writeFile(`${infoFile}.tmp`, `${JSON.stringify(info, null, 2)}\n`);
  await rename(`${infoFile}.tmp`, infoFile);
}
process.stdout.write(`${JSON.stringify(info)}\n`);
process.stderr.write(
  [
    `mail rig running in ${info.dir}`,
    `  SMTP plain (MX, no TLS/AUTH)   ${info.host}:${info.ports.plain}`,
    `  SMTP submission (STARTTLS+AUTH) ${info.host}:${info.ports.submission}`,
    `  SMTPS (implicit TLS+AUTH)       ${info.host}:${info.ports.smtps}`,
    `  IMAP                            ${info.host}:${info.ports.imap}`,
    `  IMAPS                           ${info.host}:${info.ports.imaps}`,
    `  TLS server name ${info.serverName}, CA ${info.caFile}`,
    ...[info.user, ...info.otherUsers, info.sink].map((u) => `  user ${u.username} / ${u.password}`),
    `  logs: ${info.logs.postfix}, ${info.logs.dovecot}`,
    'Ctrl-C to stop.',
    '',
  ].join('\n'),
);

const keepAlive = setInterval(() => undefined, 1 << 30);
let stopping = false;
async function shutdown(reason: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  clearInterval(keepAlive);
  process.stderr.write(`mail rig: stopping (${reason})\n`);
  let code = 0;
  try {
    await rig.stop();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    code = 1;
  }
  if (infoFile) await rm(infoFile, { force: true });
  process.exit(code);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGHUP', () => void shutdown('SIGHUP'));
if (values['exit-with-stdin']) {
  process.stdin.on('end', () => void shutdown('stdin closed'));
  process.stdin.on('error', () => void shutdown('stdin error'));
  process.stdin.resume();
}
