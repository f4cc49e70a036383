/**
 * Redaction of the SMTP transcript (transcript.ts): what the user, the log and the CLI's
 * JSON see of an AUTH exchange. Lines are masked by their place in the dialogue, never by
 * their text: the secret must not survive in any form, a short one must not show through
 * where the mask fell, and the mechanism and everything after the login must survive.
 */
import { describe, expect, it } from 'vitest';
import { REDACTED, Transcript } from '../../electron/services/smtp/transcript';
import { tokenResponse } from '../../electron/services/smtp/token-auth';

const USER = 'alerts@example.com';
const PASS = 'hunter2-Sekret!';
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

/** Every spelling of the secret that could cross the wire. */
const SECRET_FORMS = [PASS, b64(PASS), b64(`\0${USER}\0${PASS}`), b64(`\0\0${PASS}`)];

function newTranscript(): Transcript {
  return new Transcript(performance.now());
}

/** Plays a session: `C:` lines are the client's, `S:` lines the server's. */
function play(transcript: Transcript, script: string[]): string[] {
  for (const step of script) {
    const text = step.slice(3);
    if (step.startsWith('C: ')) transcript.client(text);
    else transcript.server(text);
  }
  return transcript.lines.map((l) => `${l.dir}: ${l.line}`);
}

function expectNoSecretForm(lines: readonly string[]): void {
  const all = lines.join('\n');
  for (const form of SECRET_FORMS) expect(all).not.toContain(form);
}

const AFTER_LOGIN = [
  'C: MAIL FROM:<alerts@example.com>',
  'S: 250 2.1.0 Ok',
  'C: RCPT TO:<ops@example.com>',
  'S: 250 2.1.5 Ok',
];

describe('AUTH exchanges', () => {
  it('AUTH PLAIN with an initial response: the mechanism stays, the credentials go', () => {
    const lines = play(newTranscript(), [
      'S: 220 smtp.example.com ESMTP',
      `C: AUTH PLAIN ${b64(`\0${USER}\0${PASS}`)}`,
      'S: 235 2.7.0 Authentication successful',
      ...AFTER_LOGIN,
    ]);

    expectNoSecretForm(lines);
    expect(lines).toEqual([
      'S: 220 smtp.example.com ESMTP',
      `C: AUTH PLAIN ${REDACTED}`,
      'S: 235 2.7.0 Authentication successful',
      ...AFTER_LOGIN,
    ]);
  });

  it('AUTH PLAIN without an initial response (334 then the credentials line)', () => {
    const lines = play(newTranscript(), [
      'C: AUTH PLAIN',
      'S: 334 ',
      `C: ${b64(`\0${USER}\0${PASS}`)}`,
      'S: 235 2.7.0 Authentication successful',
      ...AFTER_LOGIN,
    ]);

    expectNoSecretForm(lines);
    expect(lines).toEqual([
      'C: AUTH PLAIN',
      'S: 334 ',
      `C: ${REDACTED}`,
      'S: 235 2.7.0 Authentication successful',
      ...AFTER_LOGIN,
    ]);
  });

  it('AUTH LOGIN: the 334 challenges stay, the base64 username and password lines go', () => {
    const lines = play(newTranscript(), [
      'C: AUTH LOGIN',
      'S: 334 VXNlcm5hbWU6',
      `C: ${b64(USER)}`,
      'S: 334 UGFzc3dvcmQ6',
      `C: ${b64(PASS)}`,
      'S: 235 2.7.0 Authentication successful',
      ...AFTER_LOGIN,
    ]);

    expectNoSecretForm(lines);
    expect(lines.join('\n')).not.toContain(b64(USER));
    expect(lines).toEqual([
      'C: AUTH LOGIN',
      'S: 334 VXNlcm5hbWU6',
      `C: ${REDACTED}`,
      'S: 334 UGFzc3dvcmQ6',
      `C: ${REDACTED}`,
      'S: 235 2.7.0 Authentication successful',
      ...AFTER_LOGIN,
    ]);
  });

  it('AUTH LOGIN with the username as initial response', () => {
    const lines = play(newTranscript(), [
      `C: AUTH LOGIN ${b64(USER)}`,
      'S: 334 UGFzc3dvcmQ6',
      `C: ${b64(PASS)}`,
      'S: 235 2.7.0 Authentication successful',
    ]);
    expectNoSecretForm(lines);
    expect(lines).toEqual([
      `C: AUTH LOGIN ${REDACTED}`,
      'S: 334 UGFzc3dvcmQ6',
      `C: ${REDACTED}`,
      'S: 235 2.7.0 Authentication successful',
    ]);
  });

  it('a failed login ends the masking too: the 535 and what follows are shown', () => {
    const lines = play(newTranscript(), [
      `C: AUTH PLAIN ${b64(`\0${USER}\0${PASS}`)}`,
      'S: 535 5.7.8 Error: authentication failed: authentication failure',
      'C: QUIT',
      'S: 221 2.0.0 Bye',
    ]);
    expect(lines).toEqual([
      `C: AUTH PLAIN ${REDACTED}`,
      'S: 535 5.7.8 Error: authentication failed: authentication failure',
      'C: QUIT',
      'S: 221 2.0.0 Bye',
    ]);
  });
});

