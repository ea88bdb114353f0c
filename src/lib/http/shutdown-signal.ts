import type { IncomingMessage } from 'node:http';

/**
 * Per request, a signal aborted when the service is shutting down and the grace period for in-flight requests
 * is over. Long work (an import) checks it at its checkpoints and answers with what it did so far, rather than
 * being cut off mid-write with no answer.
 */
const signals = new WeakMap<IncomingMessage, AbortSignal>();

export function attachShutdownSignal(req: IncomingMessage, signal: AbortSignal): void {
  signals.set(req, signal);
}

export function shutdownSignalOf(req: IncomingMessage): AbortSignal | undefined {
  return signals.get(req);
}
