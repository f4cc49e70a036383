/**
 * Certificates for the TLS faults, made by the real openssl: a CA of the test's own (one
 * this machine does not trust), server certificates it signs (valid, or expired in 2020),
 * in a folder the caller owns. test/unit/helpers.ts has self-signed certificates only, and
 * ties their folder to vitest's global test hooks, which concurrent tests cannot use.
 *
 * Plain Node ESM with erasable types only, so that `node scripts/bench.ts` imports it as is.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface KeyPair {
  key: string;
  cert: string;
}

export interface TestCa extends KeyPair {
  /** A server certificate for `altNames` (e.g. ['DNS:localhost']) signed by this CA. */
  issue(altNames: string[], options?: { expired?: boolean }): KeyPair;
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];

function openssl(args: string[]): void {
  execFileSync('openssl', args, { stdio: 'ignore' });
}

/**
 * A CA in `dir` (which the caller creates and removes). `openssl ca` signs, because only it
 * takes explicit validity dates in OpenSSL 3.0 (`x509 -not_before` came with 3.4).
 */
export function makeCa(dir: string, name = 'Mail Preflight Fault CA'): TestCa {
  const file = (f: string) => join(dir, f);
  openssl([
    'req',
    '-x509',
    ...EC,
    '-keyout',
    file('ca.key'),
    '-out',
    file('ca.pem'),
    '-days',
    '2',
    '-subj',
    `/CN=${name}`,
  ]);
  writeFileSync(file('index.txt'), '');
  writeFileSync(file('serial'), '1000\n');
  writeFileSync(
    file('ca.cnf'),
    [
      '[ca]',
      'default_ca = fault',
      '[fault]',
      `dir = ${dir}`,
      'database = $dir/index.txt',
      'new_certs_dir = $dir',
      'serial = $dir/serial',
      'default_md = sha256',
      'policy = anything',
      'copy_extensions = copy',
      'unique_subject = no',
      '[anything]',
      'commonName = supplied',
      '',
    ].join('\n'),
  );
  let issued = 0;
  return {
    key: readFileSync(file('ca.key'), 'utf8'),
    cert: readFileSync(file('ca.pem'), 'utf8'),
    issue(altNames, options = {}) {
      const n = ++issued;
      const commonName = altNames[0]!.replace(/^\w+:/, '');
      openssl([
        'req',
        ...EC,
        '-keyout',
        file(`${n}.key`),
        '-out',
        file(`${n}.csr`),
        '-subj',
        `/CN=${commonName}`,
        '-addext',
        `subjectAltName=${altNames.join(',')}`,
      ]);
      const validity = options.expired
        ? ['-startdate', '20200101000000Z', '-enddate', '20200102000000Z']
        : ['-days', '1'];
      openssl([
        'ca',
        '-batch',
        '-notext',
        '-config',
        file('ca.cnf'),
        '-cert',
        file('ca.pem'),
        '-keyfile',
        file('ca.key'),
        '-in',
        file(`${n}.csr`),
        '-out',
        file(`${n}.pem`),
        ...validity,
      ]);
      return { key: readFileSync(file(`${n}.key`), 'utf8'), cert: readFileSync(file(`${n}.pem`), 'utf8') };
    },
  };
}
