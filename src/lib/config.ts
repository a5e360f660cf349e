import path from 'node:path';

/** Configuration read from the environment once, at start-up. See README "Configuration". */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  smtpUrl: string | undefined;
  /** The sender of e-mails; default `Seconde Vie <no-reply@host of PUBLIC_URL>`. */
  mailFrom: string | undefined;
  publicUrl: string;
  sessionSecret: string | undefined;
  logLevel: string;
  /**
   * Which proxies to believe about the client's address and protocol: false, a number of hops (the
   * closest N), or a list of proxy addresses / CIDR ranges. Never "every hop": a client writes the
   * left part of X-Forwarded-For itself, and would choose its own address for each rate limit.
   */
  trustProxy: false | number | string;
  timeZone: string;
  /** Months without activity after which a beneficiary is anonymised (CNIL: 2 years after the last contact). */
  retentionMonths: number;
  /** Longest a server's SQL statement may run, in seconds (PostgreSQL only; 0: no limit). */
  statementTimeoutSeconds: number;
  /** The scheduled backup (README "Backups and restore"). */
  backup: BackupConfig;
}

export interface BackupConfig {
  /** BACKUP_DIR, default DATA_DIR/backups. */
  dir: string;
  /** BACKUP_KEEP: how many daily backups to keep (default 7). */
  keep: number;
  /** BACKUP_HOUR: the hour of the day (instance time zone) from which the daily backup runs (default 3); null when `off`. */
  hour: number | null;
  /** Whether BACKUP_DIR or BACKUP_HOUR was set: on PostgreSQL the scheduled backup runs only then. */
  configured: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number (0-65535), got "${env.PORT}"`);
  }
  const retentionMonths = Number(env.RETENTION_MONTHS || 24);
  if (!Number.isInteger(retentionMonths) || retentionMonths < 1 || retentionMonths > 240) {
    throw new Error(`RETENTION_MONTHS must be a number of months (1-240), got "${env.RETENTION_MONTHS}"`);
  }
  const backupHour = env.BACKUP_HOUR === 'off' ? null : Number(env.BACKUP_HOUR || 3);
  if (backupHour !== null && (!Number.isInteger(backupHour) || backupHour < 0 || backupHour > 23)) {
    throw new Error(`BACKUP_HOUR must be an hour (0-23) or "off", got "${env.BACKUP_HOUR}"`);
  }
  const backupKeep = Number(env.BACKUP_KEEP || 7);
  if (!Number.isInteger(backupKeep) || backupKeep < 1 || backupKeep > 366) {
    throw new Error(`BACKUP_KEEP must be a number of backups (1-366), got "${env.BACKUP_KEEP}"`);
  }
  const dataDir = path.resolve(env.DATA_DIR ?? 'data');
  const statementTimeoutSeconds = Number(env.STATEMENT_TIMEOUT_SECONDS || 30);
  if (
    !Number.isFinite(statementTimeoutSeconds) ||
    statementTimeoutSeconds < 0 ||
    statementTimeoutSeconds > 86_400
  ) {
    throw new Error(
      `STATEMENT_TIMEOUT_SECONDS must be a number of seconds (0 for no limit), got "${env.STATEMENT_TIMEOUT_SECONDS}"`,
    );
  }
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    adminEmail: env.ADMIN_EMAIL || undefined,
    adminPassword: env.ADMIN_PASSWORD || undefined,
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || undefined,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    sessionSecret: env.SESSION_SECRET || undefined,
    logLevel: env.LOG_LEVEL ?? 'info',
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    timeZone: env.TZ || 'Europe/Paris',
    retentionMonths,
    statementTimeoutSeconds,
    backup: {
      dir: env.BACKUP_DIR ? path.resolve(env.BACKUP_DIR) : path.join(dataDir, 'backups'),
      keep: backupKeep,
      hour: backupHour,
      configured: Boolean(env.BACKUP_DIR || env.BACKUP_HOUR),
    },
  };
}

/** `postgres://user:secret@host/db` → `postgres://user:***@host/db`, for messages and logs. */
export function maskDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/:\/\/([^:/@]+):[^@]*@/, '://$1:***@');
  }
}

/**
 * `TRUST_PROXY`: off (default); `true`/`yes` = one reverse proxy in front (the usual nginx); a number
 * of proxies in a row; or their addresses / CIDR ranges, comma-separated.
 */
export function parseTrustProxy(value: string | undefined): false | number | string {
  const text = (value ?? '').trim().toLowerCase();
  if (['', '0', 'false', 'no', 'off'].includes(text)) return false;
  if (['true', 'yes', 'on'].includes(text)) return 1;
  if (/^\d+$/.test(text)) return Number(text);
  return text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .join(',');
}
