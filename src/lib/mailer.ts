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

/**
 * How long an SMTP connection, greeting or silent socket may take, in ms: MAIL_SMTP_TIMEOUT_SECONDS, but never
 * more than half the mail claim's lease (nodemailer's defaults, 30 s for a greeting and 10 minutes for a silent
 * socket, outlast a lease, and another sender then takes the message over and sends it again).
 */
export function smtpTimeoutMs(config: Pick<Config, 'MAIL_SMTP_TIMEOUT_SECONDS' | 'JOB_LEASE_SECONDS'>): number {
  return Math.min(config.MAIL_SMTP_TIMEOUT_SECONDS, config.JOB_LEASE_SECONDS / 2) * 1000;
}

export function createMailer(config: Pick<Config, 'SMTP_URL' | 'MAIL_FROM' | 'MAIL_OUTBOX_DIR' | 'MAIL_SMTP_TIMEOUT_SECONDS' | 'JOB_LEASE_SECONDS'>): Mailer {
  let transport: Transporter;
  let mode: Mailer['mode'];
  if (config.SMTP_URL) {
    const timeout = smtpTimeoutMs(config);
    transport = nodemailer.createTransport({ url: config.SMTP_URL, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout });
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
