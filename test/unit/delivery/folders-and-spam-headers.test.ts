/**
 * Finding the junk folder (special-use flag first, then the usual names) and reading spam
 * filters' headers.
 */
import { describe, expect, it } from 'vitest';
import { findJunkFolder, type FolderInfo } from '../../../electron/services/delivery/junk-folder';
import { parseHeaders } from '../../../electron/services/delivery/message-headers';
import { markedAsSpam, spamHeadersOf } from '../../../electron/services/delivery/spam-headers';

const folder = (path: string, extra: Partial<FolderInfo> = {}): FolderInfo => ({
  path,
  delimiter: '/',
  ...extra,
});

describe('findJunkFolder', () => {
  it('the \\Junk special-use flag wins over any name', () => {
    expect(
      findJunkFolder([folder('INBOX'), folder('Spam'), folder('Unerwünscht', { specialUse: '\\Junk' })]),
    ).toBe('Unerwünscht');
    expect(
      findJunkFolder([folder('INBOX'), folder('Courrier indésirable', { flags: new Set(['\\Junk']) })]),
    ).toBe('Courrier indésirable');
  });

  it('else the usual names, in order, at the top or under INBOX, any case and delimiter', () => {
    expect(findJunkFolder([folder('INBOX'), folder('Spam'), folder('Junk')])).toBe('Junk');
    expect(findJunkFolder([folder('INBOX'), folder('junk e-mail')])).toBe('junk e-mail');
    expect(
      findJunkFolder([
        folder('INBOX'),
        folder('[Gmail]', { flags: new Set(['\\Noselect']) }),
        folder('[Gmail]/Spam'),
      ]),
    ).toBe('[Gmail]/Spam');
    expect(
      findJunkFolder([folder('INBOX', { delimiter: '.' }), folder('INBOX.Spam', { delimiter: '.' })]),
    ).toBe('INBOX.Spam');
    expect(findJunkFolder([folder('INBOX'), folder('Bulk Mail')])).toBe('Bulk Mail');
  });

  it('a \\Noselect folder is not watched; none at all is null', () => {
    expect(findJunkFolder([folder('INBOX'), folder('Junk', { flags: new Set(['\\Noselect']) })])).toBeNull();
    expect(findJunkFolder([folder('INBOX'), folder('Archive/Junk')])).toBeNull();
  });
});

describe('spam headers', () => {
  const headers = (text: string) => spamHeadersOf(parseHeaders(`${text}\n\nbody`));

  it('collects the filters’ fields as written, and only those', () => {
    expect(
      headers(
        [
          'X-Spam-Flag: NO',
          'X-Spam-Status: No, score=-0.1 required=5.0',
          'X-Spamd-Result: default: False [0.40 / 15.00]',
          'X-Rspamd-Queue-Id: 4WxYz1',
          'X-MS-Exchange-Organization-SCL: 1',
          'X-Forefront-Antispam-Report: CIP:203.0.113.5;CTRY:;SFV:NSPM;',
          'X-Mailer: not spam related',
          'Subject: X-Spam-Flag: YES',
        ].join('\n'),
      ),
    ).toEqual({
      'X-Spam-Flag': 'NO',
      'X-Spam-Status': 'No, score=-0.1 required=5.0',
      'X-Spamd-Result': 'default: False [0.40 / 15.00]',
      'X-Rspamd-Queue-Id': '4WxYz1',
      'X-MS-Exchange-Organization-SCL': '1',
      'X-Forefront-Antispam-Report': 'CIP:203.0.113.5;CTRY:;SFV:NSPM;',
    });
  });

  it('which verdicts mean spam', () => {
    for (const text of [
      'X-Spam-Flag: YES',
      'X-Spam-Status: Yes, score=9',
      'X-Spam: yes',
      'X-MS-Exchange-Organization-SCL: 5',
    ])
      expect(markedAsSpam(headers(text)), text).toBe(true);
    for (const text of [
      'X-Spam-Flag: NO',
      'X-Spam-Status: No, score=1',
      'X-MS-Exchange-Organization-SCL: -1',
      'X-Spam-Score: 9',
    ])
      expect(markedAsSpam(headers(text)), text).toBe(false);
  });
});
