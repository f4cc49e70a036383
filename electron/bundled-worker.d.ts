/** `./x-worker?bundledWorker`: the path of x-worker bundled into one file (scripts/bundled-worker-plugin.ts). */
declare module '*?bundledWorker' {
  const path: string;
  export default path;
}
