import http from 'node:http';

/**
 * A POST whose body arrives in two halves: the request is in flight (routed, its body being read) until
 * `finish()` sends the rest. Stands for a slow upload from an old machine on a poor connection.
 */
export function startSlowPost(
  port: number,
  url: string,
  body: unknown,
): { finish(): void; response: Promise<{ status: number; body: string }> } {
  const text = JSON.stringify(body);
  const half = Math.floor(text.length / 2);
  const request = http.request({
    host: '127.0.0.1',
    port,
    path: url,
    method: 'POST',
    agent: false,
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) },
  });
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    request.on('response', (res) => {
      let received = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        received += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: received }));
    });
    request.on('error', reject);
  });
  request.write(text.slice(0, half));
  return { finish: () => request.end(text.slice(half)), response };
}

/** What a new request gets: its status, or the connection error's code (ECONNREFUSED once closed). */
export async function tryRequest(port: number, url: string): Promise<number | string> {
  try {
    return (await fetch(`http://127.0.0.1:${port}${url}`)).status;
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause;
    return cause?.code ?? String(err);
  }
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
