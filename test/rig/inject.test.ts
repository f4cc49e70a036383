/**
 * The shared rig from global-setup.ts, as test files see it through getRig().
 * Skipped when the running vitest config has no rig global setup.
 */
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { describe, expect, inject, it } from 'vitest';
import { getRig } from './inject.ts';

function smtpGreeting(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setEncoding('utf8');
    socket.once('data', (line: string) => {
      socket.end('QUIT\r\n');
      resolve(line);
    });
    socket.on('error', reject);
  });
}

describe.skipIf(!inject('rig'))('shared rig via getRig()', () => {
  it('is running and provides plain data + rebuilt helpers', async () => {
    const rig = getRig();
    expect(await smtpGreeting(rig.ports.plain)).toMatch(/^220 mail\.rig\.test ESMTP/);
    expect(rig.maildir('bob')).toMatch(/\/mail\/rig\.test\/bob\/Maildir$/);
    expect('stop' in rig).toBe(false);
  });

  it('waitForMessage works across the provide/inject boundary', async () => {
    const rig = getRig();
    const marker = randomUUID();
    await new Promise<void>((resolve, reject) => {
      const socket = net.connect({ host: rig.host, port: rig.ports.plain });
      const script = [
        'EHLO test.example',
        'MAIL FROM:<someone@example.com>',
        `RCPT TO:<${rig.user.address}>`,
        'DATA',
        `Subject: shared ${marker}\r\n\r\n${marker}\r\n.`,
        'QUIT',
      ];
      let buffer = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => {
        buffer += chunk;
        // Send the next command after each complete final reply line.
        while (/^\d{3} .*\r\n/m.test(buffer)) {
          const match = /^(\d{3}) .*\r\n/m.exec(buffer)!;
          buffer = buffer.slice(match.index + match[0].length);
          if (!/^[23]/.test(match[1]!)) {
            reject(new Error(`SMTP error: ${match[0]}`));
            socket.destroy();
            return;
          }
          const next = script.shift();
          if (next === undefined) return;
          socket.write(`${next}\r\n`);
        }
      });
      socket.once('close', () => resolve());
      socket.on('error', reject);
    });
    const raw = await rig.waitForMessage(rig.user.address, (m) => m.includes(marker));
    expect(raw).toContain(`Subject: shared ${marker}`);
  });
});
