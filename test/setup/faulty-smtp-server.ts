import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * SMTP servers on loopback that misbehave the way real ones do: one that accepts the connection and never says
 * hello, one that takes a message and never answers, one that refuses the sender's password (535), and one that
 * is slow to greet but then delivers. Each counts what it accepted, by Message-ID.
 */
export interface FaultySmtpServer {
  url: string;
  /** Message-IDs of messages accepted (answered 250), in order; a duplicate appears twice. */
  accepted: string[];
  /** Connections opened so far. */
  connections: number;
  close(): Promise<void>;
}

const listenOnLoopback = (server: Server) => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

/** Accepts TCP connections and never writes a byte: no greeting, ever. */
export async function startSilentSmtpServer(): Promise<FaultySmtpServer> {
  const sockets = new Set<Socket>();
  const state = { connections: 0 };
  const server = createServer((socket) => {
    state.connections += 1;
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  const port = await listenOnLoopback(server);
  return {
    url: `smtp://127.0.0.1:${port}`,
    accepted: [],
    get connections() { return state.connections; },
    close: () => new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}

type Behaviour = { greetAfterMs?: number; neverAnswerData?: boolean; refusePassword?: boolean };

/** A real SMTP server (smtp-server) with one fault: a slow greeting, a DATA never answered, or every password refused (535). */
export async function startMisbehavingSmtpServer(behaviour: Behaviour): Promise<FaultySmtpServer> {
  const accepted: string[] = [];
  const state = { connections: 0 };
  const server = new SMTPServer({
    logger: false,
    disabledCommands: behaviour.refusePassword ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !behaviour.refusePassword,
    allowInsecureAuth: true,
    onConnect(_session, callback) {
      state.connections += 1;
      if (behaviour.greetAfterMs) setTimeout(() => callback(), behaviour.greetAfterMs);
      else callback();
    },
    onAuth(_auth, _session, callback) {
      callback(Object.assign(new Error('Authentication credentials invalid'), { responseCode: 535 }));
    },
    onData(stream, _session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      stream.on('end', () => {
        if (behaviour.neverAnswerData) return; // holds the message and never replies
        accepted.push(/^message-id:\s*(\S+)/im.exec(raw)?.[1] ?? '');
        callback();
      });
    },
  });
  server.on('error', () => undefined);
  const port = await listenOnLoopback(server.server);
  return {
    url: behaviour.refusePassword ? `smtp://sender:wrong-password@127.0.0.1:${port}` : `smtp://127.0.0.1:${port}`,
    accepted,
    get connections() { return state.connections; },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
