import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

// One logger per process, shared by every copy of this module (the portal's server and Next's bundle
// each load their own): structured JSON lines for log collectors, or pino-pretty's readable lines when
// stdout is a terminal. LOG_LEVEL picks the level (default info); LOG_FORMAT=json|pretty overrides the
// terminal guess. Secrets are never written: the paths below are censored wherever they appear, and
// request lines carry no headers and a URL whose sensitive query values are replaced (redactUrl).

export type { Logger };

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const SECRET_KEYS = ['password', 'newPassword', 'currentPassword', 'token', 'secret', 'authorization', 'cookie', 'privateKey', 'clientSecret', 'webhookSecret', 'apiKey'];

export const REDACT_PATHS = [
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((key) => `*.${key}`),
  'headers.authorization',
  'headers.cookie',
  'headers["set-cookie"]',
  '*.headers.authorization',
  '*.headers.cookie',
  '*.headers["set-cookie"]',
];

/** Query parameters whose values never reach a log line (OAuth codes and states, tokens, passwords). */
const SECRET_QUERY = /^(code|state|token|access_token|password|secret|key|signature|sig)$/i;

/** The path and query of a request URL with sensitive query values replaced. */
export function redactUrl(url: string): string {
  const question = url.indexOf('?');
  if (question < 0) return url;
  const params = url
    .slice(question + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const name = equals < 0 ? pair : pair.slice(0, equals);
      let decoded = name;
      try {
        decoded = decodeURIComponent(name);
      } catch {
        // a malformed name is logged as sent
      }
      return equals >= 0 && SECRET_QUERY.test(decoded) ? `${name}=[redacted]` : pair;
    });
  return `${url.slice(0, question)}?${params.join('&')}`;
}

export class LogConfigError extends Error {}

export interface LoggerOptions {
  level?: string;
  format?: 'json' | 'pretty';
  destination?: NodeJS.WritableStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = (options.level ?? process.env.LOG_LEVEL)?.trim().toLowerCase() || 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    throw new LogConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}; got "${options.level ?? process.env.LOG_LEVEL}"`);
  }
  const formatSetting = options.format ?? process.env.LOG_FORMAT?.trim().toLowerCase();
  if (formatSetting && formatSetting !== 'json' && formatSetting !== 'pretty') throw new LogConfigError(`LOG_FORMAT must be json or pretty; got "${formatSetting}"`);
  const destination = options.destination ?? process.stdout;
  const format = formatSetting ?? ((destination as NodeJS.WriteStream).isTTY ? 'pretty' : 'json');
  const settings: pino.LoggerOptions = {
    level,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
  };
  if (format === 'pretty') {
    return pino(settings, pretty({ destination, colorize: (destination as NodeJS.WriteStream).isTTY ?? false, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid', sync: true }));
  }
  return pino(settings, options.destination ?? pino.destination({ dest: 1, sync: false }));
}

const KEY = Symbol.for('shepherd.logger');
const slot = globalThis as typeof globalThis & { [KEY]?: Logger };

/** The process's logger (created on first use from LOG_LEVEL / LOG_FORMAT). */
export function logger(): Logger {
  slot[KEY] ??= createLogger();
  return slot[KEY];
}

/** Replaces the process's logger (tests, and commands that log elsewhere). */
export function setLogger(next: Logger): void {
  slot[KEY] = next;
}

/** Writes what the async destination still holds; call it before exiting. */
export function flushLogs(): void {
  try {
    logger().flush();
  } catch {
    // a pretty stream has nothing buffered
  }
}
