/**
 * Deleting an SSL key or a trusted certificate that profiles use: the delete dialog names
 * those profiles, and afterwards they no longer present the key (its passphrase leaves the
 * keychain) or trust the certificate — which the next run against the client-cert server
 * shows.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeCa, makeClientCert } from '../../fixtures/make-pki';
import {
  clientCertProfile,
  importKeystore,
  pki,
  send,
  servicesForTest,
  startClientCertServer,
  trustFile,
  type ClientCertServer,
} from './support';

let server: ClientCertServer;

beforeAll(async () => {
  server = await startClientCertServer('tls');
});

/** Fresh services trusting the server's CA, with a passphrase-protected key imported. */
async function setUp() {
  const temp = servicesForTest();
  const { services } = temp;
  const caId = await trustFile(services, pki().ca.certPath);
  const keystore = makeClientCert(pki().ca, {
    format: 'p12',
    passphrase: 'delete-me-passphrase',
    keyType: 'ec',
  });
  const key = await importKeystore(services, keystore);
  return { temp, services, caId, key };
}

describe('deleting', () => {
  it('an SSL key clears it from the profiles that used it and removes its passphrase from the keychain', async () => {
    const { temp, services, caId, key } = await setUp();
    const user = await services.profiles.create(clientCertProfile(server, caId, { clientKeyId: key.id }));
    const other = await services.profiles.create(clientCertProfile(server, caId));
    expect(await services.certificates.listKeystores()).toMatchObject([{ id: key.id, usedBy: [user.name] }]);
    expect(await send(services, user.id)).toMatchObject({ verdict: 'accepted' });

    await services.certificates.deleteKeystore(key.id);

    expect(services.profiles.get(user.id).clientKeyId).toBeNull();
    expect(services.profiles.get(other.id)).toEqual(other);
    expect(await services.secrets.get('keystore-passphrase', key.id)).toBeNull();
    expect(await services.certificates.listKeystores()).toEqual([]);
    expect(existsSync(join(temp.dataDir, 'keystores', key.id))).toBe(false);
    expect(await send(services, user.id)).toMatchObject({ code: 'TLS_CLIENT_CERT_REQUIRED' });
  });

  it('a trusted certificate removes it from the profiles that trusted it', async () => {
    const { services, caId, key } = await setUp();
    const otherId = await trustFile(services, makeCa().certPath);
    const first = await services.profiles.create(clientCertProfile(server, caId, { clientKeyId: key.id }));
    const second = await services.profiles.create(
      clientCertProfile(server, caId, { trustedCertificateIds: [caId, otherId] }),
    );
    expect((await services.certificates.listTrusted()).find((t) => t.id === caId)?.usedBy).toEqual([
      first.name,
      second.name,
    ]);

    await services.certificates.deleteTrusted(caId);

    expect(services.profiles.get(first.id).trustedCertificateIds).toEqual([]);
    expect(services.profiles.get(second.id).trustedCertificateIds).toEqual([otherId]);
    expect((await services.certificates.listTrusted()).map((t) => t.id)).toEqual([otherId]);
    expect(await send(services, first.id)).toMatchObject({ code: 'TLS_CERT_UNTRUSTED', phase: 'tls' });
  });
});
