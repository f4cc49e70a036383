/**
 * `mail-preflight export` and `profiles export|import` as an administrator runs them: the
 * built CLI over a data folder whose profile has a canary password in the real keychain.
 * The canary never reaches stdout or stderr; --include-secrets writes it only to a 0600
 * file; bad usage is exit 2 and a target that cannot express the profile is exit 1, with
 * nothing written either way.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_FORMAT_IDS } from '../../electron/services/export';
import { runCli } from '../integration/certificates/support';
import { profileFields, tempServices, type TempServices } from '../support/temp-services';

const CANARY = 'canary-cli-9b1d';
let temp: TempServices;
const cli = (args: string[], env: Record<string, string> = {}) => runCli(args, temp.dataDir, env);
const out = (name: string) => join(temp.dataDir, name);

beforeAll(async () => {
  temp = tempServices();
  await temp.services.profiles.create(
    profileFields({
      name: 'Relay',
      host: 'smtp.example.com',
      port: 465,
      security: 'tls',
      username: 'relay@example.com',
    }),
    CANARY,
  );
});
afterAll(() => temp.dispose());

describe('mail-preflight export', () => {
  it('lists the formats, with the curl call for youtrack-rest, and as JSON', async () => {
    const human = await cli(['export', '--list-formats']);
    expect(human.status).toBe(0);
    expect(human.stdout).toMatch(
      /^youtrack-rest +YouTrack REST API: .*\n +apply: curl -X POST 'https:\/\/YOUTRACK_URL\/api\/admin\/globalSettings\/notificationSettings/m,
    );
    const json = await cli(['export', '--list-formats', '--json']);
    expect(JSON.parse(json.stdout).map((f: { id: string }) => f.id)).toEqual([...EXPORT_FORMAT_IDS]);
  });

  it('writes a saved profile with SMTP_PASSWORD, never the password (every format: test/unit/export)', async () => {
    for (const format of ['postfix', 'youtrack', 'youtrack-rest']) {
      const result = await cli(['export', '--profile', 'Relay', '--format', format]);
      expect(`${format}: ${result.status}`).toBe(`${format}: 0`);
      // JSON has no comments: its header and notes go to stderr, as comment lines.
      expect(result.stderr.split('\n').filter((l) => l && !l.startsWith('# '))).toEqual([]);
      expect(result.stdout + result.stderr).not.toContain(CANARY);
      expect(result.stdout).toContain(
        format === 'youtrack'
          ? 'Change password'
          : format === 'youtrack-rest'
            ? '"mailProtocol": "SMTPS"'
            : 'SMTP_PASSWORD',
      );
    }
  });

  it('writes the password only to --output, created 0600, with --include-secrets', async () => {
    const refused = await cli(['export', '--profile', 'Relay', '--format', 'msmtp', '--include-secrets']);
    expect(refused).toEqual({
      status: 2,
      stdout: '',
      stderr:
        'mail-preflight: --include-secrets writes the password only to a file: add --output FILE (created readable by you only).\n',
    });
    const file = out('msmtprc');
    const written = await cli([
      'export',
      '--profile',
      'Relay',
      '--format',
      'msmtp',
      '--include-secrets',
      '--output',
      file,
    ]);
    expect(written.status).toBe(0);
    expect(written.stdout).toBe(`Wrote ${file} (msmtp, with the password).\n`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toContain(`password ${CANARY}`);
  });

  it('gives the field sheet in Japanese with --lang ja', async () => {
    const result = await cli(['export', '--profile', 'Relay', '--format', 'youtrack', '--lang', 'ja']);
    expect(result.stdout).toContain('メールプロトコル: SMTPS\n');
    expect(result.stdout).toContain('パスワード: 「パスワードの変更」で設定してください');
  });

  it('names the known formats for an unknown one (exit 2)', async () => {
    const result = await cli(['export', '--profile', 'Relay', '--format', 'sendmail']);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      `mail-preflight: There is no export format “sendmail”; choose one of ${EXPORT_FORMAT_IDS.join(', ')}.\n`,
    );
  });

  it('says in one sentence what the target cannot express (exit 1) and writes nothing', async () => {
    const file = out('grafana.ini');
    const result = await cli([
      'export',
      '--host',
      'smtp.example.com',
      '--port',
      '2465',
      '--security',
      'tls',
      '--user',
      'u@example.com',
      '--from',
      'u@example.com',
      '--format',
      'grafana',
      '--output',
      file,
    ]);
    expect(result).toEqual({
      status: 1,
      stdout: '',
      stderr:
        'mail-preflight: Grafana uses implicit TLS (SMTPS) only on port 465, and this profile uses it on port 2465.\n',
    });
    expect(existsSync(file)).toBe(false);
  });
});

describe('mail-preflight profiles', () => {
  it('exports without secrets and refuses to overwrite on import unless --replace or --keep-both', async () => {
    const file = out('profiles.json');
    expect((await cli(['profiles', 'export', '--output', file])).status).toBe(0);
    expect(readFileSync(file, 'utf8')).not.toContain(CANARY);

    const refused = await cli(['profiles', 'import', file]);
    expect(refused.status).toBe(2);
    expect(refused.stderr.split('\n')).toEqual([
      'mail-preflight: A profile named “Relay” exists already: replace it, or keep both (the imported one gets a new name).',
      'mail-preflight: add --replace to overwrite, or --keep-both to import under a new name.',
      'mail-preflight: nothing was imported.',
      '',
    ]);
    const kept = await cli(['profiles', 'import', file, '--keep-both']);
    expect(kept).toMatchObject({ status: 0, stdout: 'Imported “Relay (2)”.\n' });

    writeFileSync(file, '{"mailPreflightProfiles": 1, "profiles": [{"name": "X", "port": "587"}]}');
    const bad = await cli(['profiles', 'import', file]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(
      /^mail-preflight: Profile 1 \(“X”\): .*\nmail-preflight: nothing was imported\.\n$/,
    );
    // In Japanese: the problem, the field's label and the closing line, no English left.
    const badJa = await cli(['profiles', 'import', file, '--lang', 'ja']);
    expect(badJa.status).toBe(2);
    expect(badJa.stderr.split('\n')).toEqual([
      'mail-preflight: プロファイル 1（「X」）：サーバーアドレス：サーバーアドレスを入力してください。サーバーポート：サーバーポートは 1〜65535 の範囲で指定してください。送信元アドレス：name@example.com のような形式でアドレスを入力してください。',
      'mail-preflight: 何もインポートしていません。',
      '',
    ]);
    writeFileSync(file, '{');
    const notJson = await cli(['profiles', 'import', file, '--lang', 'ja']);
    expect(notJson.stderr).toContain(
      `${file} は JSON ではないため、Mail Preflight のプロファイルファイルではありません。`,
    );
  });
});