describe('position, not text', () => {
  it('a 2-character password: masked by the fixed marker, its length and place not shown', () => {
    const short = 'a1';
    const plain = (pass: string) =>
      play(new Transcript(0), [`C: AUTH PLAIN ${b64(`\0${USER}\0${pass}`)}`, 'S: 235 2.7.0 Ok']);
    const login = (pass: string) =>
      play(new Transcript(0), [
        'C: AUTH LOGIN',
        'S: 334 VXNlcm5hbWU6',
        `C: ${b64(USER)}`,
        'S: 334 UGFzc3dvcmQ6',
        `C: ${b64(pass)}`,
        'S: 235 2.7.0 Ok',
      ]);
    // Ordinary lines that happen to contain "a1" stay whole: nothing is searched for.
    const around = play(new Transcript(0), ['S: 250-a1.example.com', 'C: RCPT TO:<a1@example.com>']);
    expect(around).toEqual(['S: 250-a1.example.com', 'C: RCPT TO:<a1@example.com>']);
    for (const run of [plain, login]) {
      const lines = run(short);
      const text = lines.join('\n');
      expect(text).not.toContain(short);
      expect(text).not.toContain(b64(short));
      expect(text).not.toContain(Buffer.from(short).toString('hex'));
      // The same lines whatever the password: nothing about it is derivable from the masks.
      expect(lines).toEqual(run('a much longer password of 42 characters!!'));
    }
  });

  it('lines outside an AUTH exchange are kept as they are: nothing is searched for', () => {
    const lines = play(newTranscript(), ['C: NOOP', 'S: 250 2.0.0 Ok hunter2']);
    expect(lines).toEqual(['C: NOOP', 'S: 250 2.0.0 Ok hunter2']);
  });

  it('AUTH CRAM-MD5: the challenge stays, the digest response goes', () => {
    const challenge = b64('<1896.697170952@postoffice.example.net>');
    const lines = play(newTranscript(), [
      'C: AUTH CRAM-MD5',
      `S: 334 ${challenge}`,
      `C: ${b64(`${USER} b913a602c7eda7a495b4e6e7334d3890`)}`,
      'S: 235 2.7.0 Authentication successful',
      ...AFTER_LOGIN,
    ]);
    expect(lines).toEqual([
      'C: AUTH CRAM-MD5',
      `S: 334 ${challenge}`,
      `C: ${REDACTED}`,
      'S: 235 2.7.0 Authentication successful',
      ...AFTER_LOGIN,
    ]);
  });

  it('a mechanism whose challenges may carry secrets: the 334 text is masked as well', () => {
    const lines = play(newTranscript(), [
      'C: AUTH SCRAM-SHA-256 biwsbj11c2VyLHI9cm9mbmlu',
      'S: 334 cj1yb2ZuaW4zMDk4,cz1RU2FsdA==,aT00MDk2',
      'C: Yz1iaXdzLHI9cHJvb2Y=',
      'S: 334 dj1zZXJ2ZXJzaWduYXR1cmU=',
      'C: ',
      'S: 235 2.7.0 Ok',
    ]);
    expect(lines).toEqual([
      `C: AUTH SCRAM-SHA-256 ${REDACTED}`,
      `S: 334 ${REDACTED}`,
      `C: ${REDACTED}`,
      `S: 334 ${REDACTED}`,
      `C: ${REDACTED}`,
      'S: 235 2.7.0 Ok',
    ]);
  });

  it('the username alone, the server name and ordinary replies are left as they are', () => {
    const lines = play(newTranscript(), [
      'S: 220 smtp.example.com ESMTP',
      `C: EHLO ${USER.split('@')[1]}`,
      ...AFTER_LOGIN,
    ]);
    expect(lines).toEqual(['S: 220 smtp.example.com ESMTP', 'C: EHLO example.com', ...AFTER_LOGIN]);
  });

  it('lines arrive at listeners already redacted, with a time', () => {
    const transcript = newTranscript();
    const heard: Array<{ line: string; ms: number }> = [];
    transcript.onLine((line) => heard.push(line));
    transcript.client(`AUTH PLAIN ${b64(`\0${USER}\0${PASS}`)}`);
    expect(heard).toHaveLength(1);
    expect(heard[0]?.line).toBe(`AUTH PLAIN ${REDACTED}`);
    expect(heard[0]?.ms).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(transcript)).not.toContain(PASS);
  });
});

