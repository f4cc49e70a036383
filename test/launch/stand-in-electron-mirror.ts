/**
 * A loopback stand-in for Electron's download host, serving a STAND-IN Electron dist: the
 * real binary cannot be downloaded here, so the zip holds, under the real binary's name, a
 * shell script that records how it was started (its working folder, ELECTRON_RENDERER_URL,
 * then one argument a line, to the file named by STAND_IN_ELECTRON_RECORD) and exits. Beside it, `version`, as in
 * a real dist. The mirror serves the zip and its SHASUMS256.txt where Electron's installer
 * asks for them (ELECTRON_MIRROR=<url>, with electron_use_remote_checksums=1, since the
 * checksums shipped in the electron package are those of the real zips).
 *
 * The script also carries an Electron fuse wire (the sentinel, then version 1 and 8 fuses in
 * Electron's default states), so that electron-builder flips its fuses as in a real binary.
 *
 * It doubles as an HTTP proxy: a CONNECT to any host reaches the mirror itself. `requests`
 * lists every request line received, in order.
 *
 * Linux only (the binary is `electron`, a shell script); needs the `zip` command.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { join } from 'node:path';

/** @electron/fuses' sentinel; then the wire's version (1), its length (8) and one byte a fuse. */
const FUSE_WIRE = `dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX\x01\x0810110001`;

export interface StandInMirror {
  /** For ELECTRON_MIRROR (ends with a slash). */
  url: string;
  /** The stand-in dist as served (electronDist for electron-builder). */
  zip: string;
  /** Request lines received ("GET /v45.6.1/SHASUMS256.txt", "CONNECT host:80"). */
  requests: string[];
  close(): Promise<void>;
}

/** Builds the stand-in dist for `version` in `dir` and serves it on 127.0.0.1. */
export async function startStandInMirror(version: string, dir: string): Promise<StandInMirror> {
  const zipName = `electron-v${version}-${process.platform}-${process.arch}.zip`;
  const zip = buildStandInZip(version, dir, zipName);
  const files: Record<string, Buffer> = {
    [`/v${version}/${zipName}`]: readFileSync(zip),
    [`/v${version}/SHASUMS256.txt`]: Buffer.from(
      `${createHash('sha256').update(readFileSync(zip)).digest('hex')} *${zipName}\n`,
    ),
  };

  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    const body = files[new URL(request.url ?? '/', 'http://mirror').pathname];
    if (!body) return response.writeHead(404).end();
    response.writeHead(200, { 'content-length': body.length }).end(body);
  });
  server.on('connect', (request, client, head) => {
    requests.push(`CONNECT ${request.url}`);
    const upstream = connect((server.address() as AddressInfo).port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    zip,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function buildStandInZip(version: string, dir: string, zipName: string): string {
  const dist = join(dir, 'stand-in-dist');
  mkdirSync(dist, { recursive: true });
  const binary = join(dist, 'electron');
  writeFileSync(
    binary,
    [
      '#!/bin/sh',
      '# STAND-IN for the Electron binary (tests only): records how it was started, then exits.',
      `# ${FUSE_WIRE}`,
      '{ pwd; printf \'%s\\n\' "$ELECTRON_RENDERER_URL" "$@"; } > "$STAND_IN_ELECTRON_RECORD"',
      '',
    ].join('\n'),
  );
  chmodSync(binary, 0o755);
  writeFileSync(join(dist, 'version'), version);
  const zip = join(dir, zipName);
  execFileSync('zip', ['-q', '-X', zip, 'electron', 'version'], { cwd: dist });
  return zip;
}
