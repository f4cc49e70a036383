/**
 * Every export format, as the target reads it: golden files per security mode for the
 * text formats, the exact keys and values of the mapping for the JSON ones, the seed's own
 * words for youtrack, the refusals, and the secret rule (a canary password appears only
 * when secrets were asked for, and only where the target has a place for it).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  EXPORT_FORMAT_IDS,
  exportFormat,
  listFormats,
  PASSWORD_PLACEHOLDER,
  renderExport,
  type ExportFormatId,
  type ExportSubject,
} from '../../../electron/services/export';
import { CANARY, MODES, SUBJECTS } from './subjects';

function text(id: ExportFormatId, subject: ExportSubject, lang: 'en' | 'ja' = 'en'): string {
  const result = renderExport(id, subject, lang);
  if (!result.ok) throw new Error(`${id} refused: ${result.reason}`);
  return result.text;
}

function json(id: ExportFormatId, subject: ExportSubject): unknown {
  return JSON.parse(text(id, subject));
}

const GOLDEN: ExportFormatId[] = [
  'gitlab',
  'discourse',
  'grafana',
  'nextcloud',
  'spring',
  'env',
  'postfix',
  'msmtp',
  'django',
  'youtrack',
];

describe('golden files per security mode', () => {
  for (const id of GOLDEN) {
    for (const mode of MODES) {
      it(`${id}, ${mode}`, async () => {
        const result = renderExport(id, SUBJECTS[mode], 'en');
        const golden = join(import.meta.dirname, 'golden', `${id}.${mode}.txt`);
        await expect(result.ok ? result.text : `REFUSED: ${result.reason}\n`).toMatchFileSnapshot(golden);
      });
    }
  }
});

describe('JSON formats have exactly the keys and values of their mapping', () => {
  it('youtrack-rest: emailSettings for notificationSettings, mailProtocol SMTP / SMTP_TLS / SMTPS', () => {
    expect(json('youtrack-rest', SUBJECTS.starttls)).toStrictEqual({
      emailSettings: {
        isEnabled: true,
        host: 'smtp.example.com',
        port: 587,
        mailProtocol: 'SMTP_TLS',
        anonymous: false,
        login: 'relay@example.com',
        from: 'noreply@example.com',
        replyTo: 'help@example.com',
      },
    });
    expect(json('youtrack-rest', SUBJECTS.none)).toStrictEqual({
      emailSettings: {
        isEnabled: true,
        host: 'relay.internal.example',
        port: 25,
        mailProtocol: 'SMTP',
        anonymous: true,
        login: null,
        from: 'noreply@example.com',
        replyTo: null,
      },
    });
    expect(json('youtrack-rest', SUBJECTS.tls)).toMatchObject({
      emailSettings: { mailProtocol: 'SMTPS', port: 465 },
    });
  });

  it('mattermost: EmailSettings with ConnectionSecurity "" / "STARTTLS" / "TLS"', () => {
    expect(json('mattermost', SUBJECTS.starttls)).toStrictEqual({
      EmailSettings: {
        SendEmailNotifications: true,
        FeedbackEmail: 'noreply@example.com',
        ReplyToAddress: 'help@example.com',
        SMTPServer: 'smtp.example.com',
        SMTPPort: '587',
        ConnectionSecurity: 'STARTTLS',
        EnableSMTPAuth: true,
        SMTPUsername: 'relay@example.com',
        SMTPPassword: PASSWORD_PLACEHOLDER,
        SkipServerCertificateVerification: false,
      },
    });
    expect(json('mattermost', SUBJECTS.none)).toMatchObject({
      EmailSettings: {
        ConnectionSecurity: '',
        EnableSMTPAuth: false,
        SMTPUsername: '',
        SMTPPassword: '',
        SMTPPort: '25',
      },
    });
    expect(json('mattermost', SUBJECTS.tls)).toMatchObject({ EmailSettings: { ConnectionSecurity: 'TLS' } });
  });

  it('keycloak: the realm’s smtpServer, every value a string, ssl / starttls flags', () => {
    expect(json('keycloak', SUBJECTS.starttls)).toStrictEqual({
      smtpServer: {
        host: 'smtp.example.com',
        port: '587',
        from: 'noreply@example.com',
        replyTo: 'help@example.com',
        ssl: 'false',
        starttls: 'true',
        auth: 'true',
        user: 'relay@example.com',
        password: PASSWORD_PLACEHOLDER,
      },
    });
    expect(json('keycloak', SUBJECTS.none)).toStrictEqual({
      smtpServer: {
        host: 'relay.internal.example',
        port: '25',
        from: 'noreply@example.com',
        ssl: 'false',
        starttls: 'false',
        auth: 'false',
      },
    });
    expect(json('keycloak', SUBJECTS.tls)).toMatchObject({ smtpServer: { ssl: 'true', starttls: 'false' } });
  });

  it('puts the header and the notes beside JSON, not in it', () => {
    const result = renderExport('keycloak', SUBJECTS.tls, 'en');
    expect(result.ok && result.notes).toEqual(
      expect.arrayContaining([
        'Last run: failed (AUTH_FAILED) on 2026-12-05 18:02 UTC. These settings did not pass their last test.',
        expect.stringMatching(/^Keycloak cannot present a client certificate: the SSL key “client.p12”/),
      ]),
    );
  });
});

describe('youtrack: the seed page’s fields in its own words', () => {
  it('in Japanese, with the SSL key by name and the password left to パスワードの変更', () => {
    const sheet = text('youtrack', SUBJECTS.tls, 'ja');
    expect(sheet.split('\n').filter((l) => !l.startsWith('#') && l)).toEqual([
      'サーバーアドレス: smtp.example.com',
      'サーバーポート: 465',
      'メールプロトコル: SMTPS',
      '匿名で接続: オフ',
      'ユーザー名: relay@example.com',
      'パスワード: 「パスワードの変更」で設定してください (このシートにはありません)',
      'SSL キー: client.p12',
      '送信元アドレス: noreply@example.com',
      '返信先アドレス: (空欄)',
    ]);
    expect(sheet).toContain('# 最後のテスト: 失敗 (AUTH_FAILED)、2026-12-05 18:02 UTC。');
  });

  it('names the protocol as YouTrack’s list does: SMTP, SMTP+TLS, SMTPS', () => {
    expect(MODES.map((m) => text('youtrack', SUBJECTS[m]).match(/^Mail protocol: (.*)$/m)?.[1])).toEqual([
      'SMTP',
      'SMTP+TLS',
      'SMTPS',
    ]);
  });
});

describe('what a target cannot express', () => {
  it('grafana refuses implicit TLS on a port other than 465, and STARTTLS on 465, in one sentence', () => {
    expect(renderExport('grafana', { ...SUBJECTS.tls, port: 2465 }, 'en')).toEqual({
      ok: false,
      reason: 'Grafana uses implicit TLS (SMTPS) only on port 465, and this profile uses it on port 2465.',
    });
    expect(renderExport('grafana', { ...SUBJECTS.starttls, port: 465 }, 'en')).toEqual({
      ok: false,
      reason: 'Grafana always uses implicit TLS on port 465, and this profile uses SMTP+STARTTLS there.',
    });
  });

  it('says as a comment that a target takes no client certificate', () => {
    for (const id of ['gitlab', 'discourse', 'spring'] as const) {
      expect(text(id, SUBJECTS.tls)).toMatch(
        /^# \S.* cannot present a client certificate: the SSL key “client.p12” is not used/m,
      );
    }
  });
});

describe('the secret rule', () => {
  const withSecret = (s: ExportSubject): ExportSubject => ({ ...s, password: CANARY });

  it('never writes the password without secrets: the placeholder names it instead', () => {
    for (const id of EXPORT_FORMAT_IDS) {
      for (const mode of MODES) {
        const result = renderExport(id, SUBJECTS[mode], 'en');
        if (!result.ok) continue;
        expect(result.text).not.toContain('canary');
        expect(result.containsSecret).toBe(false);
        if (!SUBJECTS[mode].anonymous && exportFormat(id).takesPassword && id !== 'youtrack')
          expect(`${id}: ${result.text}`).toContain(PASSWORD_PLACEHOLDER);
      }
    }
  });

  it('with secrets, writes it only where the target has a place for it, and never for an anonymous profile', () => {
    for (const id of EXPORT_FORMAT_IDS) {
      const login = renderExport(id, withSecret(SUBJECTS.starttls), 'en');
      const anonymous = renderExport(id, withSecret(SUBJECTS.none), 'en');
      expect(login.ok && anonymous.ok).toBe(true);
      if (!login.ok || !anonymous.ok) continue;
      expect(anonymous.text).not.toContain('canary');
      expect(login.containsSecret).toBe(exportFormat(id).takesPassword);
      if (exportFormat(id).takesPassword) expect(`${id}: ${login.text}`).toContain('canary');
      else expect(login.text).not.toContain('canary');
    }
  });

  it('lists every format with a title and where it goes, in English and Japanese', () => {
    expect(listFormats('en').map((f) => f.id)).toEqual([...EXPORT_FORMAT_IDS]);
    expect(listFormats('ja').find((f) => f.id === 'env')?.title).toBe('環境変数');
    expect(listFormats('en').find((f) => f.id === 'youtrack-rest')?.apply).toMatch(
      /^curl -X POST '.*\/api\/admin\/globalSettings\/notificationSettings\?fields=emailSettings\(/,
    );
  });
});
