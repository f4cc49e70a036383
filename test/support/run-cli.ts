/** The built `mail-preflight` in a child process: its exit status, stdout and stderr. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import pkg from '../../package.json' with { type: 'json' };

export const CLI = resolve(pkg.bin['mail-preflight']);

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI with exactly `env` (the data folder included) and `stdin` as its input,
 * under `node` (another Node binary, for the version check).
 */
export function runBuiltCli(
  args: string[],
  env: NodeJS.ProcessEnv,
  stdin = '',
  node = process.execPath,
): Promise<CliResult> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first.`);
  return new Promise((done) => {
    const child = spawn(node, [CLI, ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += String(d)));
    child.stderr.on('data', (d: Buffer) => (stderr += String(d)));
    child.stdin.end(stdin);
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}
