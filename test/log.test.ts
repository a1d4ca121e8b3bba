import { Writable } from 'node:stream';
import { createLogger } from '../src/log';

function capture(secret: string) {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { log: createLogger('info', secret, sink), lines };
}

describe('logs without personal data', () => {
  it('attack: reading phone numbers, names and message text from the logs — ids are pseudonyms, text and names are gone', () => {
    const { log, lines } = capture('a-secret-of-sixteen-chars');
    log.info({ conversation: '31612345678@s.whatsapp.net', userId: '+31612345678', text: 'ik heb schulden', name: 'Fatima', channel: 'whatsapp' }, 'turn');
    const line = lines.join('');
    expect(line).not.toMatch(/31612345678|schulden|Fatima/);
    const entry = JSON.parse(line);
    expect(entry.conversation).toMatch(/^[0-9a-f]{16}$/);
    expect(entry.channel).toBe('whatsapp');
  });

  it('gives the same pseudonym for the same id under one secret, and another under another secret', () => {
    const first = capture('a-secret-of-sixteen-chars');
    first.log.info({ userId: 'u1' }, 'a');
    first.log.info({ userId: 'u1' }, 'b');
    const [a, b] = first.lines.map((line) => JSON.parse(line).userId);
    expect(a).toBe(b);
    const other = capture('another-secret-sixteen');
    other.log.info({ userId: 'u1' }, 'a');
    expect(JSON.parse(other.lines[0]).userId).not.toBe(a);
  });
});
