/**
 * Untrusted text stays text on the terminal: a scripted server greets and refuses with
 * escape sequences (colour, cursor movement, a window-title OSC, a bell) and the CLI's human
 * output shows each control character as \xNN, never as a live sequence.
 */
import { describe, expect, it } from 'vitest';
import { humanReport, terminalSafe, transcriptText } from '../../cli/print-report';
import { createTranslator } from '../../electron/services/i18n';
import type { RunRecord } from '../../electron/services/smtp/report';
import { runTest } from '../../electron/services/smtp/run-test';
import { runRequest } from '../support/run-request';
import { startScriptedServer } from './servers';

const ESC = '\x1b';
const HOSTILE = `${ESC}[31mred${ESC}[0m ${ESC}]0;owned\x07 ${ESC}[2J\b\x7f\x9b`;
/** Any C0 control (but tab and line feed), DEL or C1 left in printed text. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const LIVE_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

describe('server text on the terminal', () => {
  it('a banner and a refusal full of escape sequences are printed with every control shown as \\xNN', async ({
    onTestFinished,
  }) => {
    const { port } = await startScriptedServer(
      {
        greeting: `220 mail.example.com ESMTP ${HOSTILE}`,
        ehlo: ['8BITMIME'],
        replies: { MAIL: `550 5.7.1 Refused ${HOSTILE}` },
      },
      onTestFinished,
    );
    const { report } = await runTest(runRequest({ profileName: 'Escapes', host: '127.0.0.1', port }));
    expect(report.server.response?.text).toContain(ESC); // the data keeps the server's words
    const record = { ...report, phases: [], id: 'x', startedAt: '', profileId: null } as unknown as RunRecord;

    const printed = `${humanReport(record, createTranslator('en'))}\n${transcriptText(record)}`;
    expect(printed).not.toMatch(LIVE_CONTROL);
    expect(printed).toContain(
      'Server said: 550 5.7.1 Refused \\x1b[31mred\\x1b[0m \\x1b]0;owned\\x07 \\x1b[2J\\x08\\x7f\\x9b',
    );
    expect(transcriptText(record)).toContain('S: 220 mail.example.com ESMTP \\x1b[31mred');
  });

  it('keeps tabs, line feeds and non-ASCII text as they are', () => {
    expect(terminalSafe('a\tb\nメール ✓')).toBe('a\tb\nメール ✓');
    expect(terminalSafe('\r\x00')).toBe('\\x0d\\x00');
  });
});
