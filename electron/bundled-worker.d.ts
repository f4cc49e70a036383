/** `./x-worker?bundledWorker`: the URL of x-worker bundled into one file (scripts/bundled-worker-plugin.ts). */
declare module '*?bundledWorker' {
  const url: string;
  export default url;
}
