/**
 * Profiles moving between workstations: the file holds the settings and never a secret;
 * import checks all of it first (one sentence per problem, in the reader's language, nothing
 * imported) and never overwrites a profile unless told to replace it or keep both.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTranslator, say, type Sentence } from '../../../electron/services/i18n';
import type { ImportOutcome } from '../../../electron/services/profile-transfer';
import { profileFields, tempServices, type TempServices } from '../../support/temp-services';
import { leftoverLatin } from '../i18n/catalogue-rules';

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
const FILE = 'relays.json';

/** The outcome as the reader sees it: its problems and warnings said in `language`. */
function said(outcome: ImportOutcome, language: 'en' | 'ja' = 'en') {
  const t = createTranslator(language);
  const words = (sentences: Sentence[]) => sentences.map((s) => say(s, t));
  return outcome.ok
    ? { ...outcome, warnings: words(outcome.warnings) }
    : { ...outcome, problems: words(outcome.problems) };
}

/** A refused outcome's problems in `language`. */
function problems(outcome: ImportOutcome, language: 'en' | 'ja' = 'en'): string[] {
  const t = createTranslator(language);
  return outcome.ok ? [] : outcome.problems.map((s) => say(s, t));
}

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

    const outcome = await there.services.transfer.importFile(exported, FILE, 'refuse');
    expect(outcome).toEqual({ ok: true, imported: ['Relay', 'Anonymous'], replaced: [], warnings: [] });
    const relay = there.services.profiles.findByName('Relay');
    expect(relay).toMatchObject({ username: 'alice@rig.test', replyTo: 'help@rig.test', passwordSet: false });
  });

  it('says each problem in one sentence, in English and in Japanese, and imports nothing', async () => {
    const outcome = await there.services.transfer.importFile(
      file([
        portable({ name: 'Good' }),
        { ...portable({ name: 'Bad port' }), port: 70000 },
        { ...portable({ name: 'With secret' }), password: 'canary' },
        portable({ name: 'good' }),
        { ...portable({ name: '' }), colour: 'blue' },
      ]),
      FILE,
      'refuse',
    );
    expect(said(outcome)).toEqual({
      ok: false,
      conflicts: [],
      problems: [
        'Profile 2 (“Bad port”): Port: Port must be between 1 and 65535.',
        'Profile 3 (“With secret”) holds “password”: a profiles file never carries secrets; remove it.',
        'Profile 4 (“good”): the file has another profile with this name.',
        'Profile 5 has “colour”, which a profile does not have.',
      ],
    });
    expect(said(outcome, 'ja')).toEqual({
      ok: false,
      conflicts: [],
      problems: [
        'プロファイル 2（「Bad port」）：サーバーポート：サーバーポートは 1〜65535 の範囲で指定してください。',
        'プロファイル 3（「With secret」）：「password」が含まれています。プロファイルファイルに秘密情報は入れられないため、削除してください。',
        'プロファイル 4（「good」）：ファイル内に同じ名前のプロファイルがほかにもあります。',
        'プロファイル 5：「colour」という項目はプロファイルにはありません。',
      ],
    });
    expect(there.services.profiles.all()).toEqual([]);
  });

  it('refuses what is not a profiles file, in one sentence that names the file', async () => {
    const notJson = await there.services.transfer.importFile('{', FILE, 'refuse');
    expect(problems(notJson)).toEqual([
      'relays.json is not JSON, so it is not a Mail Preflight profiles file.',
    ]);
    expect(problems(notJson, 'ja')).toEqual([
      'relays.json は JSON ではないため、Mail Preflight のプロファイルファイルではありません。',
    ]);
    const notOurs = await there.services.transfer.importFile('{"profiles": []}', FILE, 'refuse');
    expect(problems(notOurs)).toEqual([
      expect.stringMatching(
        /^relays\.json is not a Mail Preflight profiles file: it needs "mailPreflightProfiles": 1/,
      ),
    ]);
    const empty = await there.services.transfer.importFile(file([]), FILE, 'refuse');
    expect(problems(empty, 'ja')).toEqual(['relays.json にはプロファイルが 1 件もありません。']);
    // Nothing of the sentences around the file's own words is left in English.
    for (const outcome of [notJson, notOurs, empty]) {
      for (const problem of problems(outcome, 'ja')) {
        expect(leftoverLatin(problem.replace(FILE, ' ')), problem).toEqual([]);
      }
    }
  });

  it('never overwrites an existing profile unless asked: replace, or keep both under a new name', async () => {
    await there.services.profiles.create(
      profileFields({ name: 'Relay', host: 'old.example.com', username: 'alice@rig.test' }),
    );
    const incoming = file([portable({ name: 'Relay', host: 'new.example.com' })]);

    const clash = await there.services.transfer.importFile(incoming, FILE, 'refuse');
    expect(said(clash)).toEqual({
      ok: false,
      conflicts: ['Relay'],
      problems: [
        'A profile named “Relay” exists already: replace it, or keep both (the imported one gets a new name).',
      ],
    });
    expect(problems(clash, 'ja')).toEqual([
      '「Relay」という名前のプロファイルがすでにあります。置き換えるか、両方残してください（インポートするほうに新しい名前が付きます）。',
    ]);
    expect(there.services.profiles.findByName('Relay')?.host).toBe('old.example.com');

    expect(await there.services.transfer.importFile(incoming, FILE, 'keep-both')).toMatchObject({
      ok: true,
      imported: ['Relay (2)'],
    });
    expect(there.services.profiles.findByName('Relay (2)')?.host).toBe('new.example.com');
    expect(there.services.profiles.findByName('Relay')?.host).toBe('old.example.com');

    expect(await there.services.transfer.importFile(incoming, FILE, 'replace')).toMatchObject({
      ok: true,
      replaced: ['Relay'],
    });
    expect(there.services.profiles.findByName('Relay')?.host).toBe('new.example.com');
  });

  it('names an SSL key or a certificate that is not on this workstation as a warning', async () => {
    const outcome = await there.services.transfer.importFile(
      file([{ ...portable({ name: 'Keyed' }), clientKey: 'client.p12', trustedCertificates: ['ca.pem'] }]),
      FILE,
      'refuse',
    );
    expect(said(outcome)).toMatchObject({
      ok: true,
      warnings: [
        'The SSL key “client.p12” is not on this workstation: import it under SSL keys and choose it in “Keyed”.',
        'The trusted certificate “ca.pem” is not on this workstation: import it for “Keyed”.',
      ],
    });
    expect(said(outcome, 'ja')).toMatchObject({
      ok: true,
      warnings: [
        'SSL キー「client.p12」がこのワークステーションにありません。SSL キーの画面でインポートしてから、「Keyed」で選んでください。',
        '信頼できる証明書「ca.pem」がこのワークステーションにありません。「Keyed」のためにインポートしてください。',
      ],
    });
  });
});
