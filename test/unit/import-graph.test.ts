/**
 * The layering of DESIGN.md, checked on the import graph of the sources (type imports
 * included, which `import-x/no-cycle` skips): no import circles, and no service importing
 * the IPC layer.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const SOURCE_DIRS = ['electron', 'cli', 'renderer'];
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"](\.{1,2}\/[^'"]+)['"]/g;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

function resolveImport(from: string, specifier: string): string | null {
  const base = resolve(dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    if (/\.tsx?$/.test(candidate) && existsSync(candidate)) return candidate;
  }
  return null;
}

function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of SOURCE_DIRS.flatMap((d) => sources(join(root, d)))) {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(IMPORT)]
      .map((m) => resolveImport(file, m[1]!))
      .filter((t): t is string => t !== null);
    graph.set(file, targets);
  }
  return graph;
}

/** Every import circle, each as the list of files (relative to the repo) around it. */
function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open')
        found.push(stack.slice(stack.indexOf(next)).map((f) => relative(root, f)));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return found;
}

describe('import graph', () => {
  const graph = importGraph();

  it('reads the sources', () => {
    expect(graph.size).toBeGreaterThan(100);
  });

  it('has no import circles, type imports included', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('finds a circle when there is one', () => {
    const a = join(root, 'a.ts');
    const b = join(root, 'b.ts');
    expect(
      cycles(
        new Map([
          [a, [b]],
          [b, [a]],
        ]),
      ),
    ).toEqual([['a.ts', 'b.ts']]);
  });

  it('keeps the services below the IPC layer', () => {
    const services = join(root, 'electron/services');
    const ipc = join(root, 'electron/ipc');
    const upward = [...graph].flatMap(([file, targets]) =>
      file.startsWith(services)
        ? targets
            .filter((t) => t.startsWith(ipc))
            .map((t) => `${relative(root, file)} → ${relative(root, t)}`)
        : [],
    );
    expect(upward).toEqual([]);
  });
});

/** A static import that loads something at run time: not `import type`, not `{ type A }` alone. */
const VALUE_IMPORT =
  /(?:^|\n)\s*(?:import|export)\s+(?!type\s)([\w$*{},\s]*?)\s*(?:from\s+)?['"]([^'"]+)['"]/g;

function loadsValues(clause: string): boolean {
  const named = /^\{([^}]*)\}$/.exec(clause.trim())?.[1];
  return named === undefined || named.split(',').some((name) => name.trim() && !/^type\s/.test(name.trim()));
}

/**
 * What loading `entry` loads before any of its code runs: its static value imports, followed
 * through the sources; packages by name. Dynamic `import()` (what loads on demand) is not
 * followed.
 */
function staticLoad(entry: string): Set<string> {
  const loaded = new Set<string>();
  const visit = (file: string): void => {
    const name = relative(root, file);
    if (loaded.has(name)) return;
    loaded.add(name);
    if (!/\.tsx?$/.test(file)) return;
    for (const [, clause, specifier] of readFileSync(file, 'utf8').matchAll(VALUE_IMPORT)) {
      if (!loadsValues(clause!)) continue;
      if (!specifier!.startsWith('.')) {
        loaded.add(specifier!.replace(/^((?:@[^/]+\/)?[^/]+).*$/, '$1'));
        continue;
      }
      const json = resolve(dirname(file), specifier!);
      const target = json.endsWith('.json') ? json : resolveImport(file, specifier!);
      if (target) visit(target);
    }
  };
  visit(join(root, entry));
  return loaded;
}

describe('what a command line start loads (npm run bench weighs a refused run)', () => {
  /** What a run from flags, a probe and the help need none of: loaded on demand, if at all. */
  const HEAVY = [
    'zod',
    'conf',
    'nodemailer',
    'imapflow',
    'mailauth',
    'node-forge',
    'jks-js',
    '@napi-rs/keyring',
    'electron/services/services.ts',
    'electron/services/settings/profile-schema.ts',
    'electron/services/settings/settings-store.ts',
    'locales/ja.json',
  ];

  it.each(['cli/main.ts', 'cli/commands/test.ts', 'cli/commands/probe.ts'])(
    '%s loads none of them',
    (entry) => {
      const loaded = staticLoad(entry);
      expect(loaded.size).toBeGreaterThan(3);
      expect(HEAVY.filter((heavy) => loaded.has(heavy))).toEqual([]);
    },
  );

  it('sees them where they are loaded: a command that opens the saved profiles', () => {
    const loaded = staticLoad('cli/open-services.ts');
    expect(['zod', 'conf', 'electron/services/services.ts'].filter((heavy) => loaded.has(heavy))).toEqual([
      'zod',
      'conf',
      'electron/services/services.ts',
    ]);
  });
});
