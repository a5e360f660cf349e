import { createServer, type Server, type Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketHandler } from '@electric-sql/pglite-socket';

/**
 * Serves one PGlite to several `pg` connections on a Unix socket.
 *
 * PGlite is a single PostgreSQL session. pglite-socket's own multiplexer queues *messages* from all
 * connections and only keeps one connection's messages together inside a transaction: outside one, a
 * connection's Parse/Bind/Execute can interleave with another's, so one connection binds the other's
 * unnamed statement ("unnamed prepared statement does not exist", "portal does not exist", or worse,
 * the wrong statement run with the wrong parameters). Seen here with a pool of 8 under concurrent
 * requests. This queue hands the session to one connection for a whole exchange: from its first
 * message up to the Sync (or simple Query) that ends it, and for as long as that connection holds a
 * transaction open. Other connections wait their turn, as PostgreSQL's own locking would make them.
 */
class ExchangeQueue {
  private readonly waiting: {
    handlerId: number;
    message: Uint8Array;
    onData: (d: Uint8Array) => void;
    resolve: (n: number) => void;
    reject: (e: unknown) => void;
  }[] = [];
  private owner: number | null = null;
  private running = false;

  constructor(private readonly db: PGlite) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ handlerId, message, onData, resolve, reject });
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.waiting.length > 0) {
        const index = this.owner === null ? 0 : this.waiting.findIndex((w) => w.handlerId === this.owner);
        if (index === -1) break; // the owner is mid-exchange: wait for its next message
        const [item] = this.waiting.splice(index, 1);
        if (!item) break;
        this.owner = item.handlerId;
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item.message, {
              onRawData: (data: Uint8Array) => {
                bytes += data.length;
                item.onData(data);
              },
            }),
          );
          item.resolve(bytes);
        } catch (err) {
          item.reject(err);
        }
        if (endsExchange(item.message) && !this.db.isInTransaction()) this.owner = null;
      }
    } finally {
      this.running = false;
    }
  }

  getQueueLength(): number {
    return this.waiting.length;
  }

  clearQueueForHandler(handlerId: number): void {
    for (let i = this.waiting.length - 1; i >= 0; i--) {
      const item = this.waiting[i];
      if (item?.handlerId === handlerId) {
        this.waiting.splice(i, 1);
        item.reject(new Error('connection closed'));
      }
    }
  }

  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.owner !== handlerId) return;
    // A connection that vanished mid-transaction must not leave the session inside it.
    if (this.db.isInTransaction()) await this.db.exec('ROLLBACK');
    this.owner = null;
    await this.drain();
  }
}

const PROTOCOL_3 = 196608;

/** Sync ('S'), a simple Query ('Q'), Terminate ('X') or the start-up message close an exchange. */
function endsExchange(message: Uint8Array): boolean {
  if (message.length >= 8) {
    const view = new DataView(message.buffer, message.byteOffset, message.byteLength);
    if (view.getInt32(4) === PROTOCOL_3) return true;
  }
  const type = message[0];
  return type === 0x53 || type === 0x51 || type === 0x58;
}

export interface PGliteSocketServer {
  stop(): Promise<void>;
}

/** Listens on `path` (a Unix socket) and serves `db` to up to `maxConnections` clients. */
export async function servePGlite(
  db: PGlite,
  path: string,
  maxConnections: number,
): Promise<PGliteSocketServer> {
  await db.waitReady;
  const queue = new ExchangeQueue(db);
  const handlers = new Set<PGLiteSocketHandler>();
  const server: Server = createServer((socket: Socket) => {
    if (handlers.size >= maxConnections) {
      socket.end();
      return;
    }
    const handler = new PGLiteSocketHandler({
      // The handler only calls enqueue/clearQueueForHandler/clearTransactionIfNeeded; the declared type
      // is the library's own class with private fields, which no other implementation can match.
      queryQueue: queue as unknown as ConstructorParameters<typeof PGLiteSocketHandler>[0]['queryQueue'],
      closeOnDetach: true,
    });
    handlers.add(handler);
    const forget = () => handlers.delete(handler);
    handler.addEventListener('close', forget);
    handler.addEventListener('error', forget);
    handler.attach(socket).catch(() => {
      forget();
      socket.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => resolve());
  });
  return {
    async stop() {
      for (const handler of handlers) await handler.detach(true);
      handlers.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