describe('through the nodemailer logger', () => {
  it('client and server entries are recorded and redacted; other entries are ignored', () => {
    const transcript = newTranscript();
    const logger = transcript.logger();
    logger.debug({ tnx: 'server' }, '220 smtp.example.com ESMTP');
    logger.debug({ tnx: 'client' }, 'AUTH LOGIN');
    logger.debug({ tnx: 'server' }, '334 VXNlcm5hbWU6');
    logger.debug({ tnx: 'client' }, '%s', b64(USER));
    logger.debug({ tnx: 'server' }, '334 UGFzc3dvcmQ6');
    logger.debug({ tnx: 'client' }, b64(PASS));
    logger.debug({ tnx: 'server' }, '235 2.7.0 Authentication successful');
    logger.debug({ tnx: 'message' }, `Subject: ${PASS}`);
    logger.info({ tnx: 'network' }, `connected with ${PASS}`);

    const lines = transcript.lines.map((l) => `${l.dir}: ${l.line}`);
    expectNoSecretForm(lines);
    expect(lines).toEqual([
      'S: 220 smtp.example.com ESMTP',
      'C: AUTH LOGIN',
      'S: 334 VXNlcm5hbWU6',
      `C: ${REDACTED}`,
      'S: 334 UGFzc3dvcmQ6',
      `C: ${REDACTED}`,
      'S: 235 2.7.0 Authentication successful',
    ]);
  });
});

describe('OAuth2 logins in the transcript', () => {
  it("hides the XOAUTH2 and OAUTHBEARER responses by position; the server's JSON error stays", () => {
    const token = 'ya29.a0AfH6SMB-secret-token';
    const transcript = new Transcript(0);
    transcript.client(`AUTH XOAUTH2 ${tokenResponse('XOAUTH2', 'me@example.com', token)}`);
    transcript.server('334 eyJzdGF0dXMiOiI0MDAifQ==');
    transcript.client('');
    transcript.server('535 5.7.8 rejected');
    transcript.client(`AUTH OAUTHBEARER ${tokenResponse('OAUTHBEARER', 'me@example.com', token)}`);
    transcript.server('235 2.7.0 Ok');
    transcript.client('MAIL FROM:<me@example.com>');
    const text = JSON.stringify(transcript.lines);
    expect(transcript.lines.map((l) => l.line)).toEqual([
      `AUTH XOAUTH2 ${REDACTED}`,
      '334 eyJzdGF0dXMiOiI0MDAifQ==',
      REDACTED,
      '535 5.7.8 rejected',
      `AUTH OAUTHBEARER ${REDACTED}`,
      '235 2.7.0 Ok',
      'MAIL FROM:<me@example.com>',
    ]);
    expect(text).not.toContain(token);
    expect(text).not.toContain(b64(token).slice(4, 20));
  });
});
