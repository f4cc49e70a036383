/**
 * `locales/<lang>.json?help`: the `cli.help` section of that catalogue alone, made by the
 * command line's build (vite.cli.config.ts) so `--help` loads a few kilobytes rather than
 * the whole catalogue. Read by cli/help.ts, which gives it its type.
 */
declare module '*.json?help' {
  const help: unknown;
  export default help;
}
