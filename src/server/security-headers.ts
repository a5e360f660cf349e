/**
 * The security headers (helmet's), computed once at start-up. `@fastify/helmet` rebuilt them and
 * re-parsed the Content-Security-Policy on every request (~5 % of an API request's time under load,
 * bench/api-throughput.ts); nothing here depends on the request (no nonce), so one computation serves all.
 */
import helmet, { type HelmetOptions } from 'helmet';

/** The headers helmet would set for `options`, and those it would remove. */
export function securityHeaders(options: HelmetOptions): { set: Record<string, string>; remove: string[] } {
  const set: Record<string, string> = {};
  const remove: string[] = [];
  const response = {
    setHeader(name: string, value: string) {
      set[name] = value;
    },
    removeHeader(name: string) {
      remove.push(name);
    },
  };
  let done = false;
  // helmet's middleware only calls setHeader/removeHeader on the response, then next(); the request is unused.
  helmet(options)({} as never, response as never, () => {
    done = true;
  });
  if (!done) throw new Error('helmet did not finish synchronously');
  return { set, remove };
}
