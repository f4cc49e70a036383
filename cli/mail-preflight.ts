/**
 * The `mail-preflight` executable. It checks the Node version before anything else is
 * loaded: the command line and the libraries under it need Node 22.12, and on an older
 * Node they would die inside a library with a TypeError rather than say so. This file
 * therefore imports nothing statically and uses only syntax that old Nodes parse; the rest
 * of the command line is one dynamic import away (cli/main.ts). The sentence is not taken
 * from the catalogue, since nothing, the catalogue included, may load before the check.
 */
const MINIMUM = [22, 12] as const;
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);

if (major < MINIMUM[0] || (major === MINIMUM[0] && minor < MINIMUM[1])) {
  process.stderr.write(
    `Mail Preflight needs Node.js ${MINIMUM.join('.')} or newer (this is ${process.versions.node}).\n`,
  );
  process.exitCode = 2;
} else {
  // Node's compile cache (a folder in the OS's temp folder, shared by every Node program
  // that asks for it): from the second start on, the command line's code is not compiled
  // again, which is most of a short run's time. NODE_DISABLE_COMPILE_CACHE=1 turns it off.
  process.getBuiltinModule('node:module').enableCompileCache();
  const { main } = await import('./main');
  await main(process.argv);
}

/** A module (for top-level await), exporting nothing. */
export {};
