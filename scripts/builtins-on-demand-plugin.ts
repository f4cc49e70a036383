/**
 * A build plugin for the command line: a chunk's static imports of Node's built-in modules
 * (`import { readFile } from "node:fs/promises"`) become `process.getBuiltinModule()` calls.
 *
 * Why: Node imports a built-in module as ESM by copying every one of its exports, and the
 * copy runs the getters through which a built-in loads its parts on first use. Importing
 * `node:fs` so loads fs/promises, its streams and its watchers; `node:util` its argument
 * parser and its diff; `node:process` the diagnostic report. `getBuiltinModule` returns the
 * module as `require` does, those parts still unloaded. A refused connection diagnosed held
 * 1.2 MiB less at its peak (`npm run bench`). Node has had `getBuiltinModule` since 22.3;
 * the command line needs 22.12.
 *
 * The chunks' import statements are the bundler's own, one per line; one of another shape
 * fails the build rather than being left as it is.
 */
import type { Plugin } from 'vite';

const BUILTIN_IMPORT = /^import\s+([^'";]*?)\s*(?:from\s+)?"(node:[^"]+)";$/gm;

/** `a as b, c` → `a: b, c`: the import's bindings as a destructuring pattern. */
function pattern(named: string): string {
  return named
    .split(',')
    .map((binding) => binding.trim())
    .filter(Boolean)
    .map((binding) => binding.replace(/\s+as\s+/, ': '))
    .join(', ');
}

/** The statements that bind what one import statement binds. */
function rewrite(clause: string, source: string): string {
  const load = `process.getBuiltinModule(${JSON.stringify(source)})`;
  if (clause === '') return `${load};`;
  const shape = /^(?:([\w$]+)|\*\s+as\s+([\w$]+))?\s*,?\s*(?:\{([^}]*)\})?$/.exec(clause);
  const [, name, namespace, named] = shape ?? [];
  if (!shape || (!name && !namespace && named === undefined))
    throw new Error(`builtins-on-demand: cannot rewrite "import ${clause} from "${source}"".`);
  const module = name ?? namespace;
  if (!module) return `const { ${pattern(named!)} } = ${load};`;
  return (
    `const ${module} = ${load};` + (named === undefined ? '' : ` const { ${pattern(named)} } = ${module};`)
  );
}

export function builtinsOnDemand(): Plugin {
  return {
    name: 'builtins-on-demand',
    renderChunk(code) {
      const rewritten = code.replace(BUILTIN_IMPORT, (_statement, clause: string, source: string) =>
        rewrite(clause, source),
      );
      if (/^import\b[^;]*["']node:/m.test(rewritten))
        throw new Error('builtins-on-demand: an import of a built-in module was left as it was.');
      return rewritten === code ? null : { code: rewritten, map: null };
    },
  };
}
