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
  const { main } = await import('./main');
  await main(process.argv);
}

/** A module (for top-level await), exporting nothing. */
export {};
