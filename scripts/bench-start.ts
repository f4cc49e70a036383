/**
 * Whole-process start for `npm run bench`: the built command line (out/cli) against a bare
 * `node -e 0` and against swaks, each run as its own process, interleaved so that a busy
 * machine slows all of them alike; the median wall time of each, and its peak RSS (GNU
 * time's %M: the kernel's high-water mark of the whole process).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ProcessFigures {
  ms: number;
  rssMiB: number | null;
  /** Exit status of the last run (a refused connection diagnosed is 1). */
  status: number | null;
}

const GNU_TIME = '/usr/bin/time';

function once(
  command: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ ms: number; rssKiB: number | null; status: number | null }> {
  return new Promise((resolve) => {
    const started = performance.now();
    let stderr = '';
    const child = spawn(GNU_TIME, ['-f', 'rss=%M', ...command], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', () => resolve({ ms: NaN, rssKiB: null, status: null }));
    child.on('close', (status) => {
      const rss = /rss=(\d+)\s*$/.exec(stderr);
      resolve({ ms: performance.now() - started, rssKiB: rss ? Number(rss[1]) : null, status });
    });
  });
}

/**
 * Each runner's samples of `rounds` rounds in which every runner runs once, in turn, after
 * one unmeasured round: a busy machine then slows all of them alike. With `rotate`, each
 * round is led by the next runner, so that none always follows the same one.
 */
export async function inTurn<K extends string, T>(
  runners: Record<K, () => Promise<T>>,
  rounds: number,
  rotate = false,
): Promise<Record<K, T[]>> {
  const names = Object.keys(runners) as K[];
  const samples = Object.fromEntries(names.map((name) => [name, []])) as unknown as Record<K, T[]>;
  for (let round = 0; round <= rounds; round++) {
    const lead = rotate ? round % names.length : 0;
    for (const name of [...names.slice(lead), ...names.slice(0, lead)]) {
      const sample = await runners[name]();
      if (round > 0) samples[name].push(sample);
    }
  }
  return samples;
}

/** Runs each command `runs` times, in turn (inTurn). */
export async function measureProcesses(
  commands: Record<string, string[]>,
  runs = 15,
): Promise<Record<string, ProcessFigures>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mail-preflight-bench-'));
  const env = { ...process.env, MAIL_PREFLIGHT_DATA_DIR: dataDir };
  const runners = Object.fromEntries(
    Object.entries(commands).map(([name, command]) => [name, () => once(command, env)]),
  );
  const samples = await inTurn(runners, runs).finally(() =>
    rmSync(dataDir, { recursive: true, force: true }),
  );
  const figures: Record<string, ProcessFigures> = {};
  for (const [name, list] of Object.entries(samples)) {
    const times = list.map((s) => s.ms).sort((a, b) => a - b);
    const rss = list.map((s) => s.rssKiB).filter((v): v is number => v !== null);
    figures[name] = {
      ms: times[Math.floor(times.length / 2)]!,
      rssMiB: rss.length ? Math.max(...rss) / 1024 : null,
      status: list.at(-1)?.status ?? null,
    };
  }
  return figures;
}
