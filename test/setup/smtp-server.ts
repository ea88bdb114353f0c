import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A message as it arrived: envelope recipients plus the parsed headers and bodies. */
export interface CapturedMail {
  envelopeTo: string[];
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers: Map<string, unknown>;
  raw: string;
}

export interface TestSmtpServer {
  /** smtp://127.0.0.1:<port> for SMTP_URL. */
  url: string;
  port: number;
  /** Every message accepted so far, in arrival order. */
  messages: CapturedMail[];
  /** Answer the next `count` messages with a temporary failure (451 by default) instead of accepting them. */
  refuseNext(count: number, code?: number): void;
  /** Stop listening (connections are refused) until up(); the port is kept. */
  down(): Promise<void>;
  up(): Promise<void>;
  /** Delay each accepted message by `ms` before answering (to catch a sender mid-run). */
  delayEachBy(ms: number): void;
  waitForMessages(count: number, timeoutMs?: number): Promise<CapturedMail[]>;
  close(): Promise<void>;
}

/**
 * A real SMTP server on loopback (smtp-server), capturing what arrives and parsing it with mailparser, so tests
 * assert on mail as a receiving server sees it. No TLS or authentication: it only listens on 127.0.0.1.
 */
export async function startTestSmtpServer(): Promise<TestSmtpServer> {
  const messages: CapturedMail[] = [];
  let refusals: { remaining: number; code: number } = { remaining: 0, code: 451 };
  let delayMs = 0;
  let port = 0;
  let isUp = false;

  const create = () =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', async () => {
          if (refusals.remaining > 0) {
            refusals.remaining -= 1;
            const error = Object.assign(new Error('Try again later (test refusal)'), { responseCode: refusals.code });
            return callback(error);
          }
          const raw = Buffer.concat(chunks).toString('utf8');
          const parsed = await simpleParser(raw);
          if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
          messages.push({
            envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            to: Array.isArray(parsed.to) ? parsed.to.map((to) => to.text).join(', ') : (parsed.to?.text ?? ''),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            messageId: parsed.messageId ?? '',
            headers: parsed.headers,
            raw,
          });
          callback();
        });
      },
    });

  let server = create();
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        port = (server.server.address() as AddressInfo).port;
        isUp = true;
        resolve();
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (!isUp) return resolve();
      isUp = false;
      server.close(() => resolve());
    });
  await listen();

  const api: TestSmtpServer = {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    refuseNext(count, code = 451) {
      refusals = { remaining: count, code };
    },
    down: stop,
    async up() {
      if (isUp) return;
      server = create();
      await listen();
    },
    delayEachBy(ms) {
      delayMs = ms;
    },
    async waitForMessages(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (messages.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} messages, got ${messages.length}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      return messages;
    },
    close: stop,
  };
  return api;
}
