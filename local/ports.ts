import { createServer, Socket } from 'node:net';

/** Fails with one clear line when a port the local cloud needs is taken. */
export async function assertPortFree(port: number, what: string): Promise<void> {
  const free = await new Promise<boolean>((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '0.0.0.0', () => probe.close(() => resolve(true)));
  });
  if (!free) {
    throw new Error(
      `${what} cannot start: port ${port} is taken. Stop whatever uses it, or set CALLSANTA_PORT to another base port (the local cloud uses it and the next 8).`,
    );
  }
}

/** Resolves once something accepts TCP connections on the port, or rejects at the deadline. */
export async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = new Socket();
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
      socket.connect(port, '127.0.0.1');
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`Nothing answered on port ${port} within ${timeoutMs / 1000} s.`);
}
