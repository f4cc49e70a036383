/**
 * Profiles moving between workstations: the file holds the settings and never a secret;
 * import checks all of it first (one sentence per problem, nothing imported) and never
 * overwrites a profile unless told to replace it or keep both.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { profileFields, tempServices, type TempServices } from '../../support/temp-services';

let here: TempServices;
let there: TempServices;
beforeEach(() => {
  here = tempServices();
  there = tempServices();
});
afterEach(() => {
  here.dispose();
  there.dispose();
});

const file = (profiles: unknown[]) => JSON.stringify({ mailPreflightProfiles: 1, profiles });

/** A profile as the file holds it: the settings, with names where the app keeps ids. */
function portable(overrides: Parameters<typeof profileFields>[0] = {}) {
  const {
    clientKeyId: _key,
    trustedCertificateIds: _trusted,
    ...fields
  } = profileFields({
    username: 'alice@rig.test',
    ...overrides,
  });
  return fields;
}

describe('profiles export and import', () => {
  it('moves every profile’s settings to another data folder, without the password', async () => {
    await here.services.profiles.create(
      profileFields({ name: 'Relay', username: 'alice@rig.test', replyTo: 'help@rig.test' }),
      'canary-secret',
    );
    await here.services.profiles.create(
      profileFields({ name: 'Anonymous', anonymous: true, port: 25, security: 'none' }),
    );
    const exported = await here.services.transfer.exportFile();
    expect(exported).not.toContain('canary');
    expect(JSON.parse(exported)).toMatchObject({
      mailPreflightProfiles: 1,
      profiles: [{ name: 'Relay', clientKey: null, trustedCertificates: [] }, { name: 'Anonymous' }],
    });

    const outcome = await there.services.transfer.importFile(exported, 'refuse');
    expect(outcome).toEqual({ ok: true, imported: ['Relay', 'Anonymous'], replaced: [], warnings: [] });
    const relay = there.services.profiles.findByName('Relay');
    expect(relay).toMatchObject({ username: 'alice@rig.test', replyTo: 'help@rig.test', passwordSet: false });
  });

  it('says each problem in one sentence and imports nothing', async () => {
    const outcome = await there.services.transfer.importFile(
      file([
        portable({ name: 'Good' }),
        { ...portable({ name: 'Bad port' }), port: 70000 },
        { ...portable({ name: 'With secret' }), password: 'canary' },
        portable({ name: 'good' }),
      ]),
      'refuse',
    );
    expect(outcome).toEqual({
      ok: false,
      conflicts: [],
      problems: [
        'Profile 2 (“Bad port”): Port: Port must be between 1 and 65535.',
        'Profile 3 (“With secret”) holds “password”: a profiles file never carries secrets; remove it.',
        'Profile 4 (“good”): the file has another profile with this name.',
      ],
    });
    expect(there.services.profiles.all()).toEqual([]);
  });

  it('refuses what is not a profiles file, in one sentence', async () => {
    expect(await there.services.transfer.importFile('{', 'refuse')).toMatchObject({
      ok: false,
      problems: ['The file is not JSON, so it is not a Mail Preflight profiles file.'],
    });
    expect(await there.services.transfer.importFile('{"profiles": []}', 'refuse')).toMatchObject({
      ok: false,
      problems: [
        expect.stringMatching(
          /^This is not a Mail Preflight profiles file: it needs "mailPreflightProfiles": 1/,
        ),
      ],
    });
  });

  it('never overwrites an existing profile unless asked: replace, or keep both under a new name', async () => {
    await there.services.profiles.create(
      profileFields({ name: 'Relay', host: 'old.example.com', username: 'alice@rig.test' }),
    );
    const incoming = file([portable({ name: 'Relay', host: 'new.example.com' })]);

    expect(await there.services.transfer.importFile(incoming, 'refuse')).toEqual({
      ok: false,
      conflicts: ['Relay'],
      problems: [
        'A profile named “Relay” exists already: replace it, or keep both (the imported one gets a new name).',
      ],
    });
    expect(there.services.profiles.findByName('Relay')?.host).toBe('old.example.com');

    expect(await there.services.transfer.importFile(incoming, 'keep-both')).toMatchObject({
      ok: true,
      imported: ['Relay (2)'],
    });
    expect(there.services.profiles.findByName('Relay (2)')?.host).toBe('new.example.com');
    expect(there.services.profiles.findByName('Relay')?.host).toBe('old.example.com');

    expect(await there.services.transfer.importFile(incoming, 'replace')).toMatchObject({
      ok: true,
      replaced: ['Relay'],
    });
    expect(there.services.profiles.findByName('Relay')?.host).toBe('new.example.com');
  });

  it('names an SSL key that is not on this workstation as a warning', async () => {
    const outcome = await there.services.transfer.importFile(
      file([{ ...portable({ name: 'Keyed' }), clientKey: 'client.p12' }]),
      'refuse',
    );
    expect(outcome).toMatchObject({
      ok: true,
      warnings: [
        'The SSL key “client.p12” is not on this workstation: import it under SSL keys and choose it in “Keyed”.',
      ],
    });
  });
});
