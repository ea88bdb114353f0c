import { mkdirSync } from 'node:fs';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../config.js';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Stable per message, so a receiver can spot the rare duplicate after a crash between send and record. */
  messageId: string;
  headers?: Record<string, string>;
}

/** The mail transport: SMTP when SMTP_URL is set, otherwise .eml files in MAIL_OUTBOX_DIR (demo mode). */
export interface Mailer {
  send(mail: OutgoingMail): Promise<{ accepted: string[]; response: string }>;
  readonly mode: 'smtp' | 'files';
  close(): void;
}

export function createMailer(config: Pick<Config, 'SMTP_URL' | 'MAIL_FROM' | 'MAIL_OUTBOX_DIR'>): Mailer {
  let transport: Transporter;
  let mode: Mailer['mode'];
  if (config.SMTP_URL) {
    transport = nodemailer.createTransport(config.SMTP_URL);
    mode = 'smtp';
  } else {
    mkdirSync(config.MAIL_OUTBOX_DIR, { recursive: true });
    transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    mode = 'files';
  }
  return {
    mode,
    async send(mail) {
      const info = await transport.sendMail({
        from: config.MAIL_FROM,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html ? { html: mail.html } : {}),
        messageId: mail.messageId,
        headers: mail.headers ?? {},
      });
      if (mode === 'files') {
        const { writeFile } = await import('node:fs/promises');
        const safeName = mail.messageId.replace(/[^A-Za-z0-9._-]/g, '_');
        await writeFile(`${config.MAIL_OUTBOX_DIR}/${safeName}.eml`, (info as unknown as { message: Buffer }).message);
        return { accepted: [mail.to], response: 'written to file' };
      }
      return { accepted: (info.accepted as string[]) ?? [], response: String(info.response ?? '') };
    },
    close: () => transport.close(),
  };
}
