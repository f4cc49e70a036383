/**
 * A password login to Microsoft 365: the notice beside the verdict (before and after the
 * end-of-2026 switch) and the one-click move to OAuth2, on a passed and on a refused run.
 */
import { describe, expect, it } from 'vitest';
import { withBasicAuthRetirement } from '../../../electron/services/oauth/basic-auth-retirement';
import { defaultOAuth2Settings, emptyProfileFields } from '../../../electron/services/settings/profile';
import type { RunReport } from '../../../electron/services/smtp/report';

const fields = { ...emptyProfileFields(), host: 'smtp.office365.com', username: 'relay@contoso.com' };
const passed = { ok: true, code: 'OK', fix: null } as RunReport;
const today = new Date('2026-12-06T10:00:00Z');

describe('Microsoft 365 with a password', () => {
  it('a passed run gets the date, the days left and the move to OAuth2', () => {
    const report = withBasicAuthRetirement(passed, fields, 'smtp.office365.com', { now: today });
    expect(report.warnings).toEqual([
      'Microsoft 365 switches password (Basic) logins for SMTP AUTH off by default on 31 December 2026, in 25 days: move this profile to OAuth2, which keeps working.',
    ]);
    expect(report.advice?.settings).toEqual({ auth: 'oauth2', oauth2: defaultOAuth2Settings('microsoft') });
    expect(report.fix).toBeNull();
  });

  it('says it in the run’s language', () => {
    const report = withBasicAuthRetirement(passed, fields, 'smtp.office365.com', {
      now: new Date('2026-12-30T10:00:00Z'),
      language: 'ja',
    });
    expect(report.warnings).toEqual([
      'Microsoft 365 は 2026年12月31日（あと 1 日）に SMTP AUTH のパスワード（基本認証）によるログインを既定で無効にするため、引き続き使える OAuth2 にこのプロファイルを切り替えてください。',
    ]);
  });

  it('after the switch, a refused password (AUTH_BASIC_DISABLED) is fixed by the move', () => {
    const refused = {
      ok: false,
      code: 'AUTH_BASIC_DISABLED',
      fix: { text: 'Ask the administrator to enable Authenticated SMTP.', settings: {} },
    } as unknown as RunReport;
    const report = withBasicAuthRetirement(refused, fields, 'smtp.office365.com', {
      now: new Date('2027-01-05'),
    });
    expect(report.warnings?.[0]).toMatch(/^Since 31 December 2026 .* removal is announced for 2027/);
    expect(report.fix?.settings).toMatchObject({ auth: 'oauth2' });
  });

  it('says nothing for OAuth2 profiles or other hosts', () => {
    expect(
      withBasicAuthRetirement(
        passed,
        { ...fields, auth: 'oauth2', oauth2: defaultOAuth2Settings() },
        'smtp.office365.com',
        { now: today },
      ),
    ).toBe(passed);
    expect(withBasicAuthRetirement(passed, fields, 'smtp.gmail.com', { now: today })).toBe(passed);
  });
});
