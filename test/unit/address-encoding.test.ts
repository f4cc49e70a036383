import { describe, expect, it } from 'vitest';
import { firstNeedingSmtpUtf8, withAsciiDomain } from '../../electron/services/smtp/address-encoding';

describe('which addresses need SMTPUTF8', () => {
  it('an internationalised domain becomes its A-label; the local part stays as it is', () => {
    expect(withAsciiDomain('ops@bücher.example')).toBe('ops@xn--bcher-kva.example');
    expect(withAsciiDomain('jösé@bücher.example')).toBe('jösé@xn--bcher-kva.example');
    expect(withAsciiDomain('ops@example.com')).toBe('ops@example.com');
  });

  it('only a non-ASCII local part (or a domain without an A-label) needs it', () => {
    expect(firstNeedingSmtpUtf8(['ops@example.com', 'ops@bücher.example', ''])).toBeNull();
    expect(firstNeedingSmtpUtf8(['ops@example.com', '', 'jösé@example.com'])).toBe('jösé@example.com');
    expect(firstNeedingSmtpUtf8(['ops@exa mple.ü'])).toBe('ops@exa mple.ü');
  });
});
